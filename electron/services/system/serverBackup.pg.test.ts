import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, compiledCli } from '../../testing/cli';
import { sqlAll, sqlValue } from '../../testing/sql';
import { tempCore, type TempCore } from '../../testing/tempDb';
import { findPgDump, noServerBackupMessage } from './serverBackup';

/**
 * `ixl backup --db postgres://…`: a pg_dump in custom format when this computer has a pg_dump at
 * least as new as the server, which pg_restore can read back; otherwise the Italian explanation that
 * the server is its administrator's to back up, and nothing written.
 */
let t: TempCore;
let cli: string;
beforeAll(async () => {
  t = await tempCore();
  cli = compiledCli();
}, BUILD_TIMEOUT);
afterAll(async () => {
  await t.cleanup();
});

describe('ixl backup on a shared server', () => {
  it('dumps the database with pg_dump when one fits the server, else says who backs the server up', async () => {
    const serverMajor = Math.floor(Number(await sqlValue(t.core.store, "SELECT current_setting('server_version_num')")) / 10_000);
    const out = path.join(t.dir, 'dump');
    const r = spawnSync(process.execPath, [cli, 'backup', '--db', t.file, '--out', out], { encoding: 'utf8', timeout: 120_000 });
    const found = findPgDump(serverMajor);
    if ('reason' in found) {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(noServerBackupMessage(found.reason));
      expect(r.stderr).toContain('è salvato dall’amministratore del server');
      expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
      expect(await sqlAll(t.core.store, "SELECT 1 FROM audit_log WHERE action = 'backup'")).toEqual([]);
      return;
    }
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [file] = fs.readdirSync(out);
    expect(file).toMatch(/^ixl-\d{8}-\d{6}\.dump$/);
    expect(r.stdout).toContain('Backup del server eseguito con pg_dump');
    const list = spawnSync(path.join(path.dirname(found.tool), 'pg_restore'), ['--list', path.join(out, file!)], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('TABLE DATA public people');
    expect(await sqlAll(t.core.store, "SELECT after_json FROM audit_log WHERE action = 'backup' AND entity = 'database'")).toEqual([{ after_json: JSON.stringify({ fileName: file, tool: 'pg_dump' }) }]);
  });
});
