import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';

export class DatabaseTooNewError extends Error {
  constructor(unknown: string[]) {
    super(
      `Il database è stato scritto da una versione più recente di IXL Desk (migrazioni sconosciute: ${unknown.join(', ')}). ` +
        'Aggiornare l’applicazione prima di aprirlo.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The schema version a migration stands for: the number its id starts with ('009_reports' → 9). */
export function migrationVersion(id: string): number {
  const match = /^(\d+)_/.exec(id);
  if (!match) throw new Error(`Id di migrazione senza numero iniziale: ${id}`);
  return Number(match[1]);
}

function appliedIds(db: BetterSqlite3.Database): string[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) return [];
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

/** Ids recorded in the database that this version does not know: non-empty means a newer app wrote it. */
export function unknownMigrations(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): string[] {
  const known = new Set(migrations.map((m) => m.id));
  return appliedIds(db).filter((id) => !known.has(id));
}

/**
 * Applies the pending migrations, each in its own transaction, and records them. `user_version` is the
 * highest migration id applied (it used to be the number of migrations, 8 while the last id was 009,
 * since 006 was never used): it is raised inside each migration's transaction, and a database written
 * before this rule gets its value put right here even when nothing is pending.
 * `migrations` is for tests that stop the chain part way; the app always runs the whole list.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): { applied: string[] } {
  const unknown = unknownMigrations(db, migrations);
  if (unknown.length > 0) throw new DatabaseTooNewError(unknown);
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(appliedIds(db));
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const version = () => db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    if (migration.rebuildsTables) {
      db.pragma('foreign_keys = OFF');
      // inside an open transaction the pragma does nothing, and a DROP TABLE would cascade
      if (db.pragma('foreign_keys', { simple: true }) !== 0) throw new Error(`La migrazione ${migration.id} va eseguita fuori da una transazione`);
    }
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`La migrazione ${migration.id} lascerebbe riferimenti a righe inesistenti: annullata.`);
        }
        record.run(migration.id, new Date().toISOString());
        // max: a repair migration with a free lower id (006) may be applied after higher ones
        db.pragma(`user_version = ${Math.max(version(), migrationVersion(migration.id))}`);
      })();
    } finally {
      if (migration.rebuildsTables && foreignKeys) db.pragma('foreign_keys = ON');
    }
    applied.push(migration.id);
  }
  const highest = Math.max(0, ...[...done, ...applied].map(migrationVersion));
  if (version() !== highest) db.pragma(`user_version = ${highest}`);
  return { applied };
}
