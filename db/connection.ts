import Database from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import Cursor from 'pg-cursor';
import type pg from 'pg';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from './schema';
import { migrate } from './migrate';
import { migratePostgres } from './postgres/migrate';
import { isPostgresLocation, redactLocation, serverOf } from './location';
import { connectionFailureMessage } from './postgres/errors';
import { openPool } from './postgres/pool';
import { openChangeFeed, type ChangeFeed } from './changes';
import { ImmediateSqliteDialect } from './sqliteDialect';

/** The two engines: the embedded SQLite file of one desk, or the PostgreSQL server an office network shares. */
export type Engine = 'sqlite' | 'postgres';

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

/** The shared server could not be reached or refused the connection: the message says why, in Italian. */
export class DatabaseConnectionError extends Error {
  override name = 'DatabaseConnectionError';
}

/**
 * The open database, on either engine: the kysely instance the services use and, on SQLite, the raw
 * better-sqlite3 handle (bulk work, backups, benchmarks' floors). `location` is a file path or a
 * postgres:// URL. `replaceWith` restores a backup into a SQLite database.
 */
export class Store {
  private sqliteHandle: Database.Database | null = null;
  /** The connection pool, on PostgreSQL. */
  readonly pool: pg.Pool | null;
  db!: Kysely<DB>;
  /** True when the file did not exist before this store opened it (always false on PostgreSQL). */
  readonly created: boolean;
  /** Which restore of the database this store has seen (settings 'database.generation'), and SQLite's data_version when it last looked. */
  private generation = '';
  private feed: ChangeFeed | null = null;
  private dataVersion = 0;

  private constructor(
    /** The location: a file path on SQLite, the postgres:// URL on PostgreSQL. */
    readonly file: string,
    readonly engine: Engine,
  ) {
    if (engine === 'postgres') {
      this.created = false;
      this.pool = openPool(file);
      this.db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: this.pool, cursor: Cursor }) });
    } else {
      this.created = file === ':memory:' || !fs.existsSync(file);
      this.pool = null;
      this.open();
    }
  }

  /**
   * Opens (creating and migrating if needed) the database at `location`: a SQLite file or a postgres://
   * URL. `appRole`: on PostgreSQL, the role that gets the application's rights after migrating (`ixl migrate --app-role`).
   */
  static async open(location: string, options: { appRole?: string } = {}): Promise<Store> {
    if (!isPostgresLocation(location)) return new Store(location, 'sqlite');
    const store = new Store(location, 'postgres');
    try {
      await migratePostgres(store.pool!, undefined, options.appRole);
    } catch (error) {
      await store.close();
      const message = connectionFailureMessage(error, serverOf(location));
      throw message ? new DatabaseConnectionError(message, { cause: error }) : error;
    }
    return store;
  }

  /** The raw SQLite handle; the code paths that use it exist only on SQLite. */
  get raw(): Database.Database {
    if (!this.sqliteHandle) throw new Error(`Operazione disponibile solo sul database SQLite (database aperto: ${redactLocation(this.file)})`);
    return this.sqliteHandle;
  }

  /** What other desks change, and whether the shared server is reachable (db/changes.ts): opened by the first host that asks. */
  changes(): ChangeFeed {
    return (this.feed ??= openChangeFeed(this.file));
  }

  /** Where the database is, for messages: the file, or the server URL without its password. */
  describe(): string {
    return redactLocation(this.file);
  }

  private open(): void {
    const handle = openSqlite(this.file);
    try {
      migrate(handle);
    } catch (error) {
      handle.close();
      throw error;
    }
    this.sqliteHandle = handle;
    this.db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: handle }) });
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
    if (this.engine === 'postgres' || this.file === ':memory:') return false;
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
    await this.feed?.close();
    await this.db.destroy();
    // kysely ends the pool only if it used it; the migrations use it directly
    if (this.pool && !this.pool.ended) await this.pool.end();
    if (this.sqliteHandle?.open) this.sqliteHandle.close();
  }
}
