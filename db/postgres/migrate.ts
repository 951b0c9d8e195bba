import type { Pool } from 'pg';
import { DatabaseTooNewError } from '../migrate';
import { appRoles, grantAppRole, maySchema, RoleSetupError } from './roles';
import { PG_MIGRATIONS } from './migrations/index';
import type { PgMigration } from './migrations/types';

/** Any number, the same for every desk: desks starting together migrate one at a time. */
const MIGRATION_LOCK = 74_100_017;

export class MigrationNotAllowedError extends Error {
  constructor(pending: string[]) {
    super(
      `Il database condiviso va aggiornato a questa versione di IXL Desk (migrazioni da applicare: ${pending.join(', ')}), ` +
        'ma l’utente con cui l’applicazione si collega non può modificare lo schema. ' +
        'Un amministratore esegua «ixl migrate --db postgres://proprietario@server/database», poi riaprire l’applicazione.',
    );
    this.name = 'MigrationNotAllowedError';
  }
}

/**
 * Applies the pending PostgreSQL migrations, each in its own transaction, under an advisory lock so
 * that two desks opening the database at once do not race. A database that records an id this
 * version does not know was written by a newer version: refused, as on SQLite. When migrations are
 * pending and the connected role may not change the schema (the application role of a shared
 * server), the message says who must run them.
 * After migrating, the application roles get their rights again, so that new tables are covered:
 * `appRole` (`ixl migrate --app-role`) and every role that already had them (db/postgres/roles.ts).
 */
export async function migratePostgres(pool: Pool, migrations: readonly PgMigration[] = PG_MIGRATIONS, appRole?: string): Promise<{ applied: string[] }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const exists = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
      const done = new Set<string>();
      if (exists.rows[0]?.t) {
        for (const row of (await client.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).rows) done.add(row.id);
      }
      const known = new Set(migrations.map((m) => m.id));
      const unknown = [...done].filter((id) => !known.has(id));
      if (unknown.length > 0) throw new DatabaseTooNewError(unknown);
      const pending = migrations.filter((m) => !done.has(m.id));
      if (pending.length === 0 && !appRole) return { applied: [] };
      if (!(await maySchema(client))) {
        if (pending.length > 0) throw new MigrationNotAllowedError(pending.map((m) => m.id));
        throw new RoleSetupError('Solo il proprietario dello schema concede i permessi al ruolo dell’applicazione: eseguire «ixl migrate» collegati come proprietario.');
      }
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied: string[] = [];
      for (const migration of pending) {
        await client.query('BEGIN');
        try {
          await migration.up(client);
          await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [migration.id, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.id);
      }
      await client.query('BEGIN');
      try {
        for (const role of new Set([...(appRole ? [appRole] : []), ...(await appRoles(client))])) await grantAppRole(client, role);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
