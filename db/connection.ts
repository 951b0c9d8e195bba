import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { randomBytes } from 'node:crypto';
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
 * kysely instance the services use. `replaceWith` restores a backup into it.
 */
export class Store {
  raw!: Database.Database;
  db!: Kysely<DB>;
  /** True when the file did not exist before this store opened it. */
  readonly created: boolean;
  /** Which restore of the database this store has seen (settings 'database.generation'), and SQLite's data_version when it last looked. */
  private generation = '';
  private dataVersion = 0;

  private constructor(readonly file: string) {
    this.created = file === ':memory:' || !fs.existsSync(file);
    this.open();
  }

  /** Opens (creating and migrating if needed) the database at `location`. */
  static async open(location: string): Promise<Store> {
    return new Store(location);
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
    this.generation = this.readGeneration();
    this.dataVersion = this.currentDataVersion();
  }

  /**
   * Copies `source` (a checked database at this version's level) into the live database with SQLite's
   * online backup API: the pages are written under the database's own write lock and through its WAL,
   * never by deleting or overwriting files, so another connection on the same file — another window,
   * `ixl serve`, the CLI — simply reads the restored content, and can never write its old state back.
   * A new generation is recorded so that those other processes notice (see `replacedElsewhere`).
   */
  async replaceWith(source: string): Promise<void> {
    const from = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await from.backup(this.file);
    } finally {
      from.close();
    }
    migrate(this.raw);
    this.generation = randomBytes(12).toString('base64url');
    this.raw.prepare("INSERT INTO settings (key, value) VALUES ('database.generation', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(this.generation));
    this.dataVersion = this.currentDataVersion();
  }

  /**
   * True once when another process has restored the database since this store last looked: the
   * caller then drops what it holds from before (sessions, cached reports). Cheap: `data_version`
   * changes only when another connection commits, and only then is the generation read.
   */
  replacedElsewhere(): boolean {
    if (this.file === ':memory:') return false;
    const version = this.currentDataVersion();
    if (version === this.dataVersion) return false;
    this.dataVersion = version;
    const now = this.readGeneration();
    if (now === this.generation) return false;
    this.generation = now;
    return true;
  }

  private currentDataVersion(): number {
    return this.raw.pragma('data_version', { simple: true }) as number;
  }

  private readGeneration(): string {
    const row = this.raw.prepare("SELECT value FROM settings WHERE key = 'database.generation'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string) : '';
  }

  async close(): Promise<void> {
    await this.db.destroy();
    if (this.raw.open) this.raw.close();
  }
}
