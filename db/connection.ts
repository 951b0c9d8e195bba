import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from './schema';
import { migrate } from './migrate';

/** Opens a SQLite file with the pragmas the app relies on: WAL, foreign keys, a busy timeout. */
export function openSqlite(file: string, options: { readonly?: boolean } = {}): Database.Database {
  if (file !== ':memory:' && !options.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * The open database: the raw better-sqlite3 handle (bulk work, backups, benchmarks' floors) and the
 * kysely instance the services use. `replaceWith` swaps the file under it (restore from backup).
 */
export class Store {
  raw!: Database.Database;
  db!: Kysely<DB>;
  /** True when the file did not exist before this store opened it. */
  readonly created: boolean;

  constructor(readonly file: string) {
    this.created = file === ':memory:' || !fs.existsSync(file);
    this.open();
  }

  private open(): void {
    this.raw = openSqlite(this.file);
    try {
      migrate(this.raw);
    } catch (error) {
      this.raw.close();
      throw error;
    }
    this.db = new Kysely<DB>({ dialect: new SqliteDialect({ database: this.raw }) });
  }

  /** Closes the database, copies `source` over its file and reopens it (migrating an older copy). */
  async replaceWith(source: string): Promise<void> {
    await this.db.destroy();
    if (this.raw.open) this.raw.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(this.file + suffix, { force: true });
    fs.copyFileSync(source, this.file);
    this.open();
  }

  async close(): Promise<void> {
    await this.db.destroy();
    if (this.raw.open) this.raw.close();
  }
}
