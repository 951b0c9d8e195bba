import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOk, callRefused } from '../../testing/calls';
import { sqlAll, sqlValue } from '../../testing/sql';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';

/**
 * Impostazioni → Database on either engine: what the next start opens, back to the local file
 * (audited), and a server that cannot be reached is never saved. The checks against a real server
 * are in databaseChoice.pg.test.ts.
 */
let t: TempCore;
let admin: string;
let settingsFile: string;
const unreachable = { host: '127.0.0.1', port: 1, database: 'ixl', user: 'ixl_app', password: 'segreta', sslmode: 'disable' as const, caFile: null };

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  settingsFile = path.join(t.dir, 'database.json');
  t.core.databaseSettings = { file: settingsFile, box: null, localFile: path.join(t.dir, 'ixl-desk.sqlite'), override: null };
});
afterAll(async () => {
  await t.cleanup();
});

const audits = () => sqlValue<number>(t.core.store, "SELECT count(*) FROM audit_log WHERE entity = 'database'");

describe('the database of the next start', () => {
  it('is the local file while nothing is chosen, for administrators only', async () => {
    const choice = await callOk(t.core, 'system.database.choice', {}, admin);
    expect(choice).toMatchObject({
      current: { engine: t.core.store.engine, location: t.core.store.describe() },
      next: { engine: 'sqlite', location: path.join(t.dir, 'ixl-desk.sqlite'), server: null, passwordSaved: false },
      override: null,
      canSavePassword: false,
    });
    const operator = await loginAs(t.core, admin, 'operatore');
    expect(await callRefused(t.core, 'system.database.choice', {}, operator)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callRefused(t.core, 'system.database.check', unreachable, operator)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a server that cannot be reached, saving nothing', async () => {
    const before = await audits();
    const error = await callRefused(t.core, 'system.database.save', { kind: 'server', server: unreachable }, admin);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Server non salvato: Il server 127\.0\.0\.1:1 non è raggiungibile \(ECONNREFUSED\)/) });
    expect(error.message).not.toContain('segreta');
    expect(fs.existsSync(settingsFile)).toBe(false);
    expect(await audits()).toBe(before);
  });

  it('checks the form: a CA file is needed to verify against a CA', async () => {
    const error = await callRefused(t.core, 'system.database.check', { ...unreachable, sslmode: 'verify-ca' }, admin);
    expect(error).toMatchObject({ code: 'VALIDATION', fields: { caFile: 'Con questa cifratura serve il file della CA' } });
    expect(await callRefused(t.core, 'system.database.check', { ...unreachable, host: 'db; rm -rf' }, admin)).toMatchObject({
      code: 'VALIDATION',
      fields: { host: 'Nome o indirizzo del server non valido' },
    });
  });

  it('goes back to the local file, audited', async () => {
    fs.writeFileSync(settingsFile, JSON.stringify({ location: 'postgres://ixl_app@db.ufficio.local:5432/ixl?sslmode=verify-full' }));
    expect((await callOk(t.core, 'system.database.choice', {}, admin)).next).toEqual({
      engine: 'postgres',
      location: 'postgres://ixl_app@db.ufficio.local:5432/ixl?sslmode=verify-full',
      server: { host: 'db.ufficio.local', port: 5432, database: 'ixl', user: 'ixl_app', sslmode: 'verify-full', caFile: null },
      passwordSaved: false,
    });
    const choice = await callOk(t.core, 'system.database.save', { kind: 'locale' }, admin);
    expect(choice.next).toMatchObject({ engine: 'sqlite', server: null });
    expect(fs.existsSync(settingsFile)).toBe(false);
    const rows = await sqlAll<{ action: string; entity_id: string; username: string; before_json: string; after_json: string }>(
      t.core.store,
      "SELECT action, entity_id, username, before_json, after_json FROM audit_log WHERE entity = 'database'",
    );
    expect(rows.map((r) => ({ ...r, before_json: JSON.parse(r.before_json) as unknown, after_json: JSON.parse(r.after_json) as unknown }))).toEqual([
      {
        action: 'modifica',
        entity_id: 'prossimo_avvio',
        username: 'g.trombetti',
        before_json: { databaseAtNextStart: 'postgres://ixl_app@db.ufficio.local:5432/ixl?sslmode=verify-full' },
        after_json: { databaseAtNextStart: 'file locale', passwordSaved: false },
      },
    ]);
  });

  it('is not offered by a host that cannot keep it', async () => {
    t.core.databaseSettings = null;
    try {
      expect(await callRefused(t.core, 'system.database.choice', {}, admin)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('non salva la scelta del database') });
    } finally {
      t.core.databaseSettings = { file: settingsFile, box: null, localFile: path.join(t.dir, 'ixl-desk.sqlite'), override: null };
    }
  });
});
