import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { PrintPdfRequest, PrintPdfResult } from './bridge';
import { secureWebPreferences } from './window';

/**
 * Printing a PDF from Electron (the Patto per il buon lavoro): the renderer sends the bytes over
 * `ixl:printPdf`; the main side writes them to a private temporary file, opens it in a hidden window of
 * its own (Chromium's PDF viewer, no preload, sandboxed) and calls webContents.print, which shows the
 * system print dialog; then the window closes and the file is deleted. What can be checked without the
 * Electron binary lives here: the request's validation, the window's options, the outcome's wording.
 */

/** 60 MB of base64: far above a one-page form, far below trouble. */
export const MAX_PRINT_BASE64_LENGTH = 60 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type PrintPdfParse = { ok: true; title: string; bytes: Buffer } | { ok: false; message: string };

/** Only a real PDF (it starts with "%PDF-") with a short plain title is printed. */
export function parsePrintPdfRequest(arg: unknown): PrintPdfParse {
  if (typeof arg !== 'object' || arg === null) return { ok: false, message: 'Richiesta di stampa non valida' };
  const { title, base64 } = arg as Partial<PrintPdfRequest>;
  if (typeof title !== 'string' || title.length > 200) return { ok: false, message: 'Titolo del documento non valido' };
  if (typeof base64 !== 'string') return { ok: false, message: 'Documento da stampare non valido' };
  if (base64.length > MAX_PRINT_BASE64_LENGTH) return { ok: false, message: 'Documento troppo grande per la stampa' };
  if (base64.length === 0 || base64.length % 4 !== 0 || !BASE64.test(base64)) return { ok: false, message: 'Documento da stampare non valido' };
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { ok: false, message: 'Si stampano solo documenti PDF' };
  const clean = title.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return { ok: true, title: clean || 'Documento IXL Desk', bytes };
}

/** A fresh, unguessable file name in the temporary folder, for one print. */
export function printTempFile(tempDir: string): string {
  return path.join(tempDir, `ixl-stampa-${randomUUID()}.pdf`);
}

/**
 * The print window: hidden, no preload (it needs no bridge), every security flag of the main window,
 * plus the PDF viewer (plugins) and no background throttling (a hidden window must still render).
 */
export function printWindowOptions(title: string): BrowserWindowConstructorOptions {
  const { preload: _preload, ...secure } = secureWebPreferences('');
  return {
    show: false,
    width: 900,
    height: 1100,
    title,
    webPreferences: { ...secure, plugins: true, backgroundThrottling: false, devTools: false },
  };
}

/** The PDF viewer renders the document a little after the load event; printing earlier gives blank pages. */
export const PDF_VIEWER_SETTLE_MS = 600;
/** A print never takes this long without the user: the window is closed and the file deleted anyway. */
export const PRINT_TIMEOUT_MS = 10 * 60 * 1000;

/** webContents.print's callback, in the renderer's words. */
export function printOutcome(success: boolean, failureReason: string | undefined): PrintPdfResult {
  if (success) return { printed: true, message: 'Documento inviato alla stampante' };
  if (failureReason === 'cancelled') return { printed: false, message: 'Stampa annullata' };
  return { printed: false, message: 'Stampa non riuscita: controllare la stampante e riprovare' };
}
