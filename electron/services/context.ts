import { sql, type Kysely, type Transaction } from 'kysely';
import { CHANGES_CHANNEL } from '../../db/changes';
import { engineOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Store } from '../../db/connection';
import type { Role } from '../contract/roles';
import { todayIso } from '../domain/dates';

/**
 * Who makes a call: a logged-in user, the system (CLI, scheduled backups) or nobody yet (the public
 * calls made before login). Every write is audited under this name.
 */
export interface Caller {
  /** null for the system and before login */
  userId: number | null;
  username: string;
  fullName: string;
  /** null before login: such a caller sees no personal data */
  role: Role | null;
  /** The organisation the user works for (users.organisation_id), if any. */
  organisationId: number | null;
}

export const SYSTEM_CALLER: Caller = { userId: null, username: 'sistema', fullName: 'Sistema (riga di comando)', role: 'amministratore', organisationId: null };
export const ANONYMOUS_CALLER: Caller = { userId: null, username: 'anonimo', fullName: 'Anonimo', role: null, organisationId: null };

/** The time as the services see it: one clock per call, so tests and replays can fix it. */
export interface Clock {
  now(): Date;
  /** The current instant as an ISO timestamp (the `*_at` columns). */
  nowIso(): string;
  /** Today in the office's calendar, 'YYYY-MM-DD' (the dates of the domain). */
  today(): string;
}

export function clockAt(now: () => Date): Clock {
  return { now, nowIso: () => now().toISOString(), today: () => todayIso(now()) };
}
export const systemClock: Clock = clockAt(() => new Date());

/**
 * What every service entry point receives first, built by the dispatch for each call: the database,
 * the clock and the caller. Entry points are `(ctx, input)`.
 */
export interface ServiceContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly caller: Caller;
}

/** A context outside the dispatch (CLI, scheduled jobs, benchmarks, tests): the system by default. */
export function serviceContext(store: Store, caller: Caller = SYSTEM_CALLER, clock: Clock = systemClock): ServiceContext {
  return { store, clock, caller };
}

export interface AuditEntry {
  /** Set on the audit rows of reads (opening sensitive data, exports): they change nothing other desks show. */
  read?: true;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one row to the audit log under the caller's name, inside the caller's transaction. On a
 * shared server a write also tells the other desks which entity changed (db/changes.ts): the
 * notification leaves with the commit, never for a write rolled back.
 */
export async function audit(trx: Kysely<DB> | Transaction<DB>, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: ctx.clock.nowIso(),
      user_id: ctx.caller.userId,
      username: ctx.caller.username,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
  if (!entry.read && engineOf(trx) === 'postgres') await sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${entry.entity})`.execute(trx);
}

/** The audit action of a read of sensitive data (auditRead), where no more specific one applies. */
export const READ_ACTION = 'consulta';

/**
 * Records that the caller read sensitive data (DOMAIN.md §11: assessment answers, notes, documents,
 * a copy of a person's data): one audit row saying who read what, written before the data is returned.
 * Every such read goes through here. The action is READ_ACTION unless the entry names another.
 */
export async function auditRead(ctx: ServiceContext, entry: Omit<AuditEntry, 'action'> & { action?: string }): Promise<void> {
  await audit(ctx.store.db, ctx, { action: READ_ACTION, ...entry, read: true });
}

/**
 * Runs a write as one transaction that also writes its audit row: the step returns its result and
 * the audit entry; if anything throws, nothing is written.
 */
export async function write<T>(
  ctx: ServiceContext,
  step: (trx: Transaction<DB>) => Promise<{ result: T; audit: AuditEntry }>,
): Promise<T> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { result, audit: entry } = await step(trx);
    await audit(trx, ctx, entry);
    return result;
  });
}
