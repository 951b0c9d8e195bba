import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, DatabaseTooNewError } from '../migrate';
import { MIGRATIONS } from '../migrations/index';
import { Store } from '../connection';
import { PG_MIGRATIONS } from './migrations/index';
import { tempCore, type TempCore } from '../../electron/testing/tempDb';

/** One line per column ('table.column type [not null]'), index and trigger: what both engines must agree on. */
type Shape = { columns: string[]; indexes: string[]; triggers: string[] };

/** SQLite's declared types as PostgreSQL's: money in cents is bigint there, every other INTEGER integer. */
function pgType(column: string, declared: string): string {
  const type = declared.toUpperCase();
  if (type === 'INTEGER') return column.endsWith('_cents') ? 'bigint' : 'integer';
  if (type === 'BLOB') return 'bytea';
  return type.toLowerCase();
}

function sqliteShape(db: Database.Database): Shape {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const columns = tables.flatMap(({ name }) =>
    (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; pk: number }[]).map(
      (c) => `${name}.${c.name} ${pgType(c.name, c.type)}${c.notnull || c.pk ? ' not null' : ''}`,
    ),
  );
  const named = (type: string) =>
    (db.prepare(`SELECT name, tbl_name AS tbl FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ORDER BY name`).all(type) as { name: string; tbl: string }[]).map(
      (r) => `${r.tbl}.${r.name}`,
    );
  return { columns: columns.sort(), indexes: named('index').sort(), triggers: named('trigger').sort() };
}

async function postgresShape(store: Store): Promise<Shape> {
  const columns = await sql<{ line: string }>`
    SELECT table_name || '.' || column_name || ' ' || data_type || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END AS line
    FROM information_schema.columns WHERE table_schema = current_schema()`.execute(store.db);
  // indexes the app declared: not the ones PostgreSQL makes for primary keys and UNIQUE constraints
  const indexes = await sql<{ line: string }>`
    SELECT i.tablename || '.' || i.indexname AS line FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(store.db);
  const triggers = await sql<{ line: string }>`
    SELECT DISTINCT event_object_table || '.' || trigger_name AS line FROM information_schema.triggers WHERE trigger_schema = current_schema()`.execute(store.db);
  const lines = (r: { rows: { line: string }[] }) => r.rows.map((x) => x.line).sort();
  return { columns: lines(columns), indexes: lines(indexes), triggers: lines(triggers) };
}

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
});
afterAll(async () => {
  await t.cleanup();
});

describe('PostgreSQL and SQLite: one schema', () => {
  it('has one PostgreSQL migration for each SQLite migration, with the same id, in the same order', () => {
    expect(PG_MIGRATIONS.map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('ends with the same tables, columns (types mapped), indexes and triggers on both engines', async () => {
    const lite = new Database(':memory:');
    migrate(lite);
    const expected = sqliteShape(lite);
    lite.close();
    const actual = await postgresShape(t.core.store);
    expect(actual.columns).toEqual(expected.columns);
    expect(actual.indexes).toEqual(expected.indexes);
    expect(actual.triggers).toEqual(expected.triggers);
  });

  it('holds the same reference data as SQLite', async () => {
    const lite = new Database(':memory:');
    migrate(lite);
    for (const table of ['districts', 'comuni', 'birth_places', 'channels', 'organisations', 'spending_lines', 'instruments', 'ateco_sections', 'privacy_notices']) {
      const want = lite.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
      const have = (await sql.raw(`SELECT * FROM ${table} ORDER BY 1`).execute(t.core.store.db)).rows;
      expect(have, table).toEqual(want);
    }
    const funds = (await sql<{ code: string; amount_cents: number }>`SELECT code, amount_cents FROM funds ORDER BY id`.execute(t.core.store.db)).rows;
    expect(funds).toEqual(lite.prepare('SELECT code, amount_cents FROM funds ORDER BY id').all());
    lite.close();
  });

  it('refuses a database written by a newer version, as SQLite does', async () => {
    await sql`INSERT INTO schema_migrations (id, applied_at) VALUES ('999_futuro', '2030-01-01T00:00:00Z')`.execute(t.core.store.db);
    await expect(Store.open(t.file)).rejects.toBeInstanceOf(DatabaseTooNewError);
    await sql`DELETE FROM schema_migrations WHERE id = '999_futuro'`.execute(t.core.store.db);
  });
});
