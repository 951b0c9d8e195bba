import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, compiledCli } from '../testing/cli';

/** `ixl call` through a pipe, as in `ixl call … | jq`: a real process (the compiled CLI) whose stdout is a pipe. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-call-'));
let cli: string;

beforeAll(() => {
  cli = compiledCli();
}, BUILD_TIMEOUT);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ixl call', () => {
  it('writes a long answer whole through a pipe before it exits', () => {
    const db = path.join(dir, 'ixl.sqlite');
    const r = spawnSync(process.execPath, [cli, 'call', '--db', db, 'system.reference'], {
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
