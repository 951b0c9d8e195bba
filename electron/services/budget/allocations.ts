import type { AllocationGrid, GridCell } from '../../contract/budget';
import { AppError } from '../../contract/errors';
import { formatEuro } from '../../domain/money';
import { write, type ServiceContext } from '../context';
import { answerDuplicates } from '../uniqueRules';
import { claimVersion, staleVersion, type ChangeLookup } from '../versions';
import { Acc, loadAllocations, sumCents, type Db } from './common';
import { getFund, spendingLines } from './funds';

/** The grid of one fund: every year of its period × every spending line, with row and column totals. */
export async function allocationGrid(ctx: ServiceContext, { fundId }: { fundId: number }, db: Db = ctx.store.db): Promise<AllocationGrid> {
  const fund = await getFund(db, fundId);
  const { lines } = await spendingLines(ctx, db);
  const allocations = await loadAllocations(db, { fundId });
  const years: number[] = [];
  for (let y = fund.startYear; y <= fund.endYear; y++) years.push(y);
  // allocations outside the period (the period cannot shrink below them, but be safe)
  for (const a of allocations) if (!years.includes(a.year)) years.push(a.year);
  years.sort((a, b) => a - b);
  const byKey = new Map(allocations.map((a) => [`${a.year}|${a.lineCode}`, a]));
  const cells: GridCell[] = [];
  const lineAcc = new Map(lines.map((l) => [l.code, new Acc()]));
  const yearAcc = new Map(years.map((y) => [y, new Acc()]));
  const total = new Acc();
  for (const year of years) {
    for (const line of lines) {
      const a = byKey.get(`${year}|${line.code}`);
      const acc = new Acc().add(a?.amountCents ?? 0, a?.committedCents ?? 0, a?.paidCents ?? 0);
      cells.push({ year, lineCode: line.code, allocationId: a?.id ?? null, version: a?.version ?? null, ...acc.totals() });
      lineAcc.get(line.code)?.add(acc.allocated, acc.committed, acc.paid);
      yearAcc.get(year)?.add(acc.allocated, acc.committed, acc.paid);
      total.add(acc.allocated, acc.committed, acc.paid);
    }
  }
  return {
    fund,
    years,
    lines,
    cells,
    lineTotals: lines.map((l) => ({ lineCode: l.code, ...(lineAcc.get(l.code) ?? new Acc()).totals() })),
    yearTotals: years.map((y) => ({ year: y, ...(yearAcc.get(y) ?? new Acc()).totals() })),
    total: total.totals(),
    unallocatedCents: sumCents(fund.amountCents, -total.allocated),
  };
}

interface CellInput {
  year: number;
  lineCode: string;
  amountCents: number;
  /** The allocation's version when the grid was read; null for a cell that had none. */
  version: number | null;
}

/** Where the audit log keeps the changes of some cells of a fund: its grid saves that list one of them. */
function cellChanges(fundId: number, cells: CellInput[]): ChangeLookup {
  const concerns = (after: unknown) => Array.isArray(after) && after.some((c: { year?: unknown; lineCode?: unknown }) => cells.some((cell) => cell.year === c.year && cell.lineCode === c.lineCode));
  return { record: 'assegnazioni', entityId: fundId, concerns };
}

/**
 * Sets cells of a fund's grid in one transaction. Refused, with nothing written: a cell changed by
 * another desk since the grid was read (versions.ts), a year outside the fund's period, an unknown line,
 * a cell below what is already committed on it, a total above the fund (never overridable; the message
 * names the excess). Decreases are written before increases, so the database check (migration 005)
 * never sees a transient excess.
 */
export async function setAllocations(ctx: ServiceContext, input: { fundId: number; cells: CellInput[] }): Promise<AllocationGrid> {
  const save = () =>
    write(ctx, async (trx) => {
      const fund = await getFund(trx, input.fundId);
      const { lines } = await spendingLines(ctx, trx);
      const lineNames = new Map(lines.map((l) => [l.code, l.name]));
      const existing = await loadAllocations(trx, { fundId: input.fundId });
      const byKey = new Map(existing.map((a) => [`${a.year}|${a.lineCode}`, a]));
      const moved = input.cells.filter((cell) => (byKey.get(`${cell.year}|${cell.lineCode}`)?.version ?? null) !== cell.version);
      if (moved.length > 0) throw await staleVersion(trx, ctx, cellChanges(fund.id, moved));
      const fields: Record<string, string> = {};
      const wanted = new Map<string, CellInput>();
      for (const cell of input.cells) {
        const key = `${cell.year}|${cell.lineCode}`;
        const field = `cells.${cell.year}.${cell.lineCode}`;
        if (!lineNames.has(cell.lineCode)) fields[field] = `Voce di spesa sconosciuta: ${cell.lineCode}`;
        else if (cell.year < fund.startYear || cell.year > fund.endYear) fields[field] = `Il fondo copre gli anni ${fund.startYear}–${fund.endYear}`;
        else {
          const a = byKey.get(key);
          if (a && cell.amountCents < a.committedCents) {
            fields[field] = `Su ${lineNames.get(cell.lineCode)} ${cell.year} sono già impegnati ${formatEuro(a.committedCents)}: l’assegnazione non può scendere sotto questa cifra`;
          }
        }
        wanted.set(key, cell);
      }
      const problems = Object.values(fields);
      if (problems.length > 0) throw new AppError('VALIDATION', problems.length === 1 ? (problems[0] as string) : `${problems[0]} (e altri ${problems.length - 1} errori)`, fields);

      let total = 0;
      for (const a of existing) if (!wanted.has(`${a.year}|${a.lineCode}`)) total = sumCents(total, a.amountCents);
      for (const cell of wanted.values()) total = sumCents(total, cell.amountCents);
      if (total > fund.amountCents) {
        const excess = sumCents(total, -fund.amountCents);
        const message = `La somma delle assegnazioni supera il fondo di ${formatEuro(excess)}`;
        const cellFields: Record<string, string> = { amountCents: message };
        for (const cell of wanted.values()) {
          const before = byKey.get(`${cell.year}|${cell.lineCode}`)?.amountCents ?? 0;
          if (cell.amountCents > before) cellFields[`cells.${cell.year}.${cell.lineCode}`] = message;
        }
        throw new AppError('VALIDATION', message, cellFields);
      }

      const changes: (CellInput & { from: number; to: number })[] = [];
      for (const cell of wanted.values()) {
        const before = byKey.get(`${cell.year}|${cell.lineCode}`)?.amountCents ?? 0;
        if (before !== cell.amountCents) changes.push({ ...cell, from: before, to: cell.amountCents });
      }
      changes.sort((a, b) => a.to - a.from - (b.to - b.from)); // decreases first
      const now = ctx.clock.nowIso();
      for (const change of changes) {
        const a = byKey.get(`${change.year}|${change.lineCode}`);
        if (a) {
          await claimVersion(trx, ctx, { ...cellChanges(fund.id, [change]), id: a.id }, a.version);
          await trx.updateTable('allocations').set({ amount_cents: change.to, updated_at: now }).where('id', '=', a.id).execute();
        } else {
          await trx.insertInto('allocations').values({ fund_id: fund.id, year: change.year, line_code: change.lineCode, amount_cents: change.to, updated_at: now }).execute();
        }
      }
      const grid = await allocationGrid(ctx, { fundId: fund.id }, trx);
      return {
        result: grid,
        audit: {
          action: 'assegna',
          entity: 'assegnazioni',
          entityId: fund.id,
          before: changes.map((c) => ({ year: c.year, lineCode: c.lineCode, amountCents: c.from })),
          after: changes.map((c) => ({ year: c.year, lineCode: c.lineCode, amountCents: c.to })),
        },
      };
    });
  // another desk filled one of the empty cells at the same instant
  return answerDuplicates(save, {
    assegnazione: async () => {
      throw await staleVersion(ctx.store.db, ctx, cellChanges(input.fundId, input.cells.filter((c) => c.version === null)));
    },
  });
}
