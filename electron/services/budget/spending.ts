import { sql, type RawBuilder } from 'kysely';
import type { OverrideRow, OverridesPage, SpendingPage } from '../../contract/budget';
import type { ServiceContext } from '../context';
import { loadAllocations, sumCents } from './common';

export interface SpendingQuery {
  by: 'persona' | 'azienda' | 'strumento';
  fundId: number | null;
  year: number | null;
  lineCode: string | null;
  search: string;
  page: number;
  pageSize: number;
}

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Spending per person, company or instrument (of the linked intervention): net committed and paid,
 * from the per-commitment running totals (commitment_totals), biggest first. Commitments without that
 * link are one row with key null ("Senza persona" …).
 */
export async function spending(ctx: ServiceContext, q: SpendingQuery): Promise<SpendingPage> {
  const db = ctx.store.db;
  const conditions: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (q.fundId !== null || q.year !== null || q.lineCode !== null) {
    const ids = (await loadAllocations(db, q)).map((a) => a.id);
    if (ids.length === 0) return { rows: [], total: 0, totals: { committedCents: 0, paidCents: 0 } };
    conditions.push(sql`t.allocation_id IN (${sql.join(ids)})`);
  }
  const text = q.search.trim();
  const column = q.by === 'persona' ? 'person_id' : q.by === 'azienda' ? 'company_id' : 'instrument_code';
  const none = q.by === 'persona' ? 'Senza persona collegata' : q.by === 'azienda' ? 'Senza azienda collegata' : 'Senza percorso collegato';
  if (text) {
    const prefix = likePrefix(text);
    if (q.by === 'persona') conditions.push(sql`t.person_id IN (SELECT id FROM people WHERE last_name LIKE ${prefix} ESCAPE '\\')`);
    else if (q.by === 'azienda') conditions.push(sql`t.company_id IN (SELECT id FROM companies WHERE name LIKE ${prefix} ESCAPE '\\')`);
    else conditions.push(sql`t.instrument_code IN (SELECT code FROM instruments WHERE name LIKE ${prefix} ESCAPE '\\')`);
  }
  const where = sql.join(conditions, sql` AND `);
  // grouped over the per-commitment totals only; the names are read for the page's rows
  const grouped = sql`SELECT ${sql.ref(`t.${column}`)} AS k, count(*) AS n, sum(t.net_cents) AS committed, sum(t.paid_cents) AS paid
    FROM commitment_totals t WHERE ${where} GROUP BY ${sql.ref(`t.${column}`)}`;
  // one pass: every group (tens of thousands at most), then the page in memory
  const { rows: groups } = await sql<{ k: number | string | null; n: number; committed: number; paid: number }>`${grouped}`.execute(db);
  groups.sort((a, b) => b.committed - a.committed || String(a.k).localeCompare(String(b.k)));
  let committedCents = 0;
  let paidCents = 0;
  for (const g of groups) {
    committedCents = sumCents(committedCents, g.committed);
    paidCents = sumCents(paidCents, g.paid);
  }
  const rows = groups.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const labels = new Map<number | string, string>();
  const keys = rows.flatMap((r) => (r.k === null ? [] : [r.k]));
  if (keys.length > 0) {
    if (q.by === 'persona') {
      const people = await db.selectFrom('people').select(['id', 'last_name', 'first_name']).where('id', 'in', keys as number[]).execute();
      for (const p of people) labels.set(p.id, `${p.last_name} ${p.first_name}`);
    } else if (q.by === 'azienda') {
      const companies = await db.selectFrom('companies').select(['id', 'name']).where('id', 'in', keys as number[]).execute();
      for (const c of companies) labels.set(c.id, c.name);
    } else {
      const instruments = await db.selectFrom('instruments').select(['code', 'name']).where('code', 'in', keys as string[]).execute();
      for (const i of instruments) labels.set(i.code, i.name);
    }
  }
  return {
    rows: rows.map((r) => ({ key: r.k, label: r.k === null ? none : (labels.get(r.k) ?? String(r.k)), commitments: r.n, committedCents: r.committed, paidCents: r.paid })),
    total: groups.length,
    totals: { committedCents, paidCents },
  };
}

/** Commitments and payments recorded beyond what was left, newest first, with their reason. */
export async function listOverrides(ctx: ServiceContext, q: { fundId: number | null; page: number; pageSize: number }): Promise<OverridesPage> {
  const db = ctx.store.db;
  const where = q.fundId === null ? sql`1 = 1` : sql`a.fund_id = ${q.fundId}`;
  const { rows: counted } = await sql<{ n: number }>`SELECT count(*) AS n FROM budget_overrides o JOIN allocations a ON a.id = o.allocation_id WHERE ${where}`.execute(db);
  const { rows } = await sql<{
    source: 'impegno' | 'liquidazione';
    entry_id: number;
    commitment_id: number;
    left_before_cents: number;
    excess_cents: number;
    reason: string;
    created_at: string;
    created_by: string | null;
    fund_id: number;
    fund_name: string;
    year: number;
    line_code: string;
    line_name: string;
    kind: string | null;
    date: string | null;
    amount_cents: number | null;
    description: string | null;
  }>`
    SELECT o.source, o.entry_id, o.commitment_id, o.left_before_cents, o.excess_cents, o.reason, o.created_at, u.full_name AS created_by,
      a.fund_id, f.name AS fund_name, a.year, a.line_code, l.name AS line_name,
      CASE o.source WHEN 'impegno' THEN c.kind ELSE p.kind END AS kind,
      CASE o.source WHEN 'impegno' THEN c.committed_on ELSE p.paid_on END AS date,
      CASE o.source WHEN 'impegno' THEN c.amount_cents ELSE p.amount_cents END AS amount_cents,
      CASE o.source WHEN 'impegno' THEN c.description ELSE p.description END AS description
    FROM budget_overrides o
    JOIN allocations a ON a.id = o.allocation_id
    JOIN funds f ON f.id = a.fund_id
    JOIN spending_lines l ON l.code = a.line_code
    LEFT JOIN commitments c ON o.source = 'impegno' AND c.id = o.entry_id
    LEFT JOIN payments p ON o.source = 'liquidazione' AND p.id = o.entry_id
    LEFT JOIN users u ON u.id = o.created_by
    WHERE ${where}
    ORDER BY o.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db);
  return {
    rows: rows.map(
      (r): OverrideRow => ({
        source: r.source,
        id: r.entry_id,
        commitmentId: r.commitment_id,
        kind: (r.kind ?? (r.source === 'impegno' ? 'impegno' : 'liquidazione')) as OverrideRow['kind'],
        date: r.date ?? r.created_at.slice(0, 10),
        amountCents: r.amount_cents ?? 0,
        leftBeforeCents: r.left_before_cents,
        excessCents: r.excess_cents,
        reason: r.reason,
        fundId: r.fund_id,
        fundName: r.fund_name,
        year: r.year,
        lineCode: r.line_code,
        lineName: r.line_name,
        description: r.description,
        createdAt: r.created_at,
        createdBy: r.created_by,
      }),
    ),
    total: counted[0]?.n ?? 0,
  };
}
