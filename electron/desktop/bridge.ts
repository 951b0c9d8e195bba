import type { CallResult } from '../contract/errors';
import type { JobEvent } from '../contract/jobs';
import type { ChangeEvent } from '../../db/changes';

/**
 * What the preload exposes to the renderer as `window.ixl` (types only: the renderer declares
 * `interface Window { ixl?: IxlBridge }`, and `window.ixl` absent means browser mode).
 */

/** One API call's outcome, exactly as `dispatch` returns it. */
export type InvokeResult = CallResult;

/** Progress of a job (export, report file, later imports), sent on 'ixl:progress'. */
export type ProgressUpdate = JobEvent;

/** What other desks changed on a shared database, and whether it is reachable; sent on 'ixl:database'. */
export type DatabaseEvent = ChangeEvent;

/** Menu items the renderer carries out, because they need the logged-in user (see main.ts). */
export type MenuCommand = 'backup';

export interface IxlBridge {
  readonly platform: 'electron';
  /** Calls an API method; never rejects for API errors (they come back as `{ok: false}`). */
  invoke(method: string, input: unknown, token: string | null): Promise<InvokeResult>;
  /** Subscribes to the jobs' progress events; returns the function that unsubscribes. */
  onProgress(listener: (event: ProgressUpdate) => void): () => void;
  /** Subscribes to the shared database's events (changes by other desks, connection); returns the function that unsubscribes. */
  onDatabase(listener: (event: DatabaseEvent) => void): () => void;
  /** Subscribes to menu commands (File → Backup ora); returns the function that unsubscribes. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /**
   * Shows a save dialog proposing `suggestedName` and writes the bytes (base64) there.
   * Resolves to the chosen path, or null when the user cancels; rejects with an Italian message.
   */
  saveFile(suggestedName: string, base64: string): Promise<string | null>;
  /**
   * Shows a save dialog proposing a job's file name while the job runs, then puts its file there.
   * Resolves to the chosen path, or null when the user cancels (the job is then cancelled too);
   * rejects with the job's Italian message when it fails.
   */
  saveJob(jobId: string): Promise<string | null>;
  /**
   * Shows the system print dialog for a PDF (bytes in base64). Resolves with whether it was sent to
   * the printer and an Italian message; rejects with an Italian message when the request is refused.
   */
  printPdf(title: string, base64: string): Promise<PrintPdfResult>;
}

/** The IPC channels between preload and main. */
export type IpcChannel = 'ixl:invoke' | 'ixl:saveFile' | 'ixl:saveJob' | 'ixl:progress' | 'ixl:database' | 'ixl:menu' | 'ixl:printPdf';

/** The payload of 'ixl:saveFile'. */
export interface SaveFileRequest {
  suggestedName: string;
  base64: string;
}

/** The payload of 'ixl:printPdf'. */
export interface PrintPdfRequest {
  title: string;
  base64: string;
}

export interface PrintPdfResult {
  printed: boolean;
  message: string;
}
