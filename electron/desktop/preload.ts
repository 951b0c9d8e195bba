import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DatabaseEvent, InvokeResult, IpcChannel, IxlBridge, MenuCommand, PrintPdfResult, ProgressUpdate } from './bridge';

/**
 * The preload: exposes `window.ixl` (see bridge.ts) and nothing else. It runs sandboxed, where
 * `require` only knows 'electron': hence no value imports from our own modules and the channel
 * names written here (typed against bridge.ts, so they cannot drift).
 */

const INVOKE: IpcChannel = 'ixl:invoke';
const SAVE_FILE: IpcChannel = 'ixl:saveFile';
const SAVE_JOB: IpcChannel = 'ixl:saveJob';
const PROGRESS: IpcChannel = 'ixl:progress';
const DATABASE: IpcChannel = 'ixl:database';
const MENU: IpcChannel = 'ixl:menu';
const PRINT_PDF: IpcChannel = 'ixl:printPdf';

/** Electron prefixes errors from the main side ("Error invoking remote method '…': Error: "): keep the Italian message only. */
function cleanError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, ''));
}

/** Listens on a channel, passing on only well-formed payloads and never the IPC event itself. */
function subscribe<T>(channel: IpcChannel, isValid: (payload: unknown) => payload is T, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: unknown) => {
    if (isValid(payload)) listener(payload);
  };
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

function isProgressUpdate(x: unknown): x is ProgressUpdate {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  return (
    typeof e.jobId === 'string' &&
    typeof e.done === 'number' &&
    typeof e.total === 'number' &&
    typeof e.label === 'string' &&
    (e.state === 'running' || e.state === 'done' || e.state === 'error' || e.state === 'cancelled')
  );
}

function isDatabaseEvent(x: unknown): x is DatabaseEvent {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  if (e.type === 'change') return Array.isArray(e.entities) && e.entities.every((entity) => typeof entity === 'string');
  return e.type === 'link' && (e.link === 'local' || e.link === 'connected' || e.link === 'disconnected');
}

function isMenuCommand(x: unknown): x is MenuCommand {
  return x === 'backup';
}

const bridge: IxlBridge = {
  platform: 'electron',
  invoke: (method, input, token) => ipcRenderer.invoke(INVOKE, method, input, token).then((r: InvokeResult) => r, (e: unknown) => Promise.reject(cleanError(e))),
  onProgress: (listener) => subscribe(PROGRESS, isProgressUpdate, listener),
  onDatabase: (listener) => subscribe(DATABASE, isDatabaseEvent, listener),
  onMenu: (listener) => subscribe(MENU, isMenuCommand, listener),
  saveFile: (suggestedName, base64) =>
    ipcRenderer.invoke(SAVE_FILE, { suggestedName, base64 }).then((p: string | null) => p, (e: unknown) => Promise.reject(cleanError(e))),
  saveJob: (jobId) => ipcRenderer.invoke(SAVE_JOB, jobId).then((p: string | null) => p, (e: unknown) => Promise.reject(cleanError(e))),
  printPdf: (title, base64) =>
    ipcRenderer.invoke(PRINT_PDF, { title, base64 }).then((r: PrintPdfResult) => r, (e: unknown) => Promise.reject(cleanError(e))),
};

contextBridge.exposeInMainWorld('ixl', bridge);
