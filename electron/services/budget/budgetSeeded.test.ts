import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../../db/seed/store';
import { callOk } from '../../testing/calls';
import { jobFile } from '../../testing/jobs';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { totalsMismatches } from './invariants';
import { sqlOne, sqlValue } from '../../testing/sql';

/** The Bilancio on demo data: seeded ledgers agree with the running totals; views and exports add up. */
describe('bilancio sui dati dimostrativi', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let admin = '';
  let finance = '';
  let coordinator = '';
  const n = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;

  beforeAll(async () => {
    admin = await setupAdmin(t.core);
    finance = await loginAs(t.core, admin, 'finanza');
    coordinator = await loginAs(t.core, admin, 'coordinatore');
    await seedStore(t.core.store, { scale: 'demo', seed: 7 });
  });
  afterAll(() => t.cleanup());

  async function workbookOf(file: { bytes: Buffer }): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type, which Node's no longer matches
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    return workbook;
  }

  it('keeps the seeded ledger consistent with the running totals and within every limit', async () => {
    expect(await totalsMismatches(t.core.store)).toEqual([]);
    expect((await n('SELECT count(*) AS n FROM commitments'))).toBeGreaterThan(100);
    expect((await n('SELECT count(*) AS n FROM funds'))).toBe(2); // the founding funds were reused, not doubled
  });

  it('gives overview totals equal to the sum of the rows, per fund and overall', async () => {
    const o = await callOk(t.core, 'budget.overview', {}, coordinator);
    const sum = (key: 'allocatedCents' | 'committedCents' | 'paidCents', rows: typeof o.rows) => rows.reduce((a, r) => a + r[key], 0);
    for (const key of ['allocatedCents', 'committedCents', 'paidCents'] as const) {
      expect(o.total[key]).toBe(sum(key, o.rows));
      for (const f of o.funds) {
        const mine = o.rows.filter((r) => r.fundId === f.fundId);
        expect(f[key]).toBe(sum(key, mine));
        expect(f.lines.reduce((a, l) => a + l[key], 0)).toBe(f[key]);
        expect(f.years.reduce((a, y) => a + y[key], 0)).toBe(f[key]);
      }
    }
    expect(o.total.committedCents).toBe((await n('SELECT sum(amount_cents) AS n FROM commitments')));
    expect(o.total.paidCents).toBe((await n('SELECT sum(amount_cents) AS n FROM payments')));
    expect(o.asOf).toBe((await sqlValue(t.core.store, 'SELECT max(d) AS d FROM (SELECT max(committed_on) AS d FROM commitments UNION ALL SELECT max(paid_on) FROM payments)')));
    // the window's monthly series adds up to the burn rate's numerator
    for (const f of o.funds) expect(f.monthly).toHaveLength(12);
  });

  it('projects the run-out date from the burn rate, in integer arithmetic', async () => {
    const fund = await callOk(
      t.core,
      'budget.funds.create',
      { code: 'prova_burn', name: 'Fondo di prova', amountCents: 1_200_000, startYear: 2021, endYear: 2021 },
      finance,
    );
    await callOk(t.core, 'budget.allocations.set', { fundId: fund.id, cells: [{ year: 2021, lineCode: 'gestione', amountCents: 1_200_000, version: null }] }, finance);
    await callOk(
      t.core,
      'budget.commitments.create',
      { target: { fundId: fund.id, year: 2021, lineCode: 'gestione' }, amount: { mode: 'importo', amountCents: 120_000 }, committedOn: '2021-12-01', description: 'Spese' },
      finance,
    );
    const o = await callOk(t.core, 'budget.overview', { fundId: fund.id, months: 12, asOf: '2021-12-31' }, coordinator);
    const f = o.funds[0];
    // 1,080,000 left at 120,000 a year (10,000 a month): 9 years → 108 months × 30.44 days
    expect(f).toMatchObject({ committedPerMonthCents: 10_000, runOutStatus: 'previsto', availableCents: 1_080_000 });
    expect(f?.projectedRunOut).toBe('2031-01-01'); // ⌈108 × 30.44⌉ = 3288 days after 31/12/2021
    expect(f?.lines[0]?.projectedRunOut).toBe('2031-01-01');
  });

  it('suggests the commitment of a traineeship as months × monthly indemnity on its default line', async () => {
    const iv = (await sqlOne(t.core.store, "SELECT id, months, monthly_indemnity_cents AS m FROM interventions WHERE instrument_code = 'tirocinio' AND months IS NOT NULL LIMIT 1")) as { id: number; months: number; m: number };
    const s = await callOk(t.core, 'budget.commitments.fromIntervention', { interventionId: iv.id }, finance);
    expect(s).toMatchObject({ lineCode: 'tirocini_inserimento', months: iv.months, monthlyIndemnityCents: iv.m, amountCents: iv.months * iv.m });
    expect(s.description).toMatch(/^Indennità di tirocinio – /);
    const found = await callOk(t.core, 'budget.paths.search', { search: s.personName.split(' ')[0] ?? '' }, finance);
    expect(found.map((f) => f.interventionId)).toContain(iv.id);
  });

  it('gives spending per person, company and instrument that adds up to the ledger', async () => {
    for (const by of ['persona', 'azienda', 'strumento'] as const) {
      const page = await callOk(t.core, 'budget.spending', { by, pageSize: 200 }, coordinator);
      expect(page.totals.committedCents).toBe((await n('SELECT sum(amount_cents) AS n FROM commitments')));
      expect(page.totals.paidCents).toBe((await n('SELECT sum(amount_cents) AS n FROM payments')));
      if (page.total <= 200) expect(page.rows.reduce((a, r) => a + r.committedCents, 0)).toBe(page.totals.committedCents);
    }
    const instruments = await callOk(t.core, 'budget.spending', { by: 'strumento' }, coordinator);
    expect(instruments.rows.find((r) => r.key === 'tirocinio')?.label).toBe('Tirocinio formativo o stage');
  });

  it('exports the ledger to Excel: Italian headers, frozen header, filter, € format and totals as formulas', async () => {
    const file = await jobFile(t.core, 'budget.export.ledger', { filter: {} }, coordinator);
    const rows = (await n('SELECT (SELECT count(*) FROM commitments) + (SELECT count(*) FROM payments) AS n'));
    expect(file.end.rows).toBe(rows);
    expect(file.fileName).toMatch(/^movimenti-bilancio-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = (await workbookOf(file)).getWorksheet('Movimenti') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Data', 'Movimento', 'N. movimento', 'N. impegno', 'Fondo', 'Anno', 'Voce di spesa', 'Impegnato', 'Liquidato', 'Atto / documento',
      'Descrizione', 'Beneficiario', 'Persona', 'Azienda', 'Motivo della deroga',
    ]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:O${rows + 1}`);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBeInstanceOf(Date);
    expect(first.getCell(1).numFmt).toBe('dd/mm/yyyy');
    const amount = first.getCell(8).value ?? first.getCell(9).value;
    expect(typeof amount).toBe('number');
    expect(sheet.getColumn(8).width).toBe(15);
    // oldest first
    const d2 = first.getCell(1).value as Date;
    const d3 = sheet.getRow(3).getCell(1).value as Date;
    expect(d2.getTime()).toBeLessThanOrEqual(d3.getTime());
    const total = sheet.getRow(rows + 2);
    expect(total.getCell(1).value).toBe('Totale');
    const committed = total.getCell(8).value as { formula: string; result: number };
    expect(committed.formula).toBe(`ROUND(SUM(H2:H${rows + 1}),2)`);
    expect(Math.round(committed.result * 100)).toBe((await n('SELECT sum(amount_cents) AS n FROM commitments')));
    expect(total.getCell(8).numFmt).toContain('€');
    const paid = total.getCell(9).value as { formula: string; result: number };
    expect(Math.round(paid.result * 100)).toBe((await n('SELECT sum(amount_cents) AS n FROM payments')));
    // the cells add up to the formula's result
    let sum = 0;
    for (let r = 2; r <= rows + 1; r++) sum += Math.round(((sheet.getRow(r).getCell(9).value as number | null) ?? 0) * 100);
    expect(sum).toBe((await n('SELECT sum(amount_cents) AS n FROM payments')));
    expect((await n("SELECT count(*) AS n FROM audit_log WHERE action = 'esporta' AND entity = 'movimenti_bilancio'"))).toBe(1);
  });

  it('exports a filtered ledger with only the matching rows', async () => {
    const fundId = (await n("SELECT id AS n FROM funds WHERE code = 'arcidiocesi_2017'"));
    const file = await jobFile(t.core, 'budget.export.ledger', { filter: { fundId, kind: 'impegni', year: 2018 } }, finance);
    const exported = file.end.rows ?? 0;
    expect(exported).toBe((await n('SELECT count(*) AS n FROM commitments c JOIN allocations a ON a.id = c.allocation_id WHERE a.fund_id = ? AND a.year = 2018', fundId)));
    const sheet = (await workbookOf(file)).getWorksheet('Movimenti') as ExcelJS.Worksheet;
    for (let r = 2; r <= exported + 1; r++) expect(sheet.getRow(r).getCell(6).value).toBe(2018);
  });

  it('exports the overview with formulas for available, to pay, % and totals', async () => {
    const o = await callOk(t.core, 'budget.overview', {}, coordinator);
    const file = await jobFile(t.core, 'budget.export.overview', {}, coordinator);
    expect(file.fileName).toMatch(/^quadro-bilancio-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = await workbookOf(file);
    const quadro = workbook.getWorksheet('Quadro') as ExcelJS.Worksheet;
    expect((quadro.getRow(1).values as unknown[]).slice(1)).toEqual(['Fondo', 'Anno', 'Voce di spesa', 'Assegnato', 'Impegnato', 'Liquidato', 'Disponibile', 'Da liquidare', '% impegnato']);
    expect(quadro.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(quadro.autoFilter).toBeTruthy();
    // rounded to the cent: a recalculation gives 3397.15, not 3397.14999999999
    expect(quadro.getRow(2).getCell('G').value).toMatchObject({ formula: 'ROUND(D2-E2,2)' });
    const last = o.rows.length + 2;
    expect(quadro.getRow(last).getCell('A').value).toBe('Totale');
    const total = quadro.getRow(last).getCell('D').value as { formula: string; result: number };
    expect(total.formula).toBe(`ROUND(SUM(D2:D${last - 1}),2)`);
    expect(Math.round(total.result * 100)).toBe(o.total.allocatedCents);
    expect(quadro.getRow(2).getCell('D').numFmt).toContain('€');
    const fondi = workbook.getWorksheet('Fondi') as ExcelJS.Worksheet;
    expect(fondi.getRow(2).getCell('A').value).toBe(o.funds[0]?.name);
  });
});
