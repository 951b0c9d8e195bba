import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { AppCore } from '../api/core';
import type { InvokeResult, IpcChannel, MenuCommand, PrintPdfResult, ProgressUpdate } from './bridge';
import { parseInvokeArgs, parseJobId, parseSaveFileRequest, saveDialogFilters } from './ipcArgs';
import { jobsOf } from '../jobs/runner';
import { parsePrintPdfRequest, PDF_VIEWER_SETTLE_MS, PRINT_TIMEOUT_MS, printOutcome, printTempFile, printWindowOptions } from './printPdf';
import { isTrustedSender } from '../shared/security';

/** The main side of the bridge: every call is checked for its sender and its arguments. */

const INVOKE: IpcChannel = 'ixl:invoke';
const SAVE_FILE: IpcChannel = 'ixl:saveFile';
const SAVE_JOB: IpcChannel = 'ixl:saveJob';
const PROGRESS: IpcChannel = 'ixl:progress';
const DATABASE: IpcChannel = 'ixl:database';
const MENU: IpcChannel = 'ixl:menu';
const PRINT_PDF: IpcChannel = 'ixl:printPdf';

/** Only the main frame of our window, showing our own pages, may call the API. */
function isFromMainWindow(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  return (
    win !== null &&
    !win.isDestroyed() &&
    event.sender === win.webContents &&
    frame !== null &&
    frame.parent === null &&
    isTrustedSender(frame.url)
  );
}

const REFUSED = 'Richiesta non autorizzata';

/**
 * Prints a PDF through the system print dialog: a private temporary file shown by Chromium's PDF
 * viewer in a hidden window of our own (see printPdf.ts), closed and deleted afterwards.
 */
async function printPdfFile(parent: BrowserWindow, title: string, bytes: Buffer): Promise<PrintPdfResult> {
  const file = printTempFile(app.getPath('temp'));
  await fs.promises.writeFile(file, bytes, { mode: 0o600 });
  const win = new BrowserWindow({ ...printWindowOptions(title), parent });
  try {
    await win.loadFile(file);
    await new Promise((resolve) => setTimeout(resolve, PDF_VIEWER_SETTLE_MS));
    return await new Promise<PrintPdfResult>((resolve) => {
      const timer = setTimeout(() => resolve(printOutcome(false, 'timeout')), PRINT_TIMEOUT_MS);
      win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        clearTimeout(timer);
        resolve(printOutcome(success, failureReason));
      });
    });
  } catch (error) {
    console.error('[ixl] stampa non riuscita:', error);
    return printOutcome(false, 'failed');
  } finally {
    if (!win.isDestroyed()) win.destroy();
    await fs.promises.rm(file, { force: true }).catch(() => undefined);
  }
}

export function registerIpc(core: AppCore, getWindow: () => BrowserWindow | null): void {
  // typed Promise<InvokeResult>: dispatch's result must stay what the bridge promises the renderer
  ipcMain.handle(INVOKE, (event, ...args: unknown[]): Promise<InvokeResult> => {
    if (!isFromMainWindow(event, getWindow())) throw new Error(REFUSED);
    const parsed = parseInvokeArgs(args);
    if (!parsed) throw new Error('Chiamata non valida');
    return core.call(parsed.method, parsed.input, parsed.token);
  });

  ipcMain.handle(SAVE_FILE, async (event, ...args: unknown[]): Promise<string | null> => {
    const win = getWindow();
    if (!isFromMainWindow(event, win) || !win) throw new Error(REFUSED);
    const request = parseSaveFileRequest(args[0]);
    if (!request.ok) throw new Error(request.message);
    const choice = await dialog.showSaveDialog(win, {
      title: 'Salva file',
      buttonLabel: 'Salva',
      defaultPath: path.join(app.getPath('documents'), request.name),
      filters: saveDialogFilters(request.name),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return null;
    try {
      await fs.promises.writeFile(choice.filePath, request.bytes);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'EACCES' || (error as NodeJS.ErrnoException).code === 'EPERM' ? 'permesso negato' : 'errore di scrittura';
      throw new Error(`Impossibile salvare il file «${path.basename(choice.filePath)}»: ${reason}`);
    }
    return choice.filePath;
  });

  // a job's file: the user chooses where while the worker writes it, then it is moved there (no bytes cross IPC)
  ipcMain.handle(SAVE_JOB, async (event, ...args: unknown[]): Promise<string | null> => {
    const win = getWindow();
    if (!isFromMainWindow(event, win) || !win) throw new Error(REFUSED);
    const jobId = parseJobId(args);
    const jobs = jobsOf(core.store);
    const job = jobId ? jobs.info(jobId) : null;
    if (!jobId || !job) throw new Error('Operazione non trovata o già conclusa');
    const choice = await dialog.showSaveDialog(win, {
      title: 'Salva file',
      buttonLabel: 'Salva',
      defaultPath: path.join(app.getPath('documents'), job.fileName),
      filters: saveDialogFilters(job.fileName),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) {
      jobs.cancel(jobId, job.owner);
      return null;
    }
    await jobs.saveTo(jobId, choice.filePath);
    return choice.filePath;
  });

  // every job's progress goes to the window, whose progress bars pick their own
  jobsOf(core.store).subscribe((update) => sendProgress(getWindow(), update));
  // on a shared database: what other desks changed, and whether the server is reachable
  core.changes().subscribe((update) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(DATABASE, update);
  });

  ipcMain.handle(PRINT_PDF, async (event, ...args: unknown[]): Promise<PrintPdfResult> => {
    const win = getWindow();
    if (!isFromMainWindow(event, win) || !win) throw new Error(REFUSED);
    const request = parsePrintPdfRequest(args[0]);
    if (!request.ok) throw new Error(request.message);
    return printPdfFile(win, request.title, request.bytes);
  });
}

/** Sends a long operation's progress to the window (for the progress bar). */
export function sendProgress(win: BrowserWindow | null, event: ProgressUpdate): void {
  if (win && !win.isDestroyed()) win.webContents.send(PROGRESS, event);
}

export function sendMenuCommand(win: BrowserWindow | null, command: MenuCommand): void {
  if (win && !win.isDestroyed()) win.webContents.send(MENU, command);
}
