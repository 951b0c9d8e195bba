import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { appFileFor, createAppProtocolHandler } from './protocol';
import { CONTENT_SECURITY_POLICY } from '../shared/security';

const top = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-protocol-'));
const root = path.join(top, 'renderer');
const handle = createAppProtocolHandler(root);
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

beforeAll(() => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>IXL Desk</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([1, 2, 3]));
  fs.writeFileSync(path.join(top, 'secret.txt'), 'SEGRETO');
});

describe('app:// protocol', () => {
  it('serves index.html for the root with the CSP', async () => {
    const res = await get('app://ixl/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>IXL Desk</title>');
  });

  it('maps MIME types', async () => {
    const types: Record<string, string> = {
      'app://ixl/index.html': 'text/html; charset=utf-8',
      'app://ixl/assets/index-abc.js': 'text/javascript; charset=utf-8',
      'app://ixl/assets/index-abc.css': 'text/css; charset=utf-8',
      'app://ixl/assets/logo.svg': 'image/svg+xml',
      'app://ixl/assets/font.woff2': 'font/woff2',
    };
    for (const [url, type] of Object.entries(types)) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe(type);
    }
    expect(new Uint8Array(await (await get('app://ixl/assets/font.woff2')).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('serves index.html for client-side routes, 404 for missing files', async () => {
    const route = await get('app://ixl/casi/12');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('IXL Desk');
    expect((await get('app://ixl/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%5c%2e%2e%5csecret.txt', '/%00/index.html', '/%E0%A4%A']) {
      const res = await get('app://ixl' + p);
      expect(await res.text(), p).not.toContain('SEGRETO');
      const file = await appFileFor(root, p);
      if (file !== null) expect(file.startsWith(root + path.sep), p).toBe(true);
    }
    expect(await appFileFor(root, '/%00')).toBeNull();
    expect(await appFileFor(root, '/%E0%A4%A')).toBeNull();
  });

  it('answers only GET and HEAD on our host', async () => {
    expect((await get('app://ixl/index.html', 'POST')).status).toBe(405);
    expect((await get('app://other/index.html')).status).toBe(404);
    const head = await get('app://ixl/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
