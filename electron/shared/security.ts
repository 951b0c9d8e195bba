/**
 * Security rules shared by the Electron main process and the web host (electron/web/): the CSP and
 * the decisions about which URLs the app may load, navigate to or open. Pure: no `electron` import.
 */

/** The custom protocol that serves the built renderer (registered as standard + secure). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ixl';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The Content Security Policy for every page of the renderer. Mantine injects inline <style>
 * elements, hence style-src 'unsafe-inline'; scripts never run inline and never from strings.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL served by our protocol (`app://ixl/...`), nothing else. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * Whether an IPC message comes from a page we trust, judged by the URL of the sending frame.
 * The caller must also check that the frame is the main frame of our window.
 */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/** The only links handed to the system browser: https, without credentials in the URL. */
export function externalUrlToOpen(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny' } | { action: 'open-external'; url: string };

/**
 * What to do when a page tries to navigate (will-navigate, will-redirect) or open a window:
 * stay inside the app, send https links to the system browser, refuse everything else.
 * `allowInApp` is false for window.open: the app never opens a second window.
 */
export function navigationDecision(url: string, allowInApp = true): NavigationDecision {
  if (isAppUrl(url)) return allowInApp ? { action: 'allow' } : { action: 'deny' };
  const external = externalUrlToOpen(url);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}

/**
 * Permission requests (camera, notifications, geolocation...) are all refused. The one exception
 * is writing plain text to the clipboard from our own pages ("copia" buttons), which is harmless.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedSender(requestingUrl);
}
