import path from 'node:path';
import type { SaveFileRequest } from './bridge';

/**
 * Validation of what arrives over IPC. A compromised renderer can send anything, so every
 * argument is checked here before it reaches the API or the file system. Pure, tested without Electron.
 */

export interface InvokeArgs {
  method: string;
  input: unknown;
  token: string | null;
}

/** `ixl:invoke` takes exactly (method: string, input: any, token: string | null). */
export function parseInvokeArgs(args: readonly unknown[]): InvokeArgs | null {
  if (args.length !== 3) return null;
  const [method, input, token] = args;
  if (typeof method !== 'string' || method.length === 0 || method.length > 200) return null;
  if (token !== null && (typeof token !== 'string' || token.length > 1000)) return null;
  return { method, input, token };
}

/** 300 MB of base64 ≈ 225 MB of file: far above any export, far below trouble. */
export const MAX_SAVE_BASE64_LENGTH = 300 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A file name safe on every system: no folders, no characters Windows refuses, no leading dots
 * (hidden files), not empty.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[<>:"|?*\u0000-\u001f\u007f]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 200);
  return cleaned === '' ? 'documento' : cleaned;
}

export type SaveFileParse = { ok: true; name: string; bytes: Buffer } | { ok: false; message: string };

export function parseSaveFileRequest(arg: unknown): SaveFileParse {
  if (typeof arg !== 'object' || arg === null) return { ok: false, message: 'Richiesta di salvataggio non valida' };
  const { suggestedName, base64 } = arg as Partial<SaveFileRequest>;
  if (typeof suggestedName !== 'string' || suggestedName.length > 255) return { ok: false, message: 'Nome del file non valido' };
  if (typeof base64 !== 'string') return { ok: false, message: 'Contenuto del file non valido' };
  if (base64.length > MAX_SAVE_BASE64_LENGTH) return { ok: false, message: 'File troppo grande' };
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return { ok: false, message: 'Contenuto del file non valido' };
  return { ok: true, name: safeFileName(suggestedName), bytes: Buffer.from(base64, 'base64') };
}

/** `ixl:saveJob` takes a job id as the API gave it (a UUID), nothing else. */
export function parseJobId(args: readonly unknown[]): string | null {
  const [jobId] = args;
  return args.length === 1 && typeof jobId === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(jobId) ? jobId : null;
}

const FILTERS: Readonly<Record<string, { name: string; extensions: string[] }>> = {
  '.xlsx': { name: 'Cartella di lavoro Excel', extensions: ['xlsx'] },
  '.pdf': { name: 'Documento PDF', extensions: ['pdf'] },
  '.csv': { name: 'File CSV', extensions: ['csv'] },
  '.zip': { name: 'Archivio ZIP', extensions: ['zip'] },
  '.sqlite': { name: 'Database IXL Desk', extensions: ['sqlite'] },
  '.ixlbak': { name: 'Backup cifrato IXL Desk', extensions: ['ixlbak'] },
  '.json': { name: 'File JSON', extensions: ['json'] },
};

/** The save dialog's file type filters: the file's own type first, then every file. */
export function saveDialogFilters(fileName: string): { name: string; extensions: string[] }[] {
  const own = FILTERS[path.extname(fileName).toLowerCase()];
  return [...(own ? [own] : []), { name: 'Tutti i file', extensions: ['*'] }];
}
