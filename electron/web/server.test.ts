import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from './server';
import { ADMIN, tempCore, type TempCore } from '../testing/tempDb';
import { CONTENT_SECURITY_POLICY } from '../shared/security';
import { sqlOne } from '../testing/sql';

const SECRET = 'segreto-di-prova';
let t: TempCore;
let host: WebHost;

beforeEach(async () => {
  t = await tempCore();
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>IXL</title>');
  fs.writeFileSync(path.join(t.dir, 'segreto.txt'), 'non servire');
  host = await startWebHost({ core: t.core, port: 0, secret: SECRET, staticDir, maxBodyBytes: 64 * 1024 });
});
afterEach(async () => {
  await host.close();
  await t.cleanup();
});

function rpc(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.url}rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('refuses with 401 any call without the secret', async () => {
    const none = await fetch(`${host.url}rpc/auth.status`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Chiave di accesso al servizio mancante o errata' } });
    expect((await rpc('auth.status', {}, { Authorization: 'Bearer sbagliato' })).status).toBe(401);
    expect((await fetch(`${host.url}rpc`)).status).toBe(401);
  });

  it('lists the methods with their input schemas', async () => {
    const res = await fetch(`${host.url}rpc`, { headers: { Authorization: `Bearer ${SECRET}` } });
    const body = (await res.json()) as { methods: { name: string; input: { type: string } }[] };
    expect(body.methods.map((m) => m.name)).toContain('dashboard.counts');
    expect(body.methods.find((m) => m.name === 'auth.login')?.input.type).toBe('object');
  });

  it('runs a call end to end with the session header', async () => {
    const setup = await rpc('auth.setup', ADMIN);
    expect(setup.status).toBe(200);
    const { result } = (await setup.json()) as { result: { token: string } };
    const counts = await rpc('dashboard.counts', {}, { 'X-IXL-Session': result.token });
    expect(counts.status).toBe(200);
    expect(await counts.json()).toMatchObject({ result: { people: 0, companies: 0 } });
    expect((await rpc('dashboard.counts', {})).status).toBe(401);
  });

  it('answers bad input with 400 and a clear error, and changes nothing', async () => {
    const res = await rpc('auth.setup', { fullName: 'X', username: '!!', password: '1' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields.password).toBe('La password deve avere almeno 12 caratteri');
    expect((await sqlOne(t.core.store, 'SELECT count(*) n FROM users'))).toEqual({ n: 0 });
    expect((await rpc('auth.status', '{non json')).status).toBe(400);
  });

  it('names the browser’s address as the host of a login, and answers 429 while the logins wait', async () => {
    await rpc('auth.setup', ADMIN);
    for (let i = 0; i < 3; i++) expect((await rpc('auth.login', { username: ADMIN.username, password: 'password-sbagliata' })).status).toBe(401);
    const waiting = await rpc('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(waiting.status).toBe(429);
    expect(((await waiting.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_ATTEMPTS');
    const audit = await sqlOne<{ after_json: string }>(t.core.store, "SELECT after_json FROM audit_log WHERE action = 'accesso_fallito' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(audit!.after_json)).toMatchObject({ username: ADMIN.username, host: 'browser 127.0.0.1' });
    expect(await sqlOne(t.core.store, "SELECT failures FROM login_throttle WHERE kind = 'host' AND key = 'browser 127.0.0.1'")).toEqual({ failures: 3 });
  });

  it('limits the body size', async () => {
    const res = await rpc('auth.login', { username: 'x', password: 'y'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
  });

  it('serves the renderer with the CSP, never files outside it', async () => {
    const page = await fetch(host.url);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>IXL</title>');
    const escape = await fetch(`${host.url}..%2fsegreto.txt`);
    expect(await escape.text()).not.toContain('non servire');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0));
    });
    expect(status).toBe(421);
  });
});
