import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { BudgetOverview, BurnRate, MonthPoint, OverviewFund, OverviewLine, OverviewRow } from '../../contract/budget';
import { todayIso } from '../../domain/dates';
import type { ServiceContext } from '../context';
import { Acc, loadAllocations, sumCents, type Db } from './common';

/**
 * The budget overview (budget.overview; also used by the reports): per allocation (fund × year × line)
 * allocated, committed, paid, available and % used; per fund, per fund × line and per fund × year the
 * same totals; the monthly burn rate over the last `months` months and the projected run-out date, per
 * fund and per fund × line. Read from the running totals of migration 005 (allocation_totals,
 * allocation_months): a few hundred rows whatever the size of the ledger.
 *
 * With `year`, rows and totals are that year's (a fund's amountCents and unallocatedCents stay the
 * whole fund's; the run-out then looks at that year's allocations). `asOf` ends the burn-rate window;
 * by default the latest ledger date (not after today), or today on an empty ledger.
 */
export interface BudgetOverviewOptions {
  fundId?: number | null;
  year?: number | null;
  /** Burn-rate window in months, default 12. */
  months?: number;
  /** 'YYYY-MM-DD' */
  asOf?: string | null;
}

const AVERAGE_MONTH_DAYS_X100 = 3044; // 30.44 days
const MAX_RUN_OUT_DAYS = 365 * 100;

/** 'YYYY-MM-DD' + n days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** The `n` months ('YYYY-MM') ending with the month of `date`, oldest first. */
export function monthsEnding(date: string, n: number): string[] {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const index = y * 12 + m - k;
    const year = (index - (index % 12)) / 12;
    out.push(`${year}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/**
 * Burn rate and run-out: `remaining` cents at the pace of `committedInWindow` cents over `months`
 * months. Integer arithmetic (BigInt for the products); the rates shown are floored averages.
 */
export function burnRate(remaining: number, committedInWindow: number, paidInWindow: number, months: number, asOf: string): BurnRate {
  const committedPerMonthCents = Math.floor(committedInWindow / months);
  const paidPerMonthCents = Math.floor(paidInWindow / months);
  if (remaining <= 0) return { committedPerMonthCents, paidPerMonthCents, projectedRunOut: null, runOutStatus: 'esaurito' };
  if (committedInWindow <= 0) return { committedPerMonthCents, paidPerMonthCents, projectedRunOut: null, runOutStatus: 'fermo' };
  // days = ceil(remaining × months × 30.44 / committedInWindow)
  const numerator = BigInt(remaining) * BigInt(months) * BigInt(AVERAGE_MONTH_DAYS_X100);
  const denominator = BigInt(committedInWindow) * 100n;
  const days = (numerator + denominator - 1n) / denominator;
  if (days > BigInt(MAX_RUN_OUT_DAYS)) return { committedPerMonthCents, paidPerMonthCents, projectedRunOut: null, runOutStatus: 'fermo' };
  return { committedPerMonthCents, paidPerMonthCents, projectedRunOut: addDays(asOf, Number(days)), runOutStatus: 'previsto' };
}

/** The latest ledger date, not after today (index lookups only). */
async function latestLedgerDate(db: Db, today: string): Promise<string | null> {
  const { rows } = await sql<{ d: string | null }>`
    SELECT max(d) AS d FROM (
      SELECT (SELECT max(paid_on) FROM payments) AS d
      UNION ALL SELECT (SELECT max(c.committed_on) FROM commitments c WHERE c.allocation_id = a.id) FROM allocations a
    )`.execute(db);
  const latest = rows[0]?.d ?? null;
  return latest === null ? null : latest > today ? today : latest;
}

class Window {
  committed = 0;
  paid = 0;
  add(committed: number, paid: number): void {
    this.committed = sumCents(this.committed, committed);
    this.paid = sumCents(this.paid, paid);
  }
}

/** budget.overview, as of the caller's today. */
export function budgetOverview(ctx: ServiceContext, options: BudgetOverviewOptions = {}): Promise<BudgetOverview> {
  return overviewOf(ctx.store.db, options, ctx.clock.today());
}

/**
 * Budget per fund × year × line with totals, burn rate and projected run-out, as of `options.asOf`,
 * else the latest ledger date not after `today`. The reports read it with their own date.
 */
export async function overviewOf(db: Kysely<DB>, options: BudgetOverviewOptions = {}, today = todayIso()): Promise<BudgetOverview> {
  const fundId = options.fundId ?? null;
  const year = options.year ?? null;
  const months = Math.max(1, Math.min(120, Math.trunc(options.months ?? 12)));
  const asOf = options.asOf ?? (await latestLedgerDate(db, today)) ?? today;
  const window = monthsEnding(asOf, months);

  const allocations = await loadAllocations(db, { fundId, year });
  let fundQuery = db.selectFrom('funds').select(['id', 'code', 'name', 'amount_cents', 'start_year', 'end_year']).orderBy('start_year').orderBy('id');
  if (fundId !== null) fundQuery = fundQuery.where('id', '=', fundId);
  const funds = await fundQuery.execute();
  const { rows: allocatedByFund } = await sql<{ fund_id: number; allocated: number }>`
    SELECT fund_id, sum(amount_cents) AS allocated FROM allocations GROUP BY fund_id`.execute(db);
  const fundAllocated = new Map(allocatedByFund.map((r) => [r.fund_id, r.allocated]));

  const monthly =
    allocations.length === 0
      ? []
      : (
          await sql<{ allocation_id: number; month: string; committed_cents: number; paid_cents: number }>`
            SELECT allocation_id, month, committed_cents, paid_cents FROM allocation_months
            WHERE allocation_id IN (${sql.join(allocations.map((a) => a.id))}) AND month >= ${window[0]} AND month <= ${window[window.length - 1]}`.execute(db)
        ).rows;

  const allocationWindow = new Map<number, Window>();
  const fundMonths = new Map<number, Map<string, Window>>();
  const fundOfAllocation = new Map(allocations.map((a) => [a.id, a.fundId]));
  for (const m of monthly) {
    const w = allocationWindow.get(m.allocation_id) ?? new Window();
    w.add(m.committed_cents, m.paid_cents);
    allocationWindow.set(m.allocation_id, w);
    const f = fundOfAllocation.get(m.allocation_id) ?? 0;
    const byMonth = fundMonths.get(f) ?? new Map<string, Window>();
    const mw = byMonth.get(m.month) ?? new Window();
    mw.add(m.committed_cents, m.paid_cents);
    byMonth.set(m.month, mw);
    fundMonths.set(f, byMonth);
  }

  const rows: OverviewRow[] = allocations.map((a) => ({
    fundId: a.fundId,
    year: a.year,
    lineCode: a.lineCode,
    lineName: a.lineName,
    allocationId: a.id,
    ...new Acc().add(a.amountCents, a.committedCents, a.paidCents).totals(),
  }));

  const grand = new Acc();
  let grandAmount = 0;
  let grandUnallocated = 0;
  const overviewFunds: OverviewFund[] = funds.map((f) => {
    const mine = allocations.filter((a) => a.fundId === f.id);
    const acc = new Acc();
    const win = new Window();
    const lines = new Map<string, { name: string; sort: number; acc: Acc; win: Window }>();
    const years = new Map<number, Acc>();
    for (const a of mine) {
      acc.add(a.amountCents, a.committedCents, a.paidCents);
      const w = allocationWindow.get(a.id) ?? new Window();
      win.add(w.committed, w.paid);
      const line = lines.get(a.lineCode) ?? { name: a.lineName, sort: a.lineSort, acc: new Acc(), win: new Window() };
      line.acc.add(a.amountCents, a.committedCents, a.paidCents);
      line.win.add(w.committed, w.paid);
      lines.set(a.lineCode, line);
      years.set(a.year, (years.get(a.year) ?? new Acc()).add(a.amountCents, a.committedCents, a.paidCents));
    }
    const unallocated = sumCents(f.amount_cents, -(fundAllocated.get(f.id) ?? 0));
    grand.add(acc.allocated, acc.committed, acc.paid);
    grandAmount = sumCents(grandAmount, f.amount_cents);
    grandUnallocated = sumCents(grandUnallocated, unallocated);
    const remaining = sumCents(year === null ? f.amount_cents : acc.allocated, -acc.committed);
    const byMonth = fundMonths.get(f.id);
    const series: MonthPoint[] = window.map((month) => {
      const w = byMonth?.get(month);
      return { month, committedCents: w?.committed ?? 0, paidCents: w?.paid ?? 0 };
    });
    const overviewLines: OverviewLine[] = [...lines.entries()]
      .sort(([ca, a], [cb, b]) => a.sort - b.sort || ca.localeCompare(cb))
      .map(([lineCode, l]) => ({
        fundId: f.id,
        lineCode,
        lineName: l.name,
        ...l.acc.totals(),
        ...burnRate(sumCents(l.acc.allocated, -l.acc.committed), l.win.committed, l.win.paid, months, asOf),
      }));
    return {
      fundId: f.id,
      code: f.code,
      name: f.name,
      amountCents: f.amount_cents,
      startYear: f.start_year,
      endYear: f.end_year,
      unallocatedCents: unallocated,
      ...acc.totals(),
      ...burnRate(remaining, win.committed, win.paid, months, asOf),
      lines: overviewLines,
      years: [...years.entries()].sort(([a], [b]) => a - b).map(([y, a]) => ({ year: y, ...a.totals() })),
      monthly: series,
    };
  });

  return {
    asOf,
    months,
    rows,
    funds: overviewFunds,
    total: { ...grand.totals(), amountCents: grandAmount, unallocatedCents: grandUnallocated },
  };
}
