import { describe, it, expect } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, externalUrlToOpen, isAppUrl, isPermissionAllowed, isTrustedSender, navigationDecision } from './security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  it('allows inline styles only (Mantine) and locks down objects, base, forms and framing', () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('names no remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});

describe('isTrustedSender', () => {
  it('accepts our pages', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://ixl/index.html')).toBe(true);
    expect(isTrustedSender('app://ixl/casi/12?tab=patto#sopra')).toBe(true);
  });

  it('rejects other schemes, hosts and garbage', () => {
    for (const url of [
      'file:///work/main/build/renderer/index.html',
      'http://evil.example/',
      'https://ixl/index.html',
      'app://other/index.html',
      'app://ixl.evil.example/index.html',
      'app://user:pw@ixl/index.html',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      '',
      'not a url',
      null,
      undefined,
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });
});

describe('navigationDecision', () => {
  it('allows navigation inside the app', () => {
    expect(navigationDecision('app://ixl/persone')).toEqual({ action: 'allow' });
    expect(isAppUrl('app://ixl')).toBe(true);
  });

  it('sends https links to the system browser', () => {
    expect(navigationDecision('https://www.regione.emilia-romagna.it/')).toEqual({ action: 'open-external', url: 'https://www.regione.emilia-romagna.it/' });
  });

  it('denies http, file, javascript and other schemes', () => {
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://other/', 'data:text/html,<b>x</b>', 'smb://server/share', 'https://user:pw@example.com/']) {
      expect(navigationDecision(url), url).toEqual({ action: 'deny' });
    }
  });

  it('never opens a second app window', () => {
    expect(navigationDecision('app://ixl/index.html', false)).toEqual({ action: 'deny' });
    expect(navigationDecision('https://example.com/', false)).toEqual({ action: 'open-external', url: 'https://example.com/' });
  });

  it('opens only https externally', () => {
    expect(externalUrlToOpen('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(externalUrlToOpen('http://example.com/')).toBeNull();
    expect(externalUrlToOpen('mailto:a@b.it')).toBeNull();
  });
});

describe('isPermissionAllowed', () => {
  it('refuses every permission except plain clipboard writes from our pages', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'serial']) {
      expect(isPermissionAllowed(permission, 'app://ixl/index.html'), permission).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://ixl/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });
});
