import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/api/core';
import { callOk } from '../../electron/testing/calls';
import { adminQuery } from '../../electron/testing/postgresServer';
import { loginAs, setupAdmin } from '../../electron/testing/tempDb';
import { Store } from '../connection';
import { migratePostgres, MigrationNotAllowedError } from './migrate';
import { PG_MIGRATIONS } from './migrations/index';
import { roleRights } from './roles';

/**
 * The two roles of a shared server on the test server: the owner migrates (`ixl migrate --app-role`),
 * the application role writes through the app but cannot change the schema, the ledger's amounts,
 * the recorded overrides or the audit log.
 */
const server = process.env.IXL_TEST_PG!;
const tag = randomBytes(4).toString('hex');
const [owner, app, database] = [`owner_${tag}`, `app_${tag}`, `roles_${tag}`];
const { host } = new URL(server);
const ownerUrl = `postgres://${owner}:owner-pw@${host}/${database}`;
const appUrl = `postgres://${app}:app-pw@${host}/${database}`;

let core: AppCore;
let appClient: pg.Client;

/** Runs a statement as the application role and returns the SQLSTATE of its refusal (or 'ok'). */
async function asApp(statement: string): Promise<string> {
  await appClient.query('SAVEPOINT s');
  try {
    await appClient.query(statement);
    await appClient.query('RELEASE SAVEPOINT s');
    return 'ok';
  } catch (error) {
    await appClient.query('ROLLBACK TO SAVEPOINT s');
    return String((error as { code?: string }).code);
  }
}

beforeAll(async () => {
  await adminQuery(server, `CREATE ROLE ${owner} LOGIN PASSWORD 'owner-pw'`);
  await adminQuery(server, `CREATE ROLE ${app} LOGIN PASSWORD 'app-pw'`);
  await adminQuery(server, `CREATE DATABASE ${database} OWNER ${owner}`);
  await (await Store.open(ownerUrl, { appRole: app })).close();
  core = await AppCore.open(appUrl);
  appClient = new pg.Client({ connectionString: appUrl });
  await appClient.connect();
  await appClient.query('BEGIN');
});
afterAll(async () => {
  await appClient?.end();
  await core?.close();
  await adminQuery(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminQuery(server, `DROP ROLE IF EXISTS ${app}`);
  await adminQuery(server, `DROP ROLE IF EXISTS ${owner}`);
});

describe('the application role of a shared server', () => {
  it('works the app through dispatch: login, people, funds and commitments', async () => {
    const admin = await setupAdmin(core);
    const finance = await loginAs(core, admin, 'finanza');
    const fundId = (await callOk(core, 'budget.funds.create', { code: 'RUOLI', name: 'Fondo di prova', amountCents: 1_000_000, startYear: 2024, endYear: 2024, notes: null }, finance)).id;
    await callOk(core, 'budget.allocations.set', { fundId, cells: [{ year: 2024, lineCode: 'tirocini_inserimento', amountCents: 500_000, version: null }] }, finance);
    await callOk(
      core,
      'budget.commitments.create',
      { target: { fundId, year: 2024, lineCode: 'tirocini_inserimento' }, amount: { mode: 'importo', amountCents: 120_000 }, committedOn: '2024-03-01', actNumber: null, description: 'Tirocinio' },
      finance,
    );
    const rows = await appClient.query<{ committed_cents: string; audits: string }>(
      `SELECT t.committed_cents, (SELECT count(*) FROM audit_log WHERE entity = 'impegno') AS audits
       FROM allocation_totals t JOIN allocations a ON a.id = t.allocation_id WHERE a.fund_id = $1`,
      [fundId],
    );
    expect(Number(rows.rows[0]!.committed_cents)).toBe(120_000);
    expect(Number(rows.rows[0]!.audits)).toBe(1);
    expect(await roleRights(appClient)).toEqual({ owner: false, write: true, restricted: true });
  });

  it('cannot change or delete ledger rows, overrides or audit rows', async () => {
    expect(await asApp('UPDATE commitments SET amount_cents = 1')).toBe('42501');
    expect(await asApp("UPDATE commitments SET committed_on = '2020-01-01'")).toBe('42501');
    expect(await asApp('DELETE FROM commitments')).toBe('42501');
    expect(await asApp('UPDATE payments SET amount_cents = 1')).toBe('42501');
    expect(await asApp('DELETE FROM payments')).toBe('42501');
    expect(await asApp("UPDATE budget_overrides SET reason = 'x'")).toBe('42501');
    expect(await asApp("UPDATE audit_log SET username = 'altro'")).toBe('42501');
    expect(await asApp('DELETE FROM audit_log')).toBe('42501');
    expect(await asApp('TRUNCATE audit_log')).toBe('42501');
    expect(await asApp("INSERT INTO schema_migrations (id, applied_at) VALUES ('999_x', 'x')")).toBe('42501');
    // what a merge moves: the links and notes of a commitment, never an amount
    expect(await asApp('UPDATE commitments SET description = description')).toBe('ok');
  });

  it('cannot change the schema', async () => {
    expect(await asApp('CREATE TABLE intrusa (id integer)')).toBe('42501');
    expect(await asApp('ALTER TABLE people ADD COLUMN intrusa text')).toBe('42501');
    expect(await asApp('DROP TABLE audit_log')).toBe('42501');
    expect(await asApp('ALTER TABLE commitments DISABLE TRIGGER USER')).toBe('42501');
    expect(await asApp('DROP FUNCTION ixl_ledger_no_update() CASCADE')).toBe('42501');
  });

  it('refuses to open a database whose schema is behind, saying to run ixl migrate as the owner', async () => {
    const ownerStore = await Store.open(ownerUrl);
    try {
      await ownerStore.pool!.query("DELETE FROM schema_migrations WHERE id = '015_record_versions'");
      const refused = AppCore.open(appUrl);
      await expect(refused).rejects.toBeInstanceOf(MigrationNotAllowedError);
      await expect(refused).rejects.toThrow(/015_record_versions.*non può modificare lo schema.*ixl migrate --db postgres:\/\/proprietario@/s);
    } finally {
      await ownerStore.pool!.query("INSERT INTO schema_migrations (id, applied_at) VALUES ('015_record_versions', 'x')");
      await ownerStore.close();
    }
  });

  it('refuses an application role that is the owner, or does not exist', async () => {
    await expect(Store.open(ownerUrl, { appRole: owner })).rejects.toThrow(/superutente o il proprietario dello schema/);
    await expect(Store.open(ownerUrl, { appRole: 'nessuno_qui' })).rejects.toThrow('Il ruolo «nessuno_qui» non esiste sul server');
    await expect(Store.open(appUrl, { appRole: app })).rejects.toThrow(/Solo il proprietario dello schema/);
  });

  it('gets the rights on the tables of later migrations when the owner migrates, without naming it again', async () => {
    const later = { id: '099_later', up: async (c: pg.PoolClient) => void (await c.query('CREATE TABLE later_notes (id integer PRIMARY KEY, note text)')) };
    const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
    try {
      expect(await migratePostgres(pool, [...PG_MIGRATIONS, later])).toEqual({ applied: ['099_later'] });
    } finally {
      await pool.end();
    }
    expect(await asApp("INSERT INTO later_notes VALUES (1, 'ok')")).toBe('ok');
    expect(await asApp('ALTER TABLE later_notes ADD COLUMN x text')).toBe('42501');
  });
});
