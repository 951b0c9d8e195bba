import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { KeyFigure, ReportModel, ReportTable } from '../../contract/reports';
import { formatReportValue } from '../../domain/reportFormat';
import { seedStore } from '../../../db/seed/store';
import { tempCore, type TempCore } from '../../testing/tempDb';
import { callOk } from '../../testing/calls';
import { suppressionMismatches } from './linked';
import { pdfText } from '../../testing/pdf';
import { jobFile } from '../../testing/jobs';
import { sqlAll, sqlOne } from '../../testing/sql';

/**
 * Screen, Excel and PDF agree: on the demo database (seed 7) key figures are computed here
 * independently with plain SQL and compared with the model (what the screen shows), with the
 * workbook read back (values, and the formulas with their cached results) and with the PDF's text.
 */

let t: TempCore;
let token: string;
const models = new Map<string, ReportModel>();

const n = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;
const STARTED = "('attivo', 'concluso', 'interrotto')";

beforeAll(async () => {
  t = await tempCore();
  await seedStore(t.core.store, { scale: 'demo', seed: 7 });
  const created = await t.core.callAsSystem('auth.users.create', { fullName: 'Lettore Report', username: 'lettore.report', role: 'sola_lettura', password: 'password-di-prova' });
  expect(created.ok).toBe(true);
  const login = await t.core.call('auth.login', { username: 'lettore.report', password: 'password-di-prova' }, null);
  if (!login.ok) throw new Error(login.error.message);
  token = (login.result as { token: string }).token;
  for (const period of ['2019', 'all']) models.set(period, await callOk(t.core, 'reports.model', { period }, token));
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

const fig = (m: ReportModel, key: string): KeyFigure => m.sections.flatMap((s) => s.figures).find((f) => f.key === key)!;
const tableOf = (m: ReportModel, key: string): ReportTable => m.sections.flatMap((s) => s.tables).find((x) => x.key === key)!;

/** A count as the model must show it: the value, or «<3» for 1 and 2 (a shown cell is never 1 or 2). */
function expectCount(figure: KeyFigure, expected: number, which: 'current' | 'previous' = 'current') {
  const cell = figure[which]!;
  if (cell.flag === 'lt3') expect([1, 2], figure.key).toContain(expected);
  else if (cell.flag === 'nd') expect(expected, figure.key).toBeGreaterThan(0);
  else expect(cell.value, figure.key).toBe(expected);
}

/** Independent SQL for the key figures of [from, to]. */
async function sqlFigures(from: string, to: string) {
  const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
  const pairs = await sqlAll<{ placed: string; interviewed: string }>(
    t.core.store,
    `SELECT f.d AS placed, c.first_interview_date AS interviewed
     FROM (SELECT case_id, min(start_date) AS d FROM interventions WHERE instrument_code = 'inserimento' AND status IN ${STARTED} GROUP BY case_id) f
     JOIN cases c ON c.id = f.case_id WHERE f.d BETWEEN ? AND ? AND c.first_interview_date IS NOT NULL`,
    from, to,
  );
  const days = pairs.map((p) => dayOf(p.placed) - dayOf(p.interviewed)).sort((a, b) => a - b);
  const mid = days.length >> 1;
  return {
    iscritti: (await n('SELECT count(*) AS n FROM cases WHERE application_date BETWEEN ? AND ?', from, to)),
    colloqui: (await n('SELECT count(*) AS n FROM cases WHERE first_interview_date BETWEEN ? AND ?', from, to)),
    in_carico: (await n("SELECT count(*) AS n FROM cases WHERE first_interview_date BETWEEN ? AND ? AND status IN ('in_carico', 'in_percorso', 'concluso')", from, to)),
    fuori_target: (await n("SELECT count(*) AS n FROM cases WHERE first_interview_date BETWEEN ? AND ? AND status = 'fuori_target'", from, to)),
    inserimenti: (await n(`SELECT count(*) AS n FROM interventions WHERE instrument_code = 'inserimento' AND status IN ${STARTED} AND start_date BETWEEN ? AND ?`, from, to)),
    primi_inserimenti: (await n(`SELECT count(*) AS n FROM interventions WHERE instrument_code = 'inserimento' AND hire_kind = 'primo' AND status IN ${STARTED} AND start_date BETWEEN ? AND ?`, from, to)),
    formazione: (await n(`SELECT count(*) AS n FROM interventions WHERE instrument_code = 'formazione' AND status IN ${STARTED} AND start_date BETWEEN ? AND ?`, from, to)),
    aziende_board: (await n("SELECT count(DISTINCT company_id) AS n FROM board_memberships WHERE since <= ? AND (until IS NULL OR until >= ?)", to, from)),
    aziende_coinvolte: (await n(
      `SELECT count(*) AS n FROM companies c WHERE EXISTS (SELECT 1 FROM board_memberships b WHERE b.company_id = c.id AND b.since <= ? AND (b.until IS NULL OR b.until >= ?))
         OR EXISTS (SELECT 1 FROM interventions i WHERE i.company_id = c.id AND i.status IN ${STARTED} AND i.start_date <= ? AND (i.end_date IS NULL OR i.end_date >= ?))`,
      to, from, to, from,
    )),
    aziende_assumono: (await n(`SELECT count(DISTINCT company_id) AS n FROM interventions WHERE instrument_code = 'inserimento' AND status IN ${STARTED} AND start_date BETWEEN ? AND ?`, from, to)),
    giorni_mediani: days.length === 0 ? null : days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2,
    daysCount: days.length,
  };
}

describe('the model agrees with plain SQL on the demo database', () => {
  it('every figure it shows is the one its suppression family counted (issue #11)', () => {
    expect(suppressionMismatches()).toBe(0);
  });

  for (const period of ['2019', 'all']) {
    it(`period ${period}`, async () => {
      const m = models.get(period)!;
      const expected = await sqlFigures(m.period.from, m.period.to);
      for (const key of ['iscritti', 'colloqui', 'in_carico', 'fuori_target', 'inserimenti', 'primi_inserimenti', 'formazione'] as const) {
        expectCount(fig(m, key), expected[key]);
      }
      // companies are not people: never suppressed
      expect(fig(m, 'aziende_board').current.value).toBe(expected.aziende_board);
      expect(fig(m, 'aziende_coinvolte').current.value).toBe(expected.aziende_coinvolte);
      expect(fig(m, 'aziende_assumono').current.value).toBe(expected.aziende_assumono);
      if (expected.daysCount >= 3) expect(fig(m, 'giorni_mediani').current.value).toBe(expected.giorni_mediani);
      expect(expected.iscritti).toBeGreaterThan(20);
      if (m.previous) {
        const before = await sqlFigures(m.previous.from, m.previous.to);
        expectCount(fig(m, 'iscritti'), before.iscritti, 'previous');
        expectCount(fig(m, 'inserimenti'), before.inserimenti, 'previous');
      }
    });
  }

  it('budget: allocated, committed and paid of the period’s years', async () => {
    const m = models.get('2019')!;
    const alloc = (await n('SELECT coalesce(sum(amount_cents), 0) AS n FROM allocations WHERE year = 2019'));
    const committed = (await n('SELECT coalesce(sum(c.amount_cents), 0) AS n FROM commitments c JOIN allocations a ON a.id = c.allocation_id WHERE a.year = 2019'));
    const paid = (await n('SELECT coalesce(sum(p.amount_cents), 0) AS n FROM payments p JOIN commitments c ON c.id = p.commitment_id JOIN allocations a ON a.id = c.allocation_id WHERE a.year = 2019'));
    expect(fig(m, 'assegnato').current.value).toBe(alloc);
    expect(fig(m, 'impegnato').current.value).toBe(committed);
    expect(fig(m, 'liquidato').current.value).toBe(paid);
    expect(fig(m, 'disponibile').current.value).toBe(alloc - committed);
    expect(alloc).toBeGreaterThan(0);
  });
});

/** Every full name of the database: none may appear in a report file. */
async function fullNames(): Promise<string[]> {
  return ((await sqlAll(t.core.store, 'SELECT first_name, last_name FROM people')) as { first_name: string; last_name: string }[]).flatMap((p) => [
    `${p.first_name} ${p.last_name}`,
    `${p.last_name} ${p.first_name}`,
  ]);
}

describe('the Excel workbook says what the model says', () => {
  let wb: ExcelJS.Workbook;
  let m: ReportModel;
  beforeAll(async () => {
    m = models.get('2019')!;
    const file = await jobFile(t.core, 'reports.excel', { period: '2019', modelId: m.id }, token);
    expect(file.fileName).toBe('report-ixl-2019.xlsx');
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
  }, 120_000); // the workbook made in a worker and read back: seconds on a busy machine

  const rowByLabel = (sheet: ExcelJS.Worksheet, label: string, after = 1): ExcelJS.Row => {
    for (let r = after; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === label) return sheet.getRow(r);
    throw new Error(`riga «${label}» assente in ${sheet.name}`);
  };
  /** A cell's value, or the cached result of its formula (read through `result`: exceljs leaves a 0 result out of `value`). */
  const resultOf = (c: ExcelJS.Cell) => (c.type === ExcelJS.ValueType.Formula ? c.result : c.value);

  it('has the summary and one sheet per section, with document properties', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Sintesi', 'Accesso e colloqui', 'Inserimenti', 'Formazione e percorsi', 'Aziende', 'Persone', 'Autoimpiego', 'Bilancio']);
    expect(wb.title).toMatch(/Report per il Tavolo di coordinamento/);
    expect(wb.subject).toBe('Periodo: Anno 2019');
    expect(wb.company).toBe('Insieme per il lavoro');
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen' });
      expect(sheet.autoFilter, sheet.name).toBeTruthy();
    }
  });

  it('the summary sheet has the key figures, the previous year and the change as a formula', () => {
    const sheet = wb.getWorksheet('Sintesi')!;
    expect(sheet.getCell('A1').value).toMatch(/Insieme per il lavoro/);
    for (const f of m.summary) {
      const row = rowByLabel(sheet, f.label);
      const cell = row.getCell(2).value;
      if (f.current.flag) expect(cell).toBe(f.current.flag === 'lt3' ? '<3' : 'n.d.');
      else if (f.format === 'euro') expect(cell).toBeCloseTo(f.current.value! / 100, 2);
      else expect(cell).toBe(f.current.value);
      if (f.delta !== null) {
        const delta = row.getCell(4).value as ExcelJS.CellFormulaValue;
        // money is rounded to the cent in the formula, so a recalculation leaves no binary tail
        expect(delta.formula).toBe(f.format === 'euro' ? `ROUND(B${row.number}-C${row.number},2)` : `B${row.number}-C${row.number}`);
        expect(Number(delta.result)).toBeCloseTo(f.format === 'euro' ? f.delta / 100 : f.delta, 6);
      }
    }
  });

  it('totals are =SUM formulas whose cached result is what a recalculation gives', () => {
    let sums = 0;
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          const value = cell.value as ExcelJS.CellFormulaValue;
          if (!value || typeof value !== 'object' || !('formula' in value)) return;
          const match = /^(?:ROUND\()?SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)(?:,2\))?$/.exec(value.formula);
          if (match && cell.numFmt?.includes('€')) expect(value.formula, `${sheet.name}!${cell.address}`).toMatch(/^ROUND\(.*,2\)$/);
          if (!match) return;
          sums++;
          let recomputed = 0;
          for (let r = Number(match[2]); r <= Number(match[4]); r++) {
            const v = resultOf(sheet.getCell(`${match[1]}${r}`));
            expect(typeof v, `${sheet.name}!${match[1]}${r}`).toBe('number');
            recomputed += v as number;
          }
          expect(cell.result as number, `${sheet.name}!${cell.address}`).toBeCloseTo(recomputed, 2);
        });
      });
    }
    expect(sums).toBeGreaterThan(20);
  });

  it('the placements sheet has the model’s figures, and the money is in euros with € formats', () => {
    const sheet = wb.getWorksheet('Inserimenti')!;
    const kinds = tableOf(m, 'tipo_inserimento');
    const title = rowByLabel(sheet, kinds.title);
    const total = rowByLabel(sheet, 'Totale', title.number);
    expect(resultOf(total.getCell(2))).toBe(kinds.total!.cells[0]!.value);
    const budget = wb.getWorksheet('Bilancio')!;
    const lines = tableOf(m, 'bilancio_voci');
    const first = lines.rows[0]!;
    const row = rowByLabel(budget, first.labels[0]!, rowByLabel(budget, lines.title).number);
    expect(row.getCell(3).value).toBe(Number(first.labels[2]));
    expect(row.getCell(4).value).toBeCloseTo(first.cells[0]!.value! / 100, 2);
    expect(row.getCell(4).numFmt).toContain('€');
    const available = row.getCell(7).value as ExcelJS.CellFormulaValue;
    expect(available.formula).toBe(`ROUND(D${row.number}-E${row.number},2)`);
    expect(row.getCell(8).numFmt).toBe('0.0%');
  });

  it('no name of a person appears in it', async () => {
    const text: string[] = [];
    for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((c) => text.push(String(resultOf(c) ?? ''))));
    const all = text.join('\n');
    for (const name of (await fullNames())) expect(all.includes(name), name).toBe(false);
  });
});

describe('the PDF says what the model says', () => {
  let text: string;
  let m: ReportModel;
  beforeAll(async () => {
    m = models.get('2019')!;
    const file = await jobFile(t.core, 'reports.pdf', { period: '2019', modelId: m.id }, token);
    const pdfPath = path.join(t.dir, file.fileName);
    fs.writeFileSync(pdfPath, file.bytes);
    text = await pdfText(pdfPath);
  }, 120_000); // a report of a dozen pages, made and read back: seconds on a busy machine

  it('has the cover, the page numbers and the key figures with their values', () => {
    expect(text).toContain('Insieme per il lavoro');
    expect(text).toContain('Report per il Tavolo di coordinamento');
    expect(text).toContain('Anno 2019');
    expect(text).toContain('Confronto con il periodo precedente: Anno 2018');
    const pages = Number(/Pagina 1 di (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(8);
    expect(text).toContain(`Pagina ${pages} di ${pages}`);
    // the key figures page: each label followed by its value
    const keyPage = text.split('\f')[1]!;
    for (const f of m.summary) {
      const at = keyPage.indexOf(f.label.slice(0, 30));
      expect(at, f.label).toBeGreaterThanOrEqual(0);
      expect(keyPage.slice(at, at + 400)).toContain(formatReportValue(f.current, f.format));
    }
  });

  it('each section’s tables carry the model’s totals', () => {
    for (const key of ['esito_colloquio', 'tipo_inserimento', 'tipo_contratto', 'genere', 'eta', 'aziende_dimensione']) {
      const table = tableOf(m, key);
      const at = text.indexOf(table.title);
      expect(at, table.title).toBeGreaterThanOrEqual(0);
      const totalLine = text.slice(at).split('\n').find((l) => l.trim().startsWith('Totale'))!;
      expect(totalLine, table.title).toContain(formatReportValue(table.total!.cells[0]!, table.columns[0]!.format));
    }
  });

  it('no name of a person appears in it', async () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const name of (await fullNames())) expect(flat.includes(name), name).toBe(false);
  });
});
