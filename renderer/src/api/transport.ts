import type { ApiErrorBody, CallResult } from '../../../electron/contract/errors';
import type { IxlBridge } from '../../../electron/desktop/bridge';

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
