import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLetter } from '../../electron/domain/codiceFiscale';
import { adminQuery } from '../../electron/testing/postgresServer';
import { migratePostgres } from './migrate';
import { PG_MIGRATIONS } from './migrations/index';
import { openPool } from './pool';

const server = process.env.IXL_TEST_PG!;
const name = `m018_${randomBytes(4).toString('hex')}`;
const NOW = '2024-01-01T00:00:00Z';
/** As in db/migrations/018_duplicates.test.ts: two forms of one code on two live records, and on a merged one and a live one. */
const omocodic = (code: string) => {
  const first15 = code.slice(0, 14) + 'LMNPQRSTUV'.charAt(Number(code.charAt(14)));
  return first15 + checkLetter(first15);
};
const PEOPLE_BEFORE_018: [number, string | null, number | null][] = [
  [1, 'RSSMRA85T10A562S', null],
  [2, omocodic('RSSMRA85T10A562S'), null],
  [3, 'BNCLCU80A01A944Y', 4],
  [4, omocodic('BNCLCU80A01A944Y'), null],
  [5, 'VRDGPP70C03F205Z', null],
  [6, null, null],
];
const insertPerson = 'INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code, tax_code_missing_reason, merged_into_id, created_at, updated_at)';
let pool: ReturnType<typeof openPool> | undefined;
afterAll(async () => {
  await pool?.end();
  await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe('PostgreSQL migration 018: the codice fiscale without omocodia, unique', () => {
  it('back-fills the keys as on SQLite and lists the records holding two forms of one code', async () => {
    await adminQuery(server, `CREATE DATABASE ${name}`);
    pool = openPool(`${server}/${name}`, 2);
    await migratePostgres(pool, PG_MIGRATIONS.filter((m) => m.id < '018'));
    for (const [id, code] of PEOPLE_BEFORE_018) {
      await pool.query(`${insertPerson} OVERRIDING SYSTEM VALUE VALUES ($1, 'Rossi', 'Mario', 'rossimario', 'M', $2, $3, NULL, $4, $4)`, [id, code, code ? null : 'In attesa', NOW]);
    }
    for (const [id, , into] of PEOPLE_BEFORE_018) if (into !== null) await pool.query('UPDATE people SET merged_into_id = $1 WHERE id = $2', [into, id]);

    expect((await migratePostgres(pool)).applied).toEqual(['018_duplicates']);
    expect((await pool.query('SELECT id, tax_code_key FROM people ORDER BY id')).rows).toEqual([
      { id: 1, tax_code_key: 'RSSMRA85T10A562' },
      { id: 2, tax_code_key: null },
      { id: 3, tax_code_key: null },
      { id: 4, tax_code_key: 'BNCLCU80A01A944' },
      { id: 5, tax_code_key: 'VRDGPP70C03F205' },
      { id: 6, tax_code_key: null },
    ]);
    expect((await pool.query('SELECT person_id, other_id, reasons, dismissed_at FROM duplicate_pairs ORDER BY id')).rows).toEqual([
      { person_id: 1, other_id: 2, reasons: 'codice_fiscale', dismissed_at: null },
      { person_id: 3, other_id: 4, reasons: 'codice_fiscale', dismissed_at: null },
    ]);
    await expect(pool.query("UPDATE people SET tax_code_key = 'RSSMRA85T10A562' WHERE id = 6")).rejects.toMatchObject({ code: '23505', constraint: 'ux_people_tax_code_key' });
  });
});
