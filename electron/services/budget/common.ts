import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { engineOf } from '../../../db/dialect';
import type { MoneyTotals } from '../../contract/budget';
import { assertCents } from '../../domain/money';

/**
 * Shared pieces of the Bilancio services. Money is integer cents; every sum is checked to stay a safe
 * integer (assertCents). Percentages are computed only here, at the edge, for display.
 */

export type Db = Kysely<DB> | Transaction<DB>;

/** An allocation (fund × year × line) with the names the messages and rows show. */
export interface AllocationInfo {
  id: number;
  fundId: number;
  fundCode: string;
  fundName: string;
  year: number;
  lineCode: string;
  lineName: string;
  lineSort: number;
  amountCents: number;
  committedCents: number;
  paidCents: number;
  commitmentRows: number;
  paymentRows: number;
  /** Raised by every change of its amount (electron/services/versions.ts). */
  version: number;
}

/** Adds amounts in cents, refusing anything that is not a safe integer (no float ever touches money). */
export function sumCents(...values: number[]): number {
  let total = 0;
  for (const v of values) {
    assertCents(v);
    total += v;
  }
  assertCents(total);
  return total;
}

/** part / whole × 100 with one decimal, for display; null when whole is not positive. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

export function moneyTotals(allocatedCents: number, committedCents: number, paidCents: number): MoneyTotals {
  return {
    allocatedCents,
    committedCents,
    paidCents,
    availableCents: sumCents(allocatedCents, -committedCents),
    toPayCents: sumCents(committedCents, -paidCents),
    usedPercent: percent(committedCents, allocatedCents),
    paidPercent: percent(paidCents, allocatedCents),
  };
}

/** Accumulates allocated / committed / paid cents. */
export class Acc {
  allocated = 0;
  committed = 0;
  paid = 0;
  add(allocated: number, committed: number, paid: number): this {
    this.allocated = sumCents(this.allocated, allocated);
    this.committed = sumCents(this.committed, committed);
    this.paid = sumCents(this.paid, paid);
    return this;
  }
  totals(): MoneyTotals {
    return moneyTotals(this.allocated, this.committed, this.paid);
  }
}

interface AllocationRow {
  id: number;
  fund_id: number;
  fund_code: string;
  fund_name: string;
  year: number;
  line_code: string;
  line_name: string;
  line_sort: number;
  amount_cents: number;
  committed_cents: number | null;
  paid_cents: number | null;
  commitment_rows: number | null;
  payment_rows: number | null;
  version: number;
}

const toInfo = (r: AllocationRow): AllocationInfo => ({
  id: r.id,
  fundId: r.fund_id,
  fundCode: r.fund_code,
  fundName: r.fund_name,
  year: r.year,
  lineCode: r.line_code,
  lineName: r.line_name,
  lineSort: r.line_sort,
  amountCents: r.amount_cents,
  committedCents: r.committed_cents ?? 0,
  paidCents: r.paid_cents ?? 0,
  commitmentRows: r.commitment_rows ?? 0,
  paymentRows: r.payment_rows ?? 0,
  version: r.version,
});

/**
 * Allocations with their running totals (allocation_totals, kept by triggers): a few hundred rows at
 * most, ordered by fund, year and line. `where` narrows them (fund, year, line, id).
 */
export async function loadAllocations(
  db: Db,
  where: { fundId?: number | null; year?: number | null; lineCode?: string | null; allocationId?: number | null } = {},
): Promise<AllocationInfo[]> {
  const conditions = [sql`1 = 1`];
  if (where.fundId != null) conditions.push(sql`a.fund_id = ${where.fundId}`);
  if (where.year != null) conditions.push(sql`a.year = ${where.year}`);
  if (where.lineCode != null) conditions.push(sql`a.line_code = ${where.lineCode}`);
  if (where.allocationId != null) conditions.push(sql`a.id = ${where.allocationId}`);
  const { rows } = await sql<AllocationRow>`
    SELECT a.id, a.fund_id, f.code AS fund_code, f.name AS fund_name, a.year, a.line_code, l.name AS line_name, l.sort AS line_sort,
      a.amount_cents, t.committed_cents, t.paid_cents, t.commitment_rows, t.payment_rows, a.version
    FROM allocations a
    JOIN funds f ON f.id = a.fund_id
    JOIN spending_lines l ON l.code = a.line_code
    LEFT JOIN allocation_totals t ON t.allocation_id = a.id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY a.fund_id, a.year, l.sort, a.line_code`.execute(db);
  return rows.map(toInfo);
}

export async function loadAllocation(db: Db, id: number): Promise<AllocationInfo | undefined> {
  return (await loadAllocations(db, { allocationId: id }))[0];
}

/** «Comune di Bologna – … · 2018 · Tirocini e inserimento lavorativo» */
export function allocationLabel(a: Pick<AllocationInfo, 'fundName' | 'year' | 'lineName'>): string {
  return `«${a.fundName} · ${a.year} · ${a.lineName}»`;
}

/** "Cognome Nome" */
export function personName(last: string | null | undefined, first: string | null | undefined): string | null {
  if (!last && !first) return null;
  return [last, first].filter(Boolean).join(' ');
}

/** Splits `n` into chunks for `IN (…)` lists. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Locks the running totals that a money write checks, until its transaction ends, so that desks
 * writing to a shared PostgreSQL database at the same instant check the caps one after another
 * (without it, two commitments could each see the same amount left). The allocation is always locked
 * before the commitment, whatever the write, so two writes never wait for each other in a circle.
 * SQLite needs nothing: it runs one write transaction at a time.
 */
export async function lockTotals(trx: Db, which: { allocationId?: number | null; commitmentId?: number | null }): Promise<void> {
  if (engineOf(trx) !== 'postgres') return;
  if (which.allocationId != null) await sql`SELECT 1 FROM allocation_totals WHERE allocation_id = ${which.allocationId} FOR UPDATE`.execute(trx);
  if (which.commitmentId != null) await sql`SELECT 1 FROM commitment_totals WHERE commitment_id = ${which.commitmentId} FOR UPDATE`.execute(trx);
}
