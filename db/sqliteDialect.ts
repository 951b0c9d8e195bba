import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * Kysely's SQLite dialect with write transactions that take the write lock when they begin
 * (BEGIN IMMEDIATE) rather than at their first write. With a plain BEGIN, two processes on one file
 * (two windows, `ixl serve` and the CLI) can both start reading; the one that then writes second
 * cannot upgrade its read snapshot and fails at once with SQLITE_BUSY, without waiting. Taken at the
 * start, the lock is waited for (the busy timeout), and transactions simply run one after another.
 * Every kysely transaction of the app is a write, so all of them begin this way.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
