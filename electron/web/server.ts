import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ERROR_STATUS, type ApiErrorBody } from '../contract/errors';
import { describeMethods } from '../api/dispatch';
import type { AppCore } from '../api/core';
import { CONTENT_SECURITY_POLICY } from '../shared/security';
import { mimeTypeFor, resolveStatic } from './staticFiles';
import type { JobEvent } from '../contract/jobs';
import { jobsOf, type JobRunner } from '../jobs/runner';
import type { ChangeEvent, ChangeFeed } from '../../db/changes';

/**
 * Browser mode and e2e host: serves the built renderer and `POST /rpc/<method>` on 127.0.0.1 only.
 * Every /rpc call needs `Authorization: Bearer <secret>` (random per run unless IXL_WEB_TOKEN is set);
 * the logged-in user's session travels in `X-IXL-Session`. Jobs (exports, report files) report on
 * `GET /events` (Server-Sent Events) and deliver on `GET /download/<jobId>`, both with the secret.
 */
export interface WebHostOptions {
  core: AppCore;
  port: number;
  secret: string;
  /** Folder with the built renderer (index.html); null serves the API only. */
  staticDir: string | null;
  maxBodyBytes?: number;
}
export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 40 * 1024 * 1024; // attachments and database restores travel as base64
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(data) });
  res.end(data);
}
function sendError(res: http.ServerResponse, error: ApiErrorBody): void {
  sendJson(res, ERROR_STATUS[error.code], { error });
}

/**
 * The secret from `Authorization: Bearer …`, or from `?token=` for the two GETs a page cannot add a
 * header to: the EventSource of /events and a plain download link.
 */
function secretMatches(header: string | undefined, secret: string, query: string | null = null): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : (query ?? ''));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Where a call comes from, for the login throttle and the audit log: the browser's address (IPv4 without its IPv6 prefix). */
function requestHost(req: http.IncomingMessage): string {
  return `browser ${(req.socket.remoteAddress ?? 'sconosciuto').replace(/^::ffff:/, '')}`;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return resolve('too-large');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        resolve('too-large');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `attachment` with the Italian file name: an ASCII fallback and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** GET /download/<jobId>: a finished job's file, streamed from disk, then deleted (a link works once). */
function serveDownload(res: http.ServerResponse, jobs: JobRunner, jobId: string): void {
  const file = jobs.take(jobId);
  if (!file) {
    const running = jobs.status(jobId)?.state === 'running';
    return sendError(res, running ? { code: 'CONFLICT', message: 'Il file non è ancora pronto' } : { code: 'NOT_FOUND', message: 'File non trovato: esportare di nuovo' });
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.mimeType,
    'Content-Length': fs.statSync(file.path).size,
    'Content-Disposition': contentDisposition(file.fileName),
    'Cache-Control': 'no-store',
  });
  const stream = fs.createReadStream(file.path);
  res.once('close', () => {
    stream.destroy();
    file.release();
  });
  stream.pipe(res);
}

/**
 * GET /events: Server-Sent Events — the jobs' progress, starting with where each known job stands, and
 * on a shared database what other desks changed (`change`) and whether the server is reachable
 * (`link`, sent first).
 */
function serveEvents(req: http.IncomingMessage, res: http.ServerResponse, jobs: JobRunner, changes: ChangeFeed, open: Set<http.ServerResponse>): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  const send = (event: JobEvent) => res.write(`event: job\ndata: ${JSON.stringify(event)}\n\n`);
  const sendChange = (event: ChangeEvent) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  res.write('retry: 2000\n\n');
  sendChange({ type: 'link', link: changes.link });
  for (const event of jobs.snapshot()) send(event);
  const unsubscribe = jobs.subscribe(send);
  const unsubscribeChanges = changes.subscribe(sendChange);
  // a comment now and then keeps proxies and idle timers from closing the stream
  const keepAlive = setInterval(() => res.write(': \n\n'), 25_000);
  open.add(res);
  req.once('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
    unsubscribeChanges();
    open.delete(res);
  });
}

function serveStatic(res: http.ServerResponse, staticDir: string | null, urlPath: string): void {
  if (!staticDir || !fs.existsSync(path.join(staticDir, 'index.html'))) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Interfaccia non compilata: eseguire "npm run build" e riavviare.');
    return;
  }
  const root = path.resolve(staticDir);
  let file = resolveStatic(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!file) {
    res.writeHead(400).end();
    return;
  }
  // client-side routes fall back to the app's page
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) file = path.join(root, 'index.html');
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  fs.createReadStream(file).pipe(res);
}

export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, secret, staticDir } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let allowedHosts: Set<string> = new Set();
  const jobs = jobsOf(core.store);
  const changes = core.changes();
  const eventStreams = new Set<http.ServerResponse>();

  const server = http.createServer(async (req, res) => {
    try {
      // DNS-rebinding guard: only our own loopback address may be named in the Host header
      if (!allowedHosts.has(req.headers.host ?? '')) return sendJson(res, 421, { error: { code: 'FORBIDDEN', message: 'Host non consentito' } });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/rpc' || url.pathname.startsWith('/rpc/')) {
        if (!secretMatches(req.headers.authorization, secret)) {
          return sendError(res, { code: 'UNAUTHENTICATED', message: 'Chiave di accesso al servizio mancante o errata' });
        }
        if (url.pathname === '/rpc' && req.method === 'GET') return sendJson(res, 200, { methods: describeMethods() });
        if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'VALIDATION', message: 'Usare POST /rpc/<metodo>' } });
        const body = await readBody(req, maxBody);
        if (body === 'too-large') return sendError(res, { code: 'TOO_LARGE', message: `Richiesta troppo grande (massimo ${Math.round(maxBody / 1024 / 1024)} MB)` });
        let input: unknown = {};
        if (body.length > 0) {
          try {
            input = JSON.parse(body.toString('utf8'));
          } catch {
            return sendError(res, { code: 'VALIDATION', message: 'Il corpo della richiesta non è JSON valido' });
          }
        }
        const session = req.headers['x-ixl-session'];
        const outcome = await core.call(url.pathname.slice('/rpc/'.length), input, typeof session === 'string' ? session : null, requestHost(req));
        return outcome.ok ? sendJson(res, 200, { result: outcome.result }) : sendError(res, outcome.error);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'VALIDATION', message: 'Metodo non consentito' } });
      const download = /^\/download\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (req.method === 'GET' && (url.pathname === '/events' || download)) {
        if (!secretMatches(req.headers.authorization, secret, url.searchParams.get('token'))) {
          return sendError(res, { code: 'UNAUTHENTICATED', message: 'Chiave di accesso al servizio mancante o errata' });
        }
        return download ? serveDownload(res, jobs, download[1] as string) : serveEvents(req, res, jobs, changes, eventStreams);
      }
      serveStatic(res, staticDir, url.pathname);
    } catch (error) {
      console.error('[ixl] errore del server web:', error);
      if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: 'Errore interno del server' });
      else res.destroy();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // event streams never end by themselves
            for (const stream of eventStreams) stream.end();
            server.closeIdleConnections();
          }),
      });
    });
  });
}
