import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPactPdf } from '../services/pacts/pactPdf';
import { MAX_PRINT_BASE64_LENGTH, parsePrintPdfRequest, printOutcome, printTempFile, printWindowOptions } from './printPdf';

/** What Electron's print capability checks before a PDF reaches the print window (no Electron binary here). */
describe('parsePrintPdfRequest', () => {
  it('accepts a real PDF and keeps a plain title', async () => {
    const pdf = Buffer.from(await renderPactPdf(null));
    const parsed = parsePrintPdfRequest({ title: 'Patto\u0007 PBL-2026-00001', base64: pdf.toString('base64') });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.title).toBe('Patto  PBL-2026-00001');
      expect(parsed.bytes.equals(pdf)).toBe(true);
    }
  });

  it('refuses anything that is not a PDF, with Italian messages', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
    expect(parsePrintPdfRequest(null)).toEqual({ ok: false, message: 'Richiesta di stampa non valida' });
    expect(parsePrintPdfRequest('%PDF-')).toEqual({ ok: false, message: 'Richiesta di stampa non valida' });
    expect(parsePrintPdfRequest({ title: 3, base64: '' })).toEqual({ ok: false, message: 'Titolo del documento non valido' });
    expect(parsePrintPdfRequest({ title: 'x'.repeat(201), base64: 'JVBERi0=' })).toEqual({ ok: false, message: 'Titolo del documento non valido' });
    expect(parsePrintPdfRequest({ title: 'a', base64: 'non base64!' })).toEqual({ ok: false, message: 'Documento da stampare non valido' });
    expect(parsePrintPdfRequest({ title: 'a', base64: '' })).toEqual({ ok: false, message: 'Documento da stampare non valido' });
    expect(parsePrintPdfRequest({ title: 'a', base64: png })).toEqual({ ok: false, message: 'Si stampano solo documenti PDF' });
    expect(parsePrintPdfRequest({ title: 'a', base64: 'A'.repeat(MAX_PRINT_BASE64_LENGTH + 4) })).toEqual({ ok: false, message: 'Documento troppo grande per la stampa' });
  });
});

describe('printWindowOptions', () => {
  it('is hidden, has no preload and keeps every security flag, with the PDF viewer on', () => {
    const options = printWindowOptions('Patto PBL-2026-00001');
    expect(options.show).toBe(false);
    expect(options.title).toBe('Patto PBL-2026-00001');
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: true,
      backgroundThrottling: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('preload');
  });
});

describe('printTempFile', () => {
  it('is a new unguessable PDF name inside the temporary folder', () => {
    const dir = os.tmpdir();
    const a = printTempFile(dir);
    const b = printTempFile(dir);
    expect(path.dirname(a)).toBe(dir);
    expect(a).toMatch(/ixl-stampa-[0-9a-f-]{36}\.pdf$/);
    expect(a).not.toBe(b);
    expect(fs.existsSync(a)).toBe(false);
  });
});

describe('printOutcome', () => {
  it('tells the user what happened, in Italian', () => {
    expect(printOutcome(true, undefined)).toEqual({ printed: true, message: 'Documento inviato alla stampante' });
    expect(printOutcome(false, 'cancelled')).toEqual({ printed: false, message: 'Stampa annullata' });
    expect(printOutcome(false, 'failed').printed).toBe(false);
    expect(printOutcome(false, 'failed').message).toMatch(/^Stampa non riuscita/);
  });
});
