import { sql } from 'kysely';
import type { BudgetReference, FundRow, InstrumentLine, SpendingLine, fundInput } from '../../contract/budget';
import { AppError } from '../../contract/errors';
import { MONEY_WRITERS } from '../../contract/roles';
import { formatEuro } from '../../domain/money';
import { write, type ServiceContext } from '../context';
import { Acc, sumCents, type Db } from './common';
import type { z } from 'zod';

type FundValues = z.output<typeof fundInput>;

/** The spending lines, and each instrument's default line; `db` is the caller's transaction when inside one. */
export async function spendingLines(ctx: ServiceContext, db: Db = ctx.store.db): Promise<{ lines: SpendingLine[]; instruments: InstrumentLine[] }> {
  const lines = await db.selectFrom('spending_lines').select(['code', 'name', 'sort']).orderBy('sort').orderBy('code').execute();
  const instruments = await db
    .selectFrom('instruments as i')
    .innerJoin('spending_lines as l', 'l.code', 'i.default_line_code')
    .select(['i.code', 'i.name', 'i.default_line_code as defaultLineCode', 'l.name as defaultLineName'])
    .orderBy('i.sort')
    .orderBy('i.code')
    .execute();
  return { lines, instruments };
}

export async function budgetReference(ctx: ServiceContext): Promise<BudgetReference> {
  const db = ctx.store.db;
  const { lines, instruments } = await spendingLines(ctx);
  const donors = await db
    .selectFrom('organisations')
    .select(['id', 'code', 'name'])
    .where('active', '=', 1)
    .orderBy(sql`kind NOT IN ('firmatario', 'finanziatore')`)
    .orderBy('name')
    .execute();
  const funds = await db.selectFrom('funds').select(['id', 'code', 'name', 'start_year as startYear', 'end_year as endYear']).orderBy('start_year').orderBy('id').execute();
  return { lines, instruments, donors, funds, canWrite: ctx.caller.role !== null && MONEY_WRITERS.includes(ctx.caller.role) };
}

/** budget.funds.list: every fund with its totals. */
export function listFunds(ctx: ServiceContext): Promise<FundRow[]> {
  return fundRows(ctx.store.db);
}

/** Every fund (or one) with its totals, from the running totals: no ledger scan. */
async function fundRows(db: Db, fundId: number | null = null): Promise<FundRow[]> {
  let q = db
    .selectFrom('funds as f')
    .leftJoin('organisations as o', 'o.id', 'f.donor_org_id')
    .select(['f.id', 'f.code', 'f.name', 'f.donor_org_id', 'o.name as donor_name', 'f.amount_cents', 'f.start_year', 'f.end_year', 'f.notes', 'f.created_at'])
    .orderBy('f.start_year')
    .orderBy('f.id');
  if (fundId !== null) q = q.where('f.id', '=', fundId);
  const funds = await q.execute();
  const { rows: sums } = await sql<{ fund_id: number; allocated: number; committed: number; paid: number }>`
    SELECT a.fund_id, sum(a.amount_cents) AS allocated, sum(coalesce(t.committed_cents, 0)) AS committed, sum(coalesce(t.paid_cents, 0)) AS paid
    FROM allocations a LEFT JOIN allocation_totals t ON t.allocation_id = a.id GROUP BY a.fund_id`.execute(db);
  const { rows: overrides } = await sql<{ fund_id: number; n: number }>`
    SELECT a.fund_id, count(*) AS n FROM budget_overrides o JOIN allocations a ON a.id = o.allocation_id GROUP BY a.fund_id`.execute(db);
  const byFund = new Map(sums.map((s) => [s.fund_id, s]));
  const overridesByFund = new Map(overrides.map((o) => [o.fund_id, o.n]));
  return funds.map((f) => {
    const s = byFund.get(f.id);
    const totals = new Acc().add(s?.allocated ?? 0, s?.committed ?? 0, s?.paid ?? 0).totals();
    return {
      id: f.id,
      code: f.code,
      name: f.name,
      donorOrgId: f.donor_org_id,
      donorName: f.donor_name,
      amountCents: f.amount_cents,
      startYear: f.start_year,
      endYear: f.end_year,
      notes: f.notes,
      createdAt: f.created_at,
      ...totals,
      unallocatedCents: sumCents(f.amount_cents, -totals.allocatedCents),
      overrides: overridesByFund.get(f.id) ?? 0,
    };
  });
}

export async function getFund(db: Db, id: number): Promise<FundRow> {
  const fund = (await fundRows(db, id))[0];
  if (!fund) throw new AppError('NOT_FOUND', 'Fondo non trovato');
  return fund;
}

async function checkDonor(db: Db, donorOrgId: number | null): Promise<void> {
  if (donorOrgId === null) return;
  const found = await db.selectFrom('organisations').select('id').where('id', '=', donorOrgId).executeTakeFirst();
  if (!found) throw new AppError('VALIDATION', 'Ente finanziatore non trovato', { donorOrgId: 'Ente finanziatore non trovato' });
}

export async function createFund(ctx: ServiceContext, input: FundValues): Promise<FundRow> {
  return write(ctx, async (trx) => {
    const existing = await trx.selectFrom('funds').select('id').where('code', '=', input.code).executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', `Esiste già un fondo con il codice «${input.code}»`, { code: 'Codice già usato da un altro fondo' });
    await checkDonor(trx, input.donorOrgId);
    const { id } = await trx
      .insertInto('funds')
      .values({
        code: input.code,
        name: input.name,
        donor_org_id: input.donorOrgId,
        amount_cents: input.amountCents,
        start_year: input.startYear,
        end_year: input.endYear,
        notes: input.notes,
        created_at: ctx.clock.nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const fund = await getFund(trx, id);
    return { result: fund, audit: { action: 'crea', entity: 'fondo', entityId: id, after: input } };
  });
}

export async function updateFund(ctx: ServiceContext, input: { id: number; name: string; notes: string | null; amountCents: number | null }): Promise<FundRow> {
  return write(ctx, async (trx) => {
    const before = await trx.selectFrom('funds').select(['name', 'notes', 'amount_cents']).where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', 'Fondo non trovato');
    const amount = input.amountCents ?? before.amount_cents;
    if (amount !== before.amount_cents) {
      const { allocated } = await trx
        .selectFrom('allocations')
        .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('allocated'))
        .where('fund_id', '=', input.id)
        .executeTakeFirstOrThrow();
      if (amount < allocated) {
        const message = `Sono già assegnati ${formatEuro(allocated)}: l’importo del fondo non può scendere sotto questa cifra`;
        throw new AppError('VALIDATION', message, { amountCents: message });
      }
    }
    await trx.updateTable('funds').set({ name: input.name, notes: input.notes, amount_cents: amount }).where('id', '=', input.id).execute();
    const fund = await getFund(trx, input.id);
    return {
      result: fund,
      audit: { action: 'modifica', entity: 'fondo', entityId: input.id, before, after: { name: input.name, notes: input.notes, amount_cents: amount } },
    };
  });
}
