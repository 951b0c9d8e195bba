import type BetterSqlite3 from 'better-sqlite3';

/** A static migration: an id that sorts in order, and a synchronous step run inside a transaction. */
export interface Migration {
  /** 'NNN_name': NNN is the schema version (`PRAGMA user_version`) once it is applied. */
  id: string;
  up: (db: BetterSqlite3.Database) => void;
  /**
   * The step rebuilds tables (SQLite's 12-step ALTER): the runner turns foreign keys off around its
   * transaction (the pragma is a no-op inside one) and refuses to commit if foreign_key_check finds a row.
   */
  rebuildsTables?: boolean;
}
