import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetOverview, MoneyTotals } from '../../contract/budget';
import { callOk } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { totalsMismatches } from './invariants';
import { sqlValue } from '../../testing/sql';

/**
 * Property: whatever sequence of operations finance performs through the API (allocate, commit,
 * reduce, cancel, correct, pay, reverse, with or without an override reason), at any time
 * - every running total equals the sum recomputed from the ledger in SQL;
 * - for every allocation, line and fund: Σ paid ≤ Σ committed ≤ Σ allocated ≤ fund amount, unless an
 *   override is recorded there, and then it is listed by budget.overrides.list;
 * - overview totals equal the sum of their rows; every amount is a safe integer;
 * - a refused call writes nothing, an accepted one writes exactly one audit row.
 */

const YEARS = [2021, 2022];
const LINES = ['tirocini_inserimento', 'autoimpiego', 'gestione'];
const FUND_AMOUNT = 2_000_000;

type Op =
  | { op: 'allocate'; year: number; line: number; amount: number }
  | { op: 'commit'; alloc: number; amount: number; override: boolean; traineeship: boolean }
  | { op: 'reduce'; commit: number; amount: number }
  | { op: 'cancel'; commit: number }
  | { op: 'rectify'; commit: number; amount: number; override: boolean }
  | { op: 'pay'; commit: number; amount: number; override: boolean }
  | { op: 'reverse'; payment: number }
  | { op: 'rectifyPayment'; payment: number; amount: number; override: boolean };

const amount = fc.integer({ min: 1, max: 700_000 });
const signed = fc.integer({ min: -300_000, max: 300_000 }).filter((n) => n !== 0);
const pick = fc.nat({ max: 1000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('allocate' as const), year: fc.nat({ max: YEARS.length - 1 }), line: fc.nat({ max: LINES.length - 1 }), amount: fc.integer({ min: 0, max: 1_200_000 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('commit' as const), alloc: pick, amount, override: fc.boolean(), traineeship: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reduce' as const), commit: pick, amount }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), commit: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rectify' as const), commit: pick, amount: signed, override: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('pay' as const), commit: pick, amount, override: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverse' as const), payment: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rectifyPayment' as const), payment: pick, amount: signed, override: fc.boolean() }) },
);

describe('bilancio: proprietà su sequenze casuali di operazioni', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let admin = '';
  let finance = '';
  let run = 0;
  const count = async (sql: string, ...params: unknown[]) => (await sqlValue(t.core.store, sql, ...params)) as number;
  const snapshot = async () => ({
    commitments: (await count('SELECT count(*) FROM commitments')),
    payments: (await count('SELECT count(*) FROM payments')),
    audit: (await count('SELECT count(*) FROM audit_log')),
    overrides: (await count('SELECT count(*) FROM budget_overrides')),
    allocated: (await count('SELECT coalesce(sum(amount_cents), 0) FROM allocations')),
  });

  beforeAll(async () => {
    admin = await setupAdmin(t.core);
    finance = await loginAs(t.core, admin, 'finanza');
  });
  afterAll(() => t.cleanup());

  /** Every number in the overview is a safe integer, except the display percentages. */
  function assertIntegers(value: unknown, path = ''): void {
    if (typeof value === 'number') {
      if (!/Percent$/.test(path)) expect(Number.isSafeInteger(value), path).toBe(true);
    } else if (Array.isArray(value)) value.forEach((v, i) => assertIntegers(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertIntegers(v, k);
  }

  function assertOrdered(t: MoneyTotals, limit: number | null, overrides: { commit: boolean; pay: boolean }, where: string): void {
    if (!overrides.pay) expect(t.paidCents, `${where}: liquidato ≤ impegnato`).toBeLessThanOrEqual(t.committedCents);
    if (!overrides.commit) expect(t.committedCents, `${where}: impegnato ≤ assegnato`).toBeLessThanOrEqual(t.allocatedCents);
    if (limit !== null) expect(t.allocatedCents, `${where}: assegnato ≤ fondo`).toBeLessThanOrEqual(limit);
  }

  async function checkInvariants(fundId: number): Promise<void> {
    expect(await totalsMismatches(t.core.store)).toEqual([]);
    const overview: BudgetOverview = await callOk(t.core, 'budget.overview', { fundId }, finance);
    assertIntegers(overview);
    const fund = overview.funds[0];
    if (!fund) throw new Error('fondo mancante');
    const sum = (key: 'allocatedCents' | 'committedCents' | 'paidCents') => overview.rows.reduce((a, r) => a + r[key], 0);
    for (const key of ['allocatedCents', 'committedCents', 'paidCents'] as const) {
      expect(overview.total[key]).toBe(sum(key));
      expect(fund[key]).toBe(sum(key));
    }
    const overridesOn = async (where: string, ...params: unknown[]) => ({
      commit: (await count(`SELECT count(*) FROM budget_overrides o JOIN allocations a ON a.id = o.allocation_id WHERE o.source = 'impegno' AND ${where}`, ...params)) > 0,
      pay: (await count(`SELECT count(*) FROM budget_overrides o JOIN allocations a ON a.id = o.allocation_id WHERE o.source = 'liquidazione' AND ${where}`, ...params)) > 0,
    });
    assertOrdered(fund, FUND_AMOUNT, (await overridesOn('a.fund_id = ?', fundId)), 'fondo');
    for (const line of fund.lines) assertOrdered(line, null, (await overridesOn('a.fund_id = ? AND a.line_code = ?', fundId, line.lineCode)), `voce ${line.lineCode}`);
    for (const row of overview.rows) assertOrdered(row, null, (await overridesOn('a.id = ?', row.allocationId)), `assegnazione ${row.allocationId}`);
    // every override is listed
    const listed = await callOk(t.core, 'budget.overrides.list', { fundId, pageSize: 200 }, finance);
    const recorded = (await count(
      `SELECT (SELECT count(*) FROM commitments c JOIN allocations a ON a.id = c.allocation_id WHERE a.fund_id = ? AND c.override_reason IS NOT NULL)
            + (SELECT count(*) FROM payments p JOIN commitments c ON c.id = p.commitment_id JOIN allocations a ON a.id = c.allocation_id WHERE a.fund_id = ? AND p.override_reason IS NOT NULL)`,
      fundId,
      fundId,
    ));
    expect(listed.total).toBe(recorded);
    for (const o of listed.rows) expect(o.excessCents).toBeGreaterThan(0);
  }

  it('keeps every invariant after every operation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40, size: 'max' }), async (ops) => {
        run++;
        const fund = await callOk(
          t.core,
          'budget.funds.create',
          { code: `prop_${run}`, name: `Fondo di prova ${run}`, amountCents: FUND_AMOUNT, startYear: YEARS[0] as number, endYear: YEARS[YEARS.length - 1] as number },
          finance,
        );
        // a starting grid: every cell 300,000 (1,800,000 of 2,000,000); the operations then move it
        await callOk(
          t.core,
          'budget.allocations.set',
          { fundId: fund.id, cells: YEARS.flatMap((year) => LINES.map((lineCode) => ({ year, lineCode, amountCents: 300_000, version: null }))) },
          finance,
        );
        const commitments: number[] = [];
        const payments: number[] = [];
        for (const op of ops) {
          const input = await inputOf(op, fund.id, commitments, payments);
          if (!input) continue;
          const before = (await snapshot());
          const outcome = await t.core.call(input.method, input.params, finance);
          const after = (await snapshot());
          if (outcome.ok) {
            expect(after.audit, `${op.op}: una riga di registro`).toBe(before.audit + 1);
            const result = outcome.result as { commitment?: { id: number }; payments?: { id: number; kind: string }[] };
            if (op.op === 'commit' && result.commitment) commitments.push(result.commitment.id);
            if (op.op === 'pay' && result.payments) {
              const newest = result.payments.filter((p) => p.kind === 'liquidazione').reduce((a, p) => Math.max(a, p.id), 0);
              payments.push(newest);
            }
          } else {
            expect(['VALIDATION', 'CONFLICT'], `${op.op}: ${outcome.error.message}`).toContain(outcome.error.code);
            expect(after, `${op.op} rifiutato: nulla scritto`).toEqual(before);
          }
          await checkInvariants(fund.id);
        }
      }),
      { numRuns: 30 },
    );
  }, 180_000);

  async function inputOf(op: Op, fundId: number, commitments: number[], payments: number[]): Promise<{ method: Parameters<typeof t.core.call>[0]; params: unknown } | null> {
    const reason = (on: boolean) => (on ? 'Deroga autorizzata dal responsabile' : null);
    const commitment = (i: number) => (commitments.length === 0 ? null : (commitments[i % commitments.length] as number));
    const payment = (i: number) => (payments.length === 0 ? null : (payments[i % payments.length] as number));
    switch (op.op) {
      case 'allocate': {
        // the version of the cell as the grid shows it, as the screen sends it back
        const grid = await callOk(t.core, 'budget.allocations.grid', { fundId }, finance);
        const version = grid.cells.find((c) => c.year === YEARS[op.year] && c.lineCode === LINES[op.line])?.version ?? null;
        return { method: 'budget.allocations.set', params: { fundId, cells: [{ year: YEARS[op.year], lineCode: LINES[op.line], amountCents: op.amount, version }] } };
      }
      case 'commit': {
        const year = YEARS[op.alloc % YEARS.length];
        const lineCode = LINES[Math.floor(op.alloc / YEARS.length) % LINES.length];
        const months = 1 + (op.amount % 12);
        const amount = op.traineeship ? { mode: 'tirocinio', months, monthlyIndemnityCents: 45_000 } : { mode: 'importo', amountCents: op.amount };
        return {
          method: 'budget.commitments.create',
          params: { target: { fundId, year, lineCode }, amount, committedOn: `${year}-03-01`, description: 'Impegno di prova', overrideReason: reason(op.override) },
        };
      }
      case 'reduce':
      case 'cancel':
      case 'rectify': {
        const id = commitment(op.commit);
        if (id === null) return null;
        const kind = op.op === 'reduce' ? 'riduzione' : op.op === 'cancel' ? 'annullamento' : 'rettifica';
        return {
          method: 'budget.commitments.adjust',
          params: {
            commitmentId: id, kind, amountCents: op.op === 'cancel' ? null : op.amount, committedOn: '2022-12-01', description: 'Rettifica di prova',
            overrideReason: op.op === 'rectify' ? reason(op.override) : null,
          },
        };
      }
      case 'pay': {
        const id = commitment(op.commit);
        if (id === null) return null;
        return { method: 'budget.payments.create', params: { commitmentId: id, amountCents: op.amount, paidOn: '2023-01-15', payee: 'Beneficiario di prova', overrideReason: reason(op.override) } };
      }
      case 'reverse':
      case 'rectifyPayment': {
        const id = payment(op.payment);
        if (id === null) return null;
        return {
          method: 'budget.payments.adjust',
          params: {
            paymentId: id, kind: op.op === 'reverse' ? 'storno' : 'rettifica', amountCents: op.op === 'reverse' ? null : op.amount, paidOn: '2023-02-01',
            description: 'Storno di prova', overrideReason: op.op === 'rectifyPayment' ? reason(op.override) : null,
          },
        };
      }
    }
  }
});
