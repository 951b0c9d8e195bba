import type { ApiErrorBody, CallResult } from '../../../electron/contract/errors';
import { isJobEvent, type JobEvent, type JobStarted } from '../../../electron/contract/jobs';
import type { DatabaseEvent, IxlBridge } from '../../../electron/desktop/bridge';

/**
 * How calls leave the renderer: Electron's preload bridge when present, otherwise HTTP to the web host
 * (browser mode), authenticated by the secret printed with the URL (`#token=…`).
 */
declare global {
  interface Window {
    ixl?: IxlBridge;
  }
}

const SECRET_KEY = 'ixl.secret';

/** Reads the web host's secret from the URL fragment once, keeps it for this tab and removes it from the address bar. */
export function captureWebSecret(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(SECRET_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
}

export function isElectron(): boolean {
  return window.ixl !== undefined;
}

/** False in browser mode when the page was opened without the secret. */
export function hasTransport(): boolean {
  return isElectron() || sessionStorage.getItem(SECRET_KEY) !== null;
}

export async function send(method: string, input: unknown, session: string | null): Promise<CallResult> {
  if (window.ixl) return window.ixl.invoke(method, input, session);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${sessionStorage.getItem(SECRET_KEY) ?? ''}`,
  };
  if (session) headers['X-IXL-Session'] = session;
  let response: Response;
  try {
    response = await fetch(`/rpc/${method}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'Il servizio di IXL Desk non risponde: verificare che sia in esecuzione' } };
  }
  const body = (await response.json().catch(() => null)) as { result?: unknown; error?: ApiErrorBody } | null;
  if (response.ok && body && 'result' in body) return { ok: true, result: body.result };
  if (body?.error) return { ok: false, error: body.error };
  return { ok: false, error: { code: 'INTERNAL', message: `Risposta inattesa dal servizio (${response.status})` } };
}

const jobListeners = new Set<(event: JobEvent) => void>();
const databaseListeners = new Set<(event: DatabaseEvent) => void>();
let events: EventSource | null = null;

/** The browser's one EventSource on the host's /events, open while anyone listens to jobs or to the database. */
function openEvents(): void {
  if (events) return;
  events = new EventSource(`/events?token=${encodeURIComponent(sessionStorage.getItem(SECRET_KEY) ?? '')}`);
  events.addEventListener('job', (message) => {
    const data: unknown = JSON.parse((message as MessageEvent<string>).data);
    if (isJobEvent(data)) for (const l of jobListeners) l(data);
  });
  for (const type of ['change', 'link'] as const) {
    events.addEventListener(type, (message) => {
      const data = JSON.parse((message as MessageEvent<string>).data) as DatabaseEvent;
      for (const l of databaseListeners) l(data);
    });
  }
}

function closeEventsIfUnused(): void {
  if (jobListeners.size === 0 && databaseListeners.size === 0) {
    events?.close();
    events = null;
  }
}

/**
 * Subscribes to the jobs' progress: Electron's IPC event, or in the browser the shared EventSource
 * on the host's /events (which starts with where each known job stands, so nothing is missed while
 * it connects). Returns the function that unsubscribes.
 */
export function onJobEvent(listener: (event: JobEvent) => void): () => void {
  if (window.ixl) return window.ixl.onProgress(listener);
  jobListeners.add(listener);
  openEvents();
  return () => {
    jobListeners.delete(listener);
    closeEventsIfUnused();
  };
}

/** Subscribes to the shared database's events: what other desks changed, and whether the server is reachable. */
export function onDatabaseEvent(listener: (event: DatabaseEvent) => void): () => void {
  if (window.ixl) return window.ixl.onDatabase(listener);
  databaseListeners.add(listener);
  openEvents();
  return () => {
    databaseListeners.delete(listener);
    closeEventsIfUnused();
  };
}

/**
 * Electron: asks the main process to show the save dialog now, while the job runs; resolves to the
 * chosen path once the file is there (null if the user cancels). The browser has nothing to ask: null.
 */
export function askWhereToSave(job: JobStarted): Promise<string | null> | null {
  return window.ixl ? window.ixl.saveJob(job.jobId) : null;
}

/**
 * Browser: a plain link to the host's streamed download (GET /download/<jobId>, with the secret in
 * the query): the browser writes the file to disk as it arrives, nothing is held in the page.
 */
export function downloadJobFile(job: JobStarted): string {
  const link = document.createElement('a');
  link.href = `/download/${job.jobId}?token=${encodeURIComponent(sessionStorage.getItem(SECRET_KEY) ?? '')}`;
  link.download = job.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  return job.fileName;
}
