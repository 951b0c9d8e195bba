import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index';

export class DatabaseTooNewError extends Error {
  constructor(unknown: string[]) {
    super(
      `Il database è stato scritto da una versione più recente di IXL Desk (migrazioni sconosciute: ${unknown.join(', ')}). ` +
        'Aggiornare l’applicazione prima di aprirlo.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

function appliedIds(db: BetterSqlite3.Database): string[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) return [];
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

/** Ids recorded in the database that this version does not know: non-empty means a newer app wrote it. */
export function unknownMigrations(db: BetterSqlite3.Database): string[] {
  const known = new Set(MIGRATIONS.map((m) => m.id));
  return appliedIds(db).filter((id) => !known.has(id));
}

/** Applies the pending migrations, each in its own transaction, and records them. */
export function migrate(db: BetterSqlite3.Database): { applied: string[] } {
  const unknown = unknownMigrations(db);
  if (unknown.length > 0) throw new DatabaseTooNewError(unknown);
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(appliedIds(db));
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const migration of MIGRATIONS) {
    if (done.has(migration.id)) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.id, new Date().toISOString());
    })();
    applied.push(migration.id);
  }
  db.pragma(`user_version = ${MIGRATIONS.length}`);
  return { applied };
}
