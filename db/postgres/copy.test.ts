import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../connection';
import { APP_TABLES, CopyRefusedError, contentSummary, copyDatabase } from '../copy';
import { seedDatabase } from '../seed/index';
import { BUILD_TIMEOUT, compiledCli } from '../../electron/testing/cli';
import { tempCore, type TempCore } from '../../electron/testing/tempDb';
import { sqlInsert, sqlRun } from '../../electron/testing/sql';

/** Every row of every table, in a stable order: what "identical content" means. */
function dump(store: Store): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of APP_TABLES) {
    const columns = (store.raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
    out[table] = store.raw.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all();
  }
  return out;
}

let t: TempCore;
let demo: Store;
let cli: string;
beforeAll(async () => {
  t = await tempCore();
  cli = compiledCli();
  demo = await Store.open(path.join(t.dir, 'demo.sqlite'));
  seedDatabase(demo.raw, { scale: 'demo', seed: 7 });
}, BUILD_TIMEOUT);
afterAll(async () => {
  await demo.close();
  await t.cleanup();
});

describe('ixl db copy: SQLite ⇄ PostgreSQL', () => {
  it('round-trips the demo database SQLite → PostgreSQL → SQLite with identical content', async () => {
    const there = await copyDatabase(demo, t.core.store);
    expect(there.tables.people).toBeGreaterThan(100);
    expect(there).toMatchObject(await contentSummary(demo.db));
    const back = await Store.open(path.join(t.dir, 'ritorno.sqlite'));
    try {
      await copyDatabase(t.core.store, back);
      expect(dump(back)).toEqual(dump(demo));
      // new rows on the server take ids after the copied ones
      const highest = Math.max(...(dump(demo).organisations as { id: number }[]).map((o) => o.id));
      expect(await sqlInsert(t.core.store, "INSERT INTO organisations (code, name, kind) VALUES ('prova', 'Prova', 'altro')")).toBe(highest + 1);
      await sqlRun(t.core.store, "DELETE FROM organisations WHERE code = 'prova'");
    } finally {
      await back.close();
    }
  });

  it('refuses a target that already holds work, and leaves it as it was', async () => {
    const before = await contentSummary(t.core.store.db);
    await expect(copyDatabase(demo, t.core.store)).rejects.toBeInstanceOf(CopyRefusedError);
    await expect(copyDatabase(demo, t.core.store)).rejects.toThrow('Il database di destinazione non è vuoto');
    expect(await contentSummary(t.core.store.db)).toEqual(before);
  });

  it('runs from the command line with a progress bar and says that rows and amounts agree', () => {
    const target = path.join(t.dir, 'da-riga-di-comando.sqlite');
    const r = spawnSync(process.execPath, [cli, 'db', 'copy', '--from', demo.file, '--to', target], { encoding: 'utf8', timeout: 170_000 });
    expect(r.stderr + r.stdout).toContain('righe e importi coincidono');
    expect(r.status).toBe(0);
    expect(fs.existsSync(target)).toBe(true);
    const again = spawnSync(process.execPath, [cli, 'db', 'copy', '--from', demo.file, '--to', target], { encoding: 'utf8', timeout: 170_000 });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('non è vuoto');
  });
});
