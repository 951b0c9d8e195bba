import type BetterSqlite3 from 'better-sqlite3';

/** A static migration: an id that sorts in order, and a synchronous step run inside a transaction. */
export interface Migration {
  id: string;
  up: (db: BetterSqlite3.Database) => void;
}
