import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../../electron/testing/postgresServer';
import { migratePostgres } from './migrate';
import { PG_MIGRATIONS } from './migrations/index';

/** PostgreSQL's 012_privacy on a database that ran every other migration: the same rows as SQLite's (db/migrations/012_privacy.test.ts). */
const server = process.env.IXL_TEST_PG!;
const name = `m012_${randomBytes(5).toString('hex')}`;
let pool: pg.Pool;

beforeAll(async () => {
  await adminQuery(server, `CREATE DATABASE ${name}`);
  pool = new pg.Pool({ connectionString: `${server}/${name}`, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await adminQuery(server, `DROP DATABASE ${name} WITH (FORCE)`);
});

describe('PostgreSQL migration 012: privacy notices and signatures', () => {
  it('moves the signatures recorded on people into the history by the same rule as SQLite, then drops the columns', async () => {
    await migratePostgres(pool, PG_MIGRATIONS.filter((m) => m.id !== '012_privacy'));
    const insert = `INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, privacy_accepted_on, privacy_version, created_at, updated_at)
      VALUES ($1, 'Rossi', 'Anna', 'rossianna', 'F', 'in attesa', $2, $3, $4, '2024-01-01T00:00:00Z')`;
    await pool.query(insert, [1, '2018-01-10', '2018-05', '2018-01-10T09:00:00Z']);
    await pool.query(insert, [2, '2019-03-01', '2024-01', '2019-03-01T09:00:00Z']);
    await pool.query(insert, [3, '2016-02-01', null, '2016-02-01T09:00:00Z']);
    await pool.query(insert, [4, null, '2018-05', '2020-01-01T09:00:00Z']);
    expect((await migratePostgres(pool)).applied).toEqual(['012_privacy']);

    const { rows } = await pool.query('SELECT person_id, notice_id, acknowledged_on, recorded_by, created_at FROM privacy_acknowledgements ORDER BY person_id');
    expect(rows).toEqual([
      { person_id: 1, notice_id: 2, acknowledged_on: '2018-01-10', recorded_by: null, created_at: '2018-01-10T09:00:00Z' },
      { person_id: 2, notice_id: 2, acknowledged_on: '2019-03-01', recorded_by: null, created_at: '2019-03-01T09:00:00Z' },
      { person_id: 3, notice_id: 1, acknowledged_on: '2016-02-01', recorded_by: null, created_at: '2016-02-01T09:00:00Z' },
    ]);
    const notices = await pool.query('SELECT id, version, valid_from FROM privacy_notices ORDER BY id');
    expect(notices.rows).toEqual([
      { id: 1, version: '2017-05', valid_from: '2017-05-22' },
      { id: 2, version: '2018-05', valid_from: '2018-05-25' },
    ]);
    // the next version gets the next id
    const next = await pool.query("INSERT INTO privacy_notices (version, text, valid_from, created_at) VALUES ('2030-01', 'x', '2030-01-01', 'now') RETURNING id");
    expect(next.rows).toEqual([{ id: 3 }]);
    const columns = await pool.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'people' AND column_name LIKE 'privacy%' ORDER BY 1");
    expect(columns.rows).toEqual([{ column_name: 'privacy_missing_reason' }]);
  });
});
