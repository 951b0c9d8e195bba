import fs from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../shared/security';
import { mimeTypeFor, resolveStatic } from '../web/staticFiles';

/**
 * The `app://ixl/` protocol handler: serves the built renderer (build/renderer, on disk or inside the
 * asar) with the CSP on every response. Path resolution and MIME types are the web host's, so both
 * hosts serve the renderer the same way. Only Node and the fetch Request/Response classes are used,
 * so it is tested without Electron; main.ts passes it to `protocol.handle`.
 */

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * The file to serve for a URL path, or null when the path would leave `root`. The root, folders
 * and paths without an extension that match no file (client-side routes such as `/casi/12`, so a
 * reload keeps working) get index.html.
 */
export async function appFileFor(root: string, urlPath: string): Promise<string | null> {
  const file = resolveStatic(root, urlPath);
  if (file === null) return null;
  if (await isFile(file)) return file;
  const index = path.join(path.resolve(root), 'index.html');
  return path.extname(file) === '' ? index : file;
}

/** Builds the handler for `protocol.handle('app', ...)`. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Richiesta non valida');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return textResponse(404, 'Non trovato');
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Metodo non consentito');
    const file = await appFileFor(root, url.pathname);
    if (file === null) return textResponse(403, 'Accesso negato');
    let body: Buffer;
    try {
      body = await fs.promises.readFile(file);
    } catch {
      return textResponse(404, 'Non trovato');
    }
    const headers = { ...BASE_HEADERS, 'Content-Type': mimeTypeFor(file) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { status: 200, headers });
  };
}
