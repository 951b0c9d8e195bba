import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';

/**
 * The login throttle (issue 11), kept in the database so that every desk sharing one database sees
 * the same failures. Consecutive failures are counted per account (the user name as typed, known or
 * not, so that the answers do not tell which names exist) and per host (the computer or address the
 * logins come from, which catches one password tried on many accounts). After a few failures each
 * next attempt has to wait, longer every time; an account is locked after LOCK_AFTER failures.
 */
export type ThrottleKind = 'account' | 'host';

/** Consecutive failures that lock an account until an administrator unlocks it. */
export const LOCK_AFTER = 10;
const MAX_WAIT_SECONDS = 60;
const RULES: Record<ThrottleKind, { free: number; forgetMs: number }> = {
  // failures without a success for a day are forgotten, so that a typo a month never adds up to a lock
  account: { free: 3, forgetMs: 24 * 60 * 60 * 1000 },
  // a computer shared by several people: more failures before the waits, forgotten after a quiet quarter of an hour
  host: { free: 10, forgetMs: 15 * 60 * 1000 },
};

/** Seconds the next attempt waits after `failures` of a kind: none for the first few, then 1, 2, 4 … up to a minute. */
function waitSeconds(kind: ThrottleKind, failures: number): number {
  const { free } = RULES[kind];
  return failures < free ? 0 : Math.min(MAX_WAIT_SECONDS, 2 ** (failures - free));
}

/** What the throttle says of an attempt about to be made. */
export type Reservation = { ok: true; accountFailures: number } | { ok: false; kind: ThrottleKind; seconds: number };

const forgetBefore = (kind: ThrottleKind, now: Date) => new Date(now.getTime() - RULES[kind].forgetMs).toISOString();

/**
 * Counts one failure of `kind`/`key` unless its wait is running; returns the failures (this one
 * included), or the seconds left to wait.
 */
async function countFailure(trx: Kysely<DB>, kind: ThrottleKind, key: string, now: Date): Promise<{ failures: number } | { seconds: number }> {
  const nowIso = now.toISOString();
  await trx
    .insertInto('login_throttle')
    .values({ kind, key, failures: 0, last_failure_at: null, wait_until: null })
    .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
    .execute();
  // one statement that checks the wait and counts: on PostgreSQL a concurrent attempt waits for the row and sees this one
  const counted = await trx
    .updateTable('login_throttle')
    .set({
      failures: sql<number>`CASE WHEN last_failure_at IS NULL OR last_failure_at < ${forgetBefore(kind, now)} THEN 1 ELSE failures + 1 END`,
      last_failure_at: nowIso,
    })
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where((eb) => eb.or([eb('wait_until', 'is', null), eb('wait_until', '<=', nowIso)]))
    .returning('failures')
    .executeTakeFirst();
  if (!counted) {
    const row = await trx.selectFrom('login_throttle').select('wait_until').where('kind', '=', kind).where('key', '=', key).executeTakeFirstOrThrow();
    return { seconds: Math.max(1, Math.ceil((Date.parse(row.wait_until ?? nowIso) - now.getTime()) / 1000)) };
  }
  const wait = waitSeconds(kind, counted.failures);
  const waitUntil = wait > 0 ? new Date(now.getTime() + wait * 1000).toISOString() : null;
  await trx.updateTable('login_throttle').set({ wait_until: waitUntil }).where('kind', '=', kind).where('key', '=', key).execute();
  return { failures: counted.failures };
}

class Refused extends Error {
  constructor(readonly refusal: Extract<Reservation, { ok: false }>) {
    super('refused');
  }
}

/**
 * Reserves an attempt before the password is checked: it is counted as a failure of the account and
 * of the host at once, so that attempts made in parallel cannot all slip in before the first failure
 * is written. A wait running on either refuses it, and nothing is counted. The caller then settles
 * the attempt: a failure stays counted, a success gives its count back (`succeeded`).
 */
export async function reserveAttempt(db: Kysely<DB>, attempt: { username: string; host: string }, now: Date): Promise<Reservation> {
  try {
    // its own transaction: a refusal rolls back the count already made on the account
    return await db.transaction().execute(async (inner) => {
      const account = await countFailure(inner, 'account', attempt.username, now);
      if ('seconds' in account) throw new Refused({ ok: false, kind: 'account', seconds: account.seconds });
      const host = await countFailure(inner, 'host', attempt.host, now);
      if ('seconds' in host) throw new Refused({ ok: false, kind: 'host', seconds: host.seconds });
      return { ok: true as const, accountFailures: account.failures };
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** The account's failures that still count (not forgotten), for an account that may not exist. */
export async function accountFailures(db: Kysely<DB>, username: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('login_throttle')
    .select('failures')
    .where('kind', '=', 'account')
    .where('key', '=', username)
    .where('last_failure_at', '>=', forgetBefore('account', now))
    .executeTakeFirst();
  return row?.failures ?? 0;
}

/** A correct password: the account starts again from zero, the host gets back the failure its reservation counted. */
export async function succeeded(trx: Kysely<DB>, attempt: { username: string; host: string }): Promise<void> {
  await clearAccount(trx, attempt.username);
  await trx
    .updateTable('login_throttle')
    .set({ failures: sql<number>`CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END` })
    .where('kind', '=', 'host')
    .where('key', '=', attempt.host)
    .execute();
}

/** Forgets an account's failures (a success, or an administrator's unlock). */
export async function clearAccount(trx: Kysely<DB>, username: string): Promise<void> {
  await trx.deleteFrom('login_throttle').where('kind', '=', 'account').where('key', '=', username).execute();
}

/** Drops the rows whose failures are all forgotten, so that names tried once do not pile up. */
export async function pruneForgotten(trx: Kysely<DB>, now: Date): Promise<void> {
  await trx.deleteFrom('login_throttle').where('last_failure_at', '<', forgetBefore('account', now)).execute();
}
