import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, compiledCli } from '../testing/cli';

/**
 * The CLI as a user runs it: a real process (the compiled CLI, as `npm run ixl` starts it) on a real
 * database file. Each test spawns several processes: the limits leave room for a busy 2-core machine.
 */
let cli: string;
let dir: string;
let db: string;

function ixl(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const count = (table: string) => {
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
  } finally {
    conn.close();
  }
};

beforeAll(() => {
  cli = compiledCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-cli-'));
  db = path.join(dir, 'ixl.sqlite');
}, BUILD_TIMEOUT);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ixl CLI', () => {
  it('prints help for the program and for each command', () => {
    const all = ixl(['--help']);
    expect(all.code).toBe(0);
    for (const command of ['migrate', 'seed', 'serve', 'backup', 'restore']) {
      expect(all.out).toContain(`ixl ${command}`);
      const one = ixl([command, '--help']);
      expect(one.code).toBe(0);
      expect(one.out).toContain('--db FILE');
    }
  }, 300_000); // one process per command

  it('refuses an unknown command with a clear message', () => {
    const r = ixl(['distruggi']);
    expect(r.code).toBe(64);
    expect(r.err).toContain('Comando sconosciuto: distruggi');
  }, 120_000);

  it('migrates, seeds, backs up and restores a database', () => {
    expect(ixl(['migrate', '--db', db]).code).toBe(0);
    expect(count('comuni')).toBe(55);

    const seeded = ixl(['seed', '--db', db, '--scale', 'demo', '--seed', '3']);
    expect(seeded.code, seeded.err).toBe(0);
    expect(seeded.out).toMatch(/Dati dimostrativi \(demo, seme 3\)/);
    const people = count('people');
    expect(people).toBeGreaterThan(100);

    const again = ixl(['seed', '--db', db, '--scale', 'demo']);
    expect(again.code).not.toBe(0);
    expect(count('people')).toBe(people);

    const backup = ixl(['backup', '--db', db, '--out', path.join(dir, 'copie')]);
    expect(backup.code, backup.err).toBe(0);
    const file = path.join(dir, 'copie', fs.readdirSync(path.join(dir, 'copie'))[0]!);

    const user = ixl(['user', 'add', '--db', db, '--username', 'utente.prova', '--name', 'Maria Prova', '--role', 'coordinatore'], { IXL_PASSWORD: 'password-di-maria' });
    expect(user.code, user.err).toBe(0);
    expect(count('users WHERE username = \'utente.prova\'')).toBe(1);

    const restored = ixl(['restore', '--db', db, '--from', file]);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain('prima-del-ripristino');
    expect(count('users WHERE username = \'utente.prova\'')).toBe(0);
    expect(count('people')).toBe(people);
  }, 300_000); // seven processes, one of them seeding: 15 s alone, much more on a loaded machine

  it('refuses to restore a file that is not a database, and changes nothing', () => {
    const bad = path.join(dir, 'non-un-db.sqlite');
    fs.writeFileSync(bad, 'testo qualsiasi');
    const before = count('people');
    const r = ixl(['restore', '--db', db, '--from', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('non è un database SQLite');
    expect(count('people')).toBe(before);
  }, 120_000);

  it('calls an API method through the same dispatch, with validation', () => {
    const ok = ixl(['call', '--db', db, 'dashboard.counts']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).people).toBe(count('people'));
    const bad = ixl(['call', '--db', db, 'system.settings.update', '{"backupKeep": 0}']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).error.code).toBe('VALIDATION');
  }, 120_000);
});
