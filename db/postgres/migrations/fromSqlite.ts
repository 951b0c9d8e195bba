import Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { migrate } from '../../migrate';
import { MIGRATIONS } from '../../migrations/index';

/**
 * The rows of `table` as SQLite's migrations up to `throughId` leave them, in an in-memory database.
 * A PostgreSQL data migration takes its reference data from the SQLite migration of the same id —
 * landed migrations never change — so the two engines hold the same rows without a second copy of
 * the lists.
 */
export function sqliteRowsAt(throughId: string, table: string, columns: readonly string[]): unknown[][] {
  const last = MIGRATIONS.findIndex((m) => m.id === throughId);
  if (last < 0) throw new Error(`Migrazione SQLite sconosciuta: ${throughId}`);
  const db = new Database(':memory:');
  try {
    migrate(db, MIGRATIONS.slice(0, last + 1));
    return db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY 1`).raw(true).all() as unknown[][];
  } finally {
    db.close();
  }
}

/** Inserts `rows` into `table` in multi-row statements; `suffix` is e.g. an ON CONFLICT clause. */
export async function insertRows(c: PoolClient, table: string, columns: readonly string[], rows: readonly unknown[][], suffix = ''): Promise<void> {
  const chunk = Math.max(1, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const values = part.map((_, r) => `(${columns.map((__, k) => `$${r * columns.length + k + 1}`).join(', ')})`).join(', ');
    await c.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ${suffix}`, part.flat());
  }
}

/** Moves the identity of `table`.id past its highest id, after rows were inserted with their ids. */
export async function syncIdentity(c: PoolClient, table: string): Promise<void> {
  await c.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`);
}
