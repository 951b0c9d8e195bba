import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Store } from '../../db/connection';

/** Who performs a write: a logged-in user, or the system (CLI, scheduled backups, first run). */
export interface Actor {
  userId: number | null;
  username: string;
}
export const SYSTEM_ACTOR: Actor = { userId: null, username: 'sistema' };

export interface ServiceContext {
  store: Store;
  actor: Actor;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Appends one row to the audit log, inside the caller's transaction. */
export async function audit(trx: Kysely<DB> | Transaction<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      user_id: actor.userId,
      username: actor.username,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
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
    await audit(trx, ctx.actor, entry);
    return result;
  });
}
