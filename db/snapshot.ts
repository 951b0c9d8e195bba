import Cursor from 'pg-cursor';
import { openSqlite } from './connection';
import { isPostgresLocation } from './location';
import { openPool } from './postgres/pool';

/**
 * A read-only snapshot of the database for long exports, opened on a connection of its own: every
 * query sees the same data while the app keeps writing, and rows are streamed in constant memory
 * (SQLite's statement iterator, a PostgreSQL server-side cursor). Rows come as arrays of column
 * values, in the order of the SELECT. `sqlText` uses `?` placeholders on SQLite and `$1`… on
 * PostgreSQL, as kysely compiles them for each engine.
 */
export interface Snapshot {
  rows(sqlText: string, params?: readonly unknown[]): AsyncIterable<unknown[]>;
  close(): Promise<void>;
}

/** Rows a cursor hands over at a time: large enough to amortise the round trip, small enough to stay flat. */
const CURSOR_BATCH = 2000;

export async function openSnapshot(location: string): Promise<Snapshot> {
  return isPostgresLocation(location) ? postgresSnapshot(location) : sqliteSnapshot(location);
}

function sqliteSnapshot(file: string): Snapshot {
  const db = openSqlite(file, { readonly: true });
  db.pragma('cache_size = -32768');
  db.exec('BEGIN');
  return {
    async *rows(sqlText, params = []) {
      yield* db.prepare(sqlText).raw(true).iterate(...params) as IterableIterator<unknown[]>;
    },
    close: async () => {
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
}

async function postgresSnapshot(location: string): Promise<Snapshot> {
  const pool = openPool(location, 1);
  const client = await pool.connect();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  return {
    async *rows(sqlText, params = []) {
      const cursor = client.query(new Cursor<unknown[]>(sqlText, [...params], { rowMode: 'array' }));
      try {
        for (let batch = await cursor.read(CURSOR_BATCH); batch.length > 0; batch = await cursor.read(CURSOR_BATCH)) yield* batch;
      } finally {
        await cursor.close();
      }
    },
    close: async () => {
      await client.query('COMMIT').catch(() => undefined);
      client.release();
      await pool.end();
    },
  };
}
