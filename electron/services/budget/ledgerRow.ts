import type { Insertable, Transaction } from 'kysely';
import type { CommitmentTable, DB, PaymentTable } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { sumCents } from './common';

/** A movement that went over what its allocation or commitment had left: with a reason it is written and listed under "Deroghe". */
export interface Overrun {
  over: boolean;
  reason: string | null;
  /** What was left before this movement. */
  left: number;
  amount: number;
  /** The impegno the movement belongs to (null: the new row is itself the impegno) and its allocation. */
  commitmentId: number | null;
  allocationId: number;
}

type Stamped = 'id' | 'override_reason' | 'created_at' | 'created_by';
type LedgerInsert = { table: 'commitments'; values: Omit<Insertable<CommitmentTable>, Stamped> } | { table: 'payments'; values: Omit<Insertable<PaymentTable>, Stamped> };

/**
 * Appends one row to the append-only ledger (impegni or liquidazioni), stamped with who and when and,
 * when it goes over with a reason, the override that lists it. Returns the new row's id and what the
 * audit row says of the override (nothing when within the limit).
 */
export async function appendLedgerRow(trx: Transaction<DB>, ctx: ServiceContext, row: LedgerInsert, overrun: Overrun): Promise<{ id: number; overrideAudit: Record<string, unknown> }> {
  const stamp = { override_reason: overrun.over ? overrun.reason : null, created_at: ctx.clock.nowIso(), created_by: ctx.caller.userId };
  const { id } =
    row.table === 'commitments'
      ? await trx.insertInto('commitments').values({ ...row.values, ...stamp }).returning('id').executeTakeFirstOrThrow()
      : await trx.insertInto('payments').values({ ...row.values, ...stamp }).returning('id').executeTakeFirstOrThrow();
  if (!overrun.over || !overrun.reason) return { id, overrideAudit: {} };
  const excess = sumCents(overrun.amount, -Math.max(overrun.left, 0));
  await trx
    .insertInto('budget_overrides')
    .values({
      source: row.table === 'commitments' ? 'impegno' : 'liquidazione',
      entry_id: id,
      commitment_id: overrun.commitmentId ?? id,
      allocation_id: overrun.allocationId,
      left_before_cents: overrun.left,
      excess_cents: excess,
      reason: overrun.reason,
      created_at: stamp.created_at,
      created_by: stamp.created_by,
    })
    .execute();
  return { id, overrideAudit: { overrideReason: overrun.reason, leftBeforeCents: overrun.left, excessCents: excess } };
}
