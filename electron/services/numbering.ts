import { sql, type Kysely, type Transaction } from 'kysely';
import { engineOf } from '../../db/dialect';
import type { DB } from '../../db/schema';

/**
 * Holds the series `name` (the pact numbers of a year, the questionnaire's versions) until the
 * transaction ends, so that two desks on a shared PostgreSQL server handing out the next number at
 * the same instant take turns: each reads the highest number after the other's commit, never the
 * same one. A transaction-level advisory lock: nothing to release, nothing stored. SQLite needs
 * nothing: its write transactions take the write lock when they begin (db/sqliteDialect.ts).
 */
export async function lockSeries(trx: Kysely<DB> | Transaction<DB>, name: string): Promise<void> {
  if (engineOf(trx) === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`ixl.${name}`}))`.execute(trx);
}
