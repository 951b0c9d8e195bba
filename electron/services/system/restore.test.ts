import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { callOk, callRefused } from '../../testing/calls';
import { BUILD_TIMEOUT, compiledCli } from '../../testing/cli';
import { backupDirFor } from './backup';

/**
 * Restoring while another process has the same database open (issue 11, defect 1), and refusing a
 * backup whose schema was altered (defect 2). The other process is a real `ixl serve`.
 */
let cli: string; // the compiled CLI, as `npm run ixl` starts it
beforeAll(() => {
  cli = compiledCli();
}, BUILD_TIMEOUT);
const SECRET = 'segreto-ripristino';

interface Serve {
  rpc: (method: string, input: unknown, session?: string) => Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
  stop: () => Promise<void>;
}

/** `ixl serve` on the file, in its own process; resolves once it prints its address. */
function serve(file: string): Promise<Serve> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--db', file, '--port', '0'], {
    env: { ...process.env, IXL_WEB_TOKEN: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ixl serve è terminato (${code}): ${output}`)));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (!url) return;
      child.removeAllListeners('exit');
      resolve({
        rpc: async (method, input, session) => {
          const res = await fetch(`${url}rpc/${method}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}`, ...(session ? { 'X-IXL-Session': session } : {}) },
            body: JSON.stringify(input),
          });
          const body = (await res.json()) as { result?: unknown; error?: { code: string; message: string } };
          return { ok: res.ok, ...body };
        },
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

let t: TempCore;
let admin: string;
beforeEach(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
});
afterEach(async () => {
  await t.cleanup();
});


const newUser = (username: string) => ({ fullName: username, username, role: 'operatore' as const, password: 'password-lunga-1' });
const usernames = (db: Database.Database) => (db.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[]).map((r) => r.username);
const login = async (b: Serve) => {
  const r = await b.rpc('auth.login', { username: ADMIN.username, password: ADMIN.password });
  expect(r.ok).toBe(true);
  return (r.result as { token: string }).token;
};

describe('restore while another process has the database open', () => {
  it('the other host reads the restored data, drops its sessions and can never write its old state back', async () => {
    const b = await serve(t.file);
    try {
      let session = await login(b);
      expect((await b.rpc('auth.users.create', newUser('prima.del.backup'), session)).ok).toBe(true);
      const backup = await callOk(t.core, 'system.backup.now', {}, admin);
      // a write the other host confirms after the backup: the restore takes it away, knowingly
      expect((await b.rpc('auth.users.create', newUser('dopo.il.backup'), session)).ok).toBe(true);
      await callOk(t.core, 'system.backup.restore', { fileName: backup.fileName }, admin);

      const stale = await b.rpc('auth.users.list', {}, session);
      expect(stale.error?.code).toBe('UNAUTHENTICATED');
      session = await login(b);
      const listed = await b.rpc('auth.users.list', {}, session);
      expect((listed.result as { username: string }[]).map((u) => u.username)).toEqual(expect.arrayContaining(['prima.del.backup']));
      expect((listed.result as { username: string }[]).map((u) => u.username)).not.toContain('dopo.il.backup');
      expect((await b.rpc('auth.users.create', newUser('dopo.il.ripristino'), session)).ok).toBe(true);
    } finally {
      await b.stop();
    }
    // after the other host has closed: the restore and what came after it are there, nothing older came back
    const db = new Database(t.file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(usernames(db)).toEqual([ADMIN.username, 'dopo.il.ripristino', 'prima.del.backup'].sort());
      expect(db.prepare("SELECT count(*) n FROM audit_log WHERE action = 'ripristino'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  }, 180_000);

  it('`ixl restore` from the command line while `ixl serve` runs: the host serves the restored data', async () => {
    const backup = await callOk(t.core, 'system.backup.now', {}, admin);
    await callOk(t.core, 'auth.users.create', newUser('sparira'), admin);
    const b = await serve(t.file);
    try {
      let session = await login(b);
      const r = spawnSync(process.execPath, [cli, 'restore', '--db', t.file, '--from', path.join(backupDirFor(t.file), backup.fileName)], { encoding: 'utf8', timeout: 170_000 });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/Database ripristinato/);
      expect((await b.rpc('auth.users.list', {}, session)).error?.code).toBe('UNAUTHENTICATED');
      session = await login(b);
      const listed = (await b.rpc('auth.users.list', {}, session)).result as { username: string }[];
      expect(listed.map((u) => u.username)).toEqual([ADMIN.username]);
      expect((await b.rpc('auth.users.create', newUser('nuovo'), session)).ok).toBe(true);
    } finally {
      await b.stop();
    }
    const db = new Database(t.file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(usernames(db)).toEqual([ADMIN.username, 'nuovo'].sort());
    } finally {
      db.close();
    }
  }, 180_000);
});

describe('a backup whose schema was altered', () => {
  /** A backup of the database, altered by hand with `sql`. */
  async function alteredBackup(sql: string): Promise<string> {
    const backup = await callOk(t.core, 'system.backup.now', {}, admin);
    const file = path.join(backupDirFor(t.file), backup.fileName);
    const db = new Database(file);
    db.exec(sql);
    db.close();
    return backup.fileName;
  }

  it.each([
    ['a table dropped', 'DROP TABLE notes'],
    ['a ledger trigger dropped (amounts could then be updated)', 'DROP TRIGGER tr_commitments_no_update'],
  ])('is refused with %s, and nothing changes', async (_what, statement) => {
    const fileName = await alteredBackup(statement);
    await callOk(t.core, 'auth.users.create', newUser('resta'), admin);
    const error = await callRefused(t.core, 'system.backup.restore', { fileName }, admin);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/struttura del backup è stata modificata/);
    expect(usernames(t.core.store.raw)).toContain('resta');
    expect(fs.readdirSync(backupDirFor(t.file)).some((f) => f.includes('prima-del-ripristino'))).toBe(false);
  });
});
