import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';

/**
 * What a session was granted on: a digest of the account's password, role and organisation. Sessions
 * live in each host's memory, so another host (a second `ixl serve`, a desk on the shared server) cannot
 * be told to drop them; instead every call compares the stamp its session was made with to the
 * account as the database holds it now. A changed password, role or organisation, a lock or a
 * deactivation anywhere ends the session everywhere. Null: the account may not be used now.
 */
export async function accountStamp(db: Kysely<DB>, userId: number): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select(['password_hash', 'role', 'organisation_id', 'active', 'locked_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row || row.active !== 1 || row.locked_at !== null || row.password_hash === null) return null;
  return createHash('sha256').update(`${row.password_hash}\n${row.role}\n${row.organisation_id ?? ''}`).digest('base64url');
}
