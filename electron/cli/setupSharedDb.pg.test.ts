import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../api/core';
import { callOk } from '../testing/calls';
import { BUILD_TIMEOUT, compiledCli } from '../testing/cli';
import { adminQuery } from '../testing/postgresServer';
import { sqlValue } from '../testing/sql';
import { setupAdmin } from '../testing/tempDb';

/**
 * scripts/setup-shared-db.mjs — the README's steps for a shared server — run against the test server
 * as its superuser; then a desk uses the app through dispatch as the application role it created, and
 * that role finds the schema, the audit log and the ledger closed to changes.
 */
const server = new URL(process.env.IXL_TEST_PG!);
const tag = randomBytes(4).toString('hex');
const [database, owner, app] = [`rete_${tag}`, `prop_${tag}`, `app_${tag}`];
const OWNER_PASSWORD = 'password-del-proprietario';
const APP_PASSWORD = 'password-della-app';
const script = path.resolve(__dirname, '..', '..', 'scripts', 'setup-shared-db.mjs');
const admin = `postgres://${server.username}@${server.host}/postgres`;
const appUrl = `postgres://${app}:${APP_PASSWORD}@${server.host}/${database}`;

function setup() {
  return spawnSync(process.execPath, [script, '--admin', admin, '--database', database, '--owner', owner, '--app', app], {
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT,
    env: { ...process.env, PGPASSWORD: decodeURIComponent(server.password), IXL_OWNER_PASSWORD: OWNER_PASSWORD, IXL_APP_PASSWORD: APP_PASSWORD },
  });
}

let core: AppCore;
beforeAll(() => void compiledCli(), BUILD_TIMEOUT);
afterAll(async () => {
  await core?.close();
  await adminQuery(process.env.IXL_TEST_PG!, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  for (const role of [app, owner]) await adminQuery(process.env.IXL_TEST_PG!, `DROP ROLE IF EXISTS ${role}`);
});

describe('setting up a shared server with the script of the README', () => {
  it('creates the roles and the database, migrates as the owner and prints the desks’ address, never a password', () => {
    const run = setup();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`ruolo ${owner}: creato`);
    expect(run.stdout).toContain(`database ${database}: creato, di proprietà di ${owner}`);
    expect(run.stdout).toContain(`Permessi dell’applicazione concessi al ruolo ${app}.`);
    expect(run.stdout).toContain(`postgres://${app}@${server.host}/${database}`);
    for (const secret of [OWNER_PASSWORD, APP_PASSWORD, decodeURIComponent(server.password)]) expect(run.stdout).not.toContain(secret);
  }, BUILD_TIMEOUT);

  it('lets a desk work through dispatch as the application role', async () => {
    core = await AppCore.open(appUrl);
    const token = await setupAdmin(core);
    const fund = await callOk(core, 'budget.funds.create', { code: 'RETE', name: 'Fondo della rete', amountCents: 500_000, startYear: 2025, endYear: 2025, notes: null }, token);
    expect(await sqlValue<string>(core.store, 'SELECT name FROM funds WHERE id = ?', fund.id)).toBe('Fondo della rete');
    expect(await sqlValue<number>(core.store, "SELECT count(*) FROM audit_log WHERE entity = 'fondo' AND entity_id = ?", String(fund.id))).toBe(1);
  });

  it('leaves the application role unable to alter the schema or rewrite the audit log, and other roles outside', async () => {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      await expect(client.query('ALTER TABLE funds ADD COLUMN intrusa text')).rejects.toMatchObject({ code: '42501' });
      await expect(client.query('DELETE FROM audit_log')).rejects.toMatchObject({ code: '42501' });
      await expect(client.query("UPDATE audit_log SET username = 'altro'")).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }
    const stranger = `estraneo_${tag}`;
    await adminQuery(process.env.IXL_TEST_PG!, `CREATE ROLE ${stranger} LOGIN PASSWORD 'x'`);
    try {
      const outside = new pg.Client({ connectionString: `postgres://${stranger}:x@${server.host}/${database}` });
      await expect(outside.connect()).rejects.toMatchObject({ code: '42501' });
    } finally {
      await adminQuery(process.env.IXL_TEST_PG!, `DROP ROLE ${stranger}`);
    }
  });

  it('can run again: nothing that exists changes', () => {
    const run = setup();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`ruolo ${app}: già presente`);
    expect(run.stdout).toContain(`database ${database}: già presente`);
  }, BUILD_TIMEOUT);
});
