import { sql, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import {
  COMMITMENT_KIND_LABELS,
  PAYMENT_KIND_LABELS,
  type CommitmentKind,
  type LedgerEntry,
  type LedgerPage,
  type LedgerSource,
  type PaymentKind,
  type ledgerFilter,
} from '../../contract/budget';
import type { ServiceContext } from '../context';
import { chunks, loadAllocations, personName, sumCents, type AllocationInfo, type Db } from './common';

/**
 * The ledger behind any figure (budget.drilldown) and its full iteration (the Excel export).
 *
 * Plain filters (fund / year / line / allocation, kind, dates) page through indexes only: each
 * allocation's commitments by (allocation_id, committed_on) and its payments by payment_allocations
 * (allocation_id, paid_on, payment_id), merged by date; counts and sums come from allocation_totals
 * when no date range is given. Other filters (commitment, person, company, instrument, overrides)
 * are selective (or rare) and use their own indexes.
 */
export type LedgerFilterValues = z.output<typeof ledgerFilter>;

interface Key {
  source: LedgerSource;
  id: number;
  date: string;
}

/** Newest first; on the same day payments before commitments, then the higher id first. */
function compareKeysDesc(a: Key, b: Key): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.source !== b.source) return a.source === 'liquidazione' ? -1 : 1;
  return b.id - a.id;
}

function isPlain(f: LedgerFilterValues): boolean {
  return f.commitmentId === null && f.personId === null && f.companyId === null && f.instrumentCode === null && !f.overridesOnly;
}
/** Filters that match few rows: one commitment, a person, a company, the overrides. */
function isSelective(f: LedgerFilterValues): boolean {
  return f.commitmentId !== null || f.personId !== null || f.companyId !== null || f.overridesOnly;
}
/** The instrument of the root commitment, by its running totals (a primary-key lookup per row). */
const instrumentOf = (commitmentId: RawBuilder<unknown>, code: string) =>
  sql`EXISTS (SELECT 1 FROM commitment_totals it WHERE it.commitment_id = ${commitmentId} AND it.instrument_code = ${code})`;

/** The allocations a filter covers, or null for all of them (no fund/year/line/allocation given). */
async function allocationsOf(db: Db, f: LedgerFilterValues): Promise<{ restricted: boolean; list: AllocationInfo[] }> {
  const restricted = f.fundId !== null || f.year !== null || f.lineCode !== null || f.allocationId !== null;
  return { restricted, list: await loadAllocations(db, f) };
}

const dateRange = (column: RawBuilder<unknown>, f: LedgerFilterValues): RawBuilder<unknown>[] => {
  const out: RawBuilder<unknown>[] = [];
  if (f.from) out.push(sql`${column} >= ${f.from}`);
  if (f.to) out.push(sql`${column} <= ${f.to}`);
  return out;
};
const and = (parts: RawBuilder<unknown>[]) => (parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` AND `));

/** Conditions for commitments (alias c) and payments (alias p) of a non-plain filter. */
function filterConditions(f: LedgerFilterValues, allocationIds: number[] | null): { commitments: RawBuilder<unknown>; payments: RawBuilder<unknown> } {
  const c: RawBuilder<unknown>[] = [...dateRange(sql.ref('c.committed_on'), f)];
  const p: RawBuilder<unknown>[] = [...dateRange(sql.ref('p.paid_on'), f)];
  const root: RawBuilder<unknown>[] = [];
  if (allocationIds !== null) {
    const list = allocationIds.length > 0 ? sql.join(allocationIds) : sql`NULL`;
    c.push(sql`c.allocation_id IN (${list})`);
    root.push(sql`r.allocation_id IN (${list})`);
  }
  if (f.commitmentId !== null) {
    c.push(sql`(c.id = ${f.commitmentId} OR c.adjusts_id = ${f.commitmentId})`);
    p.push(sql`p.commitment_id = ${f.commitmentId}`);
  }
  if (f.personId !== null) {
    c.push(sql`c.person_id = ${f.personId}`);
    root.push(sql`r.person_id = ${f.personId}`);
  }
  if (f.companyId !== null) {
    c.push(sql`c.company_id = ${f.companyId}`);
    root.push(sql`r.company_id = ${f.companyId}`);
  }
  if (f.instrumentCode !== null) {
    c.push(instrumentOf(sql`coalesce(c.adjusts_id, c.id)`, f.instrumentCode));
    p.push(instrumentOf(sql.ref('p.commitment_id'), f.instrumentCode));
  }
  if (f.overridesOnly) {
    c.push(sql`c.id IN (SELECT o.entry_id FROM budget_overrides o WHERE o.source = 'impegno')`);
    p.push(sql`p.id IN (SELECT o.entry_id FROM budget_overrides o WHERE o.source = 'liquidazione')`);
  }
  if (root.length > 0) p.push(sql`p.commitment_id IN (SELECT r.id FROM commitments r WHERE r.kind = 'impegno' AND ${and(root)})`);
  return { commitments: and(c), payments: and(p) };
}

/**
 * The first `limit` keys of one source for a non-selective filter: one index range per allocation
 * (in date order, stopping after `limit` matches), merged. Without any allocation restriction the
 * payments follow their own date index instead.
 */
async function mergedKeys(
  db: Db,
  source: LedgerSource,
  f: LedgerFilterValues,
  restricted: boolean,
  allocations: AllocationInfo[],
  limit: number,
): Promise<Key[]> {
  const keys: Key[] = [];
  if (source === 'liquidazione' && !restricted) {
    const extra = f.instrumentCode !== null ? instrumentOf(sql.ref('p.commitment_id'), f.instrumentCode) : sql`1 = 1`;
    const { rows } = await sql<{ id: number; d: string }>`SELECT p.id, p.paid_on AS d FROM payments p
      WHERE ${and(dateRange(sql.ref('p.paid_on'), f))} AND ${extra} ORDER BY p.paid_on DESC, p.id DESC LIMIT ${limit}`.execute(db);
    return rows.map((r) => ({ source, id: r.id, date: r.d }));
  }
  const withRows = allocations.filter((a) => (source === 'impegno' ? a.commitmentRows : a.paymentRows) > 0);
  for (const group of chunks(withRows, 200)) {
    const parts = group.map((a) => {
      if (source === 'impegno') {
        const extra = f.instrumentCode !== null ? instrumentOf(sql`coalesce(c.adjusts_id, c.id)`, f.instrumentCode) : sql`1 = 1`;
        return sql`SELECT * FROM (SELECT c.id, c.committed_on AS d FROM commitments c WHERE c.allocation_id = ${a.id}
          AND ${and(dateRange(sql.ref('c.committed_on'), f))} AND ${extra} ORDER BY c.committed_on DESC, c.id DESC LIMIT ${limit})`;
      }
      if (f.instrumentCode !== null) {
        return sql`SELECT * FROM (SELECT pa.payment_id AS id, pa.paid_on AS d FROM payment_allocations pa JOIN payments p ON p.id = pa.payment_id
          WHERE pa.allocation_id = ${a.id} AND ${and(dateRange(sql.ref('pa.paid_on'), f))} AND ${instrumentOf(sql.ref('p.commitment_id'), f.instrumentCode)}
          ORDER BY pa.paid_on DESC, pa.payment_id DESC LIMIT ${limit})`;
      }
      return sql`SELECT * FROM (SELECT payment_id AS id, paid_on AS d FROM payment_allocations WHERE allocation_id = ${a.id}
          AND ${and(dateRange(sql.ref('paid_on'), f))} ORDER BY paid_on DESC, payment_id DESC LIMIT ${limit})`;
    });
    if (parts.length === 0) continue;
    const { rows } = await sql<{ id: number; d: string }>`${sql.join(parts, sql` UNION ALL `)} ORDER BY d DESC, id DESC LIMIT ${limit}`.execute(db);
    for (const r of rows) keys.push({ source, id: r.id, date: r.d });
  }
  keys.sort(compareKeysDesc);
  return keys.slice(0, limit);
}

async function plainTotals(db: Db, f: LedgerFilterValues, allocations: AllocationInfo[]): Promise<{ total: number; sum: number }> {
  const wantC = f.kind !== 'liquidazioni';
  const wantP = f.kind !== 'impegni';
  if (!f.from && !f.to) {
    let total = 0;
    let sum = 0;
    for (const a of allocations) {
      if (wantC) {
        total += a.commitmentRows;
        sum = sumCents(sum, a.committedCents);
      }
      if (wantP) {
        total += a.paymentRows;
        sum = sumCents(sum, a.paidCents);
      }
    }
    return { total, sum };
  }
  const ids = allocations.map((a) => a.id);
  // one index range per allocation (allocation_id, date): faster than a date range over every allocation
  const inList = (column: string) => sql`${sql.ref(column)} IN (${ids.length > 0 ? sql.join(ids) : sql`NULL`})`;
  let total = 0;
  let sum = 0;
  if (wantC) {
    const { rows } = await sql<{ n: number; s: number }>`SELECT count(*) AS n, coalesce(sum(amount_cents), 0) AS s FROM commitments
      WHERE ${inList('allocation_id')} AND ${and(dateRange(sql.ref('committed_on'), f))}`.execute(db);
    total += rows[0]?.n ?? 0;
    sum = sumCents(sum, rows[0]?.s ?? 0);
  }
  if (wantP) {
    const { rows } = await sql<{ n: number; s: number }>`SELECT count(*) AS n, coalesce(sum(amount_cents), 0) AS s FROM payment_allocations
      WHERE ${inList('allocation_id')} AND ${and(dateRange(sql.ref('paid_on'), f))}`.execute(db);
    total += rows[0]?.n ?? 0;
    sum = sumCents(sum, rows[0]?.s ?? 0);
  }
  return { total, sum };
}

// ---- entries (display rows) ------------------------------------------------------------------------

interface EntryDbRow {
  source: LedgerSource;
  id: number;
  kind: string;
  date: string;
  amount_cents: number;
  commitment_id: number;
  adjusts_id: number | null;
  allocation_id: number;
  reference: string | null;
  description: string | null;
  payee: string | null;
  person_id: number | null;
  last_name: string | null;
  first_name: string | null;
  company_id: number | null;
  company_name: string | null;
  intervention_id: number | null;
  instrument_code: string | null;
  override_reason: string | null;
  created_at: string;
  created_by: string | null;
}

const COMMITMENT_ENTRY = sql`
  SELECT 'impegno' AS source, c.id, c.kind, c.committed_on AS date, c.amount_cents, coalesce(c.adjusts_id, c.id) AS commitment_id, c.adjusts_id,
    c.allocation_id, c.act_number AS reference, c.description, NULL AS payee, c.person_id, pe.last_name, pe.first_name, c.company_id,
    co.name AS company_name, c.intervention_id, t.instrument_code, c.override_reason, c.created_at, u.full_name AS created_by
  FROM commitments c
  LEFT JOIN commitment_totals t ON t.commitment_id = coalesce(c.adjusts_id, c.id)
  LEFT JOIN people pe ON pe.id = c.person_id
  LEFT JOIN companies co ON co.id = c.company_id
  LEFT JOIN users u ON u.id = c.created_by`;

const PAYMENT_ENTRY = sql`
  SELECT 'liquidazione' AS source, p.id, p.kind, p.paid_on AS date, p.amount_cents, p.commitment_id, p.adjusts_id,
    t.allocation_id, p.document_number AS reference, p.description, p.payee, t.person_id, pe.last_name, pe.first_name, t.company_id,
    co.name AS company_name, t.intervention_id, t.instrument_code, p.override_reason, p.created_at, u.full_name AS created_by
  FROM payments p
  JOIN commitment_totals t ON t.commitment_id = p.commitment_id
  LEFT JOIN people pe ON pe.id = t.person_id
  LEFT JOIN companies co ON co.id = t.company_id
  LEFT JOIN users u ON u.id = p.created_by`;

export function toEntry(r: EntryDbRow, allocations: Map<number, AllocationInfo>): LedgerEntry {
  const a = allocations.get(r.allocation_id);
  const kindLabel = r.source === 'impegno' ? COMMITMENT_KIND_LABELS[r.kind as CommitmentKind] : PAYMENT_KIND_LABELS[r.kind as PaymentKind];
  return {
    source: r.source,
    id: r.id,
    kind: r.kind as CommitmentKind | PaymentKind,
    kindLabel: kindLabel ?? r.kind,
    date: r.date,
    amountCents: r.amount_cents,
    commitmentId: r.commitment_id,
    adjustsId: r.adjusts_id,
    fundId: a?.fundId ?? 0,
    fundCode: a?.fundCode ?? '',
    fundName: a?.fundName ?? '',
    year: a?.year ?? 0,
    lineCode: a?.lineCode ?? '',
    lineName: a?.lineName ?? '',
    reference: r.reference,
    description: r.description,
    payee: r.payee,
    personId: r.person_id,
    personName: personName(r.last_name, r.first_name),
    companyId: r.company_id,
    companyName: r.company_name,
    interventionId: r.intervention_id,
    instrumentCode: r.instrument_code,
    overrideReason: r.override_reason,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

async function entriesFor(db: Db, keys: Key[]): Promise<LedgerEntry[]> {
  const cIds = keys.filter((k) => k.source === 'impegno').map((k) => k.id);
  const pIds = keys.filter((k) => k.source === 'liquidazione').map((k) => k.id);
  const rows: EntryDbRow[] = [];
  if (cIds.length > 0) rows.push(...(await sql<EntryDbRow>`${COMMITMENT_ENTRY} WHERE c.id IN (${sql.join(cIds)})`.execute(db)).rows);
  if (pIds.length > 0) rows.push(...(await sql<EntryDbRow>`${PAYMENT_ENTRY} WHERE p.id IN (${sql.join(pIds)})`.execute(db)).rows);
  const allocations = new Map((await loadAllocations(db)).map((a) => [a.id, a]));
  const byKey = new Map(rows.map((r) => [`${r.source}|${r.id}`, r]));
  return keys.flatMap((k) => {
    const r = byKey.get(`${k.source}|${k.id}`);
    return r ? [toEntry(r, allocations)] : [];
  });
}

/** One page of the ledger behind a figure, newest first, with the count and sum of everything matching. */
export function drilldown(ctx: ServiceContext, { filter, page, pageSize }: { filter: LedgerFilterValues; page: number; pageSize: number }): Promise<LedgerPage> {
  return ledgerPage(ctx.store.db, filter, page, pageSize);
}

/** The same on a given connection (the export's worker counts the rows with it). */
export async function ledgerPage(db: Db, f: LedgerFilterValues, page: number, pageSize: number): Promise<LedgerPage> {
  const offset = (page - 1) * pageSize;
  const limit = offset + pageSize;
  const wantC = f.kind !== 'liquidazioni';
  const wantP = f.kind !== 'impegni';
  const { restricted, list } = await allocationsOf(db, f);
  if (restricted && list.length === 0) return { rows: [], total: 0, sumCents: 0 };
  let keys: Key[] = [];
  let total = 0;
  let sum = 0;
  const cond = filterConditions(f, restricted ? list.map((a) => a.id) : null);
  if (!isSelective(f)) {
    if (wantC) keys.push(...(await mergedKeys(db, 'impegno', f, restricted, list, limit)));
    if (wantP) keys.push(...(await mergedKeys(db, 'liquidazione', f, restricted, list, limit)));
  } else {
    if (wantC) {
      const { rows } = await sql<{ id: number; d: string }>`SELECT c.id, c.committed_on AS d FROM commitments c WHERE ${cond.commitments}
        ORDER BY c.committed_on DESC, c.id DESC LIMIT ${limit}`.execute(db);
      keys.push(...rows.map((r): Key => ({ source: 'impegno', id: r.id, date: r.d })));
    }
    if (wantP) {
      const { rows } = await sql<{ id: number; d: string }>`SELECT p.id, p.paid_on AS d FROM payments p WHERE ${cond.payments}
        ORDER BY p.paid_on DESC, p.id DESC LIMIT ${limit}`.execute(db);
      keys.push(...rows.map((r): Key => ({ source: 'liquidazione', id: r.id, date: r.d })));
    }
  }
  if (isPlain(f)) {
    ({ total, sum } = await plainTotals(db, f, list));
  } else {
    for (const [want, query] of [
      [wantC, sql<{ n: number; s: number }>`SELECT count(*) AS n, coalesce(sum(c.amount_cents), 0) AS s FROM commitments c WHERE ${cond.commitments}`],
      [wantP, sql<{ n: number; s: number }>`SELECT count(*) AS n, coalesce(sum(p.amount_cents), 0) AS s FROM payments p WHERE ${cond.payments}`],
    ] as const) {
      if (!want) continue;
      const { rows } = await query.execute(db);
      total += rows[0]?.n ?? 0;
      sum = sumCents(sum, rows[0]?.s ?? 0);
    }
  }
  keys.sort(compareKeysDesc);
  keys = keys.slice(offset, limit);
  return { rows: await entriesFor(db, keys), total, sumCents: sum };
}

/** A ledger row as the export writes it (better-sqlite3 raw mode: an array in this column order). */
export type LedgerExportRow = [
  source: 0 | 1,
  id: number,
  kind: string,
  date: string,
  amountCents: number,
  commitmentId: number,
  allocationId: number,
  reference: string | null,
  description: string | null,
  payee: string | null,
  personId: number | null,
  companyId: number | null,
  overrideReason: string | null,
];

/**
 * The one query of the ledger export: every commitment and payment matching the filter, oldest first
 * (commitments before payments on the same day); names are looked up by the caller. It sorts the whole ledger,
 * so the export runs it on its own read-only connection (see export.ts), never on the app's one.
 */
export async function ledgerExportQuery(db: Db, f: LedgerFilterValues): Promise<{ sql: string; parameters: readonly unknown[] } | null> {
  const { restricted, list } = await allocationsOf(db, f);
  if (restricted && list.length === 0) return null;
  const cond = filterConditions(f, restricted ? list.map((a) => a.id) : null);
  const parts: RawBuilder<unknown>[] = [];
  if (f.kind !== 'liquidazioni') {
    parts.push(sql`SELECT 0 AS src, c.id AS id, c.kind, c.committed_on AS d, c.amount_cents, coalesce(c.adjusts_id, c.id), c.allocation_id, c.act_number,
        c.description, NULL, c.person_id, c.company_id, c.override_reason
      FROM commitments c WHERE ${cond.commitments}`);
  }
  if (f.kind !== 'impegni') {
    const allocations = restricted ? sql`t.allocation_id IN (${sql.join(list.map((a) => a.id))})` : sql`1 = 1`;
    parts.push(sql`SELECT 1 AS src, p.id AS id, p.kind, p.paid_on AS d, p.amount_cents, p.commitment_id, t.allocation_id, p.document_number,
        p.description, p.payee, t.person_id, t.company_id, p.override_reason
      FROM payments p JOIN commitment_totals t ON t.commitment_id = p.commitment_id
      WHERE ${cond.payments} AND ${allocations}`);
  }
  return sql`${sql.join(parts, sql` UNION ALL `)} ORDER BY d, src, id`.compile(db);
}
