import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `ixl call` through a pipe, as in `ixl call … | jq`: a real process whose stdout is a pipe. */
const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-call-'));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ixl call', () => {
  it('writes a long answer whole through a pipe before it exits', () => {
    const db = path.join(dir, 'ixl.sqlite');
    const r = spawnSync(process.execPath, [tsx, path.join(root, 'electron', 'cli', 'cli.ts'), 'call', '--db', db, 'system.reference'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 170_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // the reference data (every Italian comune as a birth place) is well over 200 KB of JSON
    expect(r.stdout.length).toBeGreaterThan(200_000);
    const parsed = JSON.parse(r.stdout) as { birthPlaces: unknown[] };
    expect(parsed.birthPlaces.length).toBeGreaterThan(7000);
  }, 180_000);
});
