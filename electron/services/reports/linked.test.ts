import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, ReportModel, ReportTable } from '../../contract/reports';
import type { Input, MethodName } from '../../contract/index';
import { todayIso } from '../../domain/dates';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { callOk } from '../../testing/calls';
import { linkedFrame, linkedSuppression, suppressionMismatches } from './linked';
import { loadReference } from './facts';
import { auditLinked } from './suppressionAudit';
import type { Status } from './suppression';

/**
 * Issue #11, defect 7, end to end: the two examples of the issue and the year − half-year one, rebuilt
 * on a small database through the API, then attacked with an exact solver that reads every standard
 * report (programme to date, each year, each half-year) as the Tavolo receives them.
 *
 *   2024-H1  registrations by education: ISCED 2 ×11, 3 ×4, 4 ×3, and one each of ISCED 0, 1, 5, 6 (total 22)
 *   2023-H2  placements: July 3, September 1, October 1 (total 5)
 *   2017     first interviews: H1 2 fragile + 20 in charge; H2 43 fragile + 50 in charge
 */

let t: TempCore;
let coordinator: string;
const models = new Map<string, ReportModel>();
const ok = <M extends MethodName>(method: M, input: Input<M>) => callOk(t.core, method, input, coordinator);
const raw = () => t.core.store.raw;
const today = todayIso();
const thisYear = Number(today.slice(0, 4));

/** The standard periods the programme publishes, from 2017 to this year. */
const STANDARD = ['all', ...Array.from({ length: thisYear - 2016 }, (_, i) => 2017 + i).flatMap((y) => [String(y), `${y}-H1`, `${y}-H2`])];

let seq = 0;
async function person(opts: { isced?: number | null; applied: string }): Promise<{ personId: number; caseId: number }> {
  seq++;
  const { personId } = await ok('people.create', {
    // names and birth dates far apart, so no one looks like a possible duplicate of another
    lastName: `${['Rossi', 'Bianchi', 'Verdi', 'Neri', 'Gallo', 'Conti', 'Greco', 'Bruno', 'Ricci', 'Costa'][seq % 10]}${'abcdefghijklmnop'[Math.floor(seq / 10)]}`,
    firstName: ['Anna', 'Bruno', 'Carla', 'Dario', 'Elena', 'Fabio', 'Giulia'][seq % 7]!,
    sex: seq % 2 ? 'F' : 'M',
    birthDate: `${1950 + (seq % 45)}-${String(1 + (seq % 12)).padStart(2, '0')}-${String(1 + (seq % 28)).padStart(2, '0')}`,
    taxCodeMissingReason: 'Persona di prova',
    nationalityGroup: 'IT',
    educationIsced: opts.isced ?? 3,
    domicileIstat: '037006',
    outsideMetro: false,
    outsideMetroCity: null,
    privacyAcknowledgedOn: opts.applied,
  });
  const created = await ok('cases.create', { personId, channelCode: 'modulo_online', applicationDate: opts.applied });
  return { personId, caseId: created.id };
}

function placement(p: { personId: number; caseId: number }, start: string): void {
  const now = new Date().toISOString();
  raw()
    .prepare(
      `INSERT INTO interventions (case_id, person_id, instrument_code, status, start_date, contract_type, hire_kind, created_at, updated_at)
       VALUES (?, ?, 'inserimento', 'attivo', ?, 'determinato', 'primo', ?, ?)`,
    )
    .run(p.caseId, p.personId, start, now, now);
}

/** The first interview's outcome, written directly (the case workflow is tested in its own area). */
function interviewed(p: { caseId: number }, on: string, outcome: 'fragile' | 'in_carico'): void {
  raw()
    .prepare('UPDATE cases SET first_interview_date = ?, status = ?, out_of_target_reason = ? WHERE id = ?')
    .run(on, outcome === 'fragile' ? 'fuori_target' : 'in_carico', outcome === 'fragile' ? 'fragile' : null, p.caseId);
}

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  const education: [number, number][] = [[2, 11], [3, 4], [4, 3], [0, 1], [1, 1], [5, 1], [6, 1]];
  for (const [isced, n] of education) for (let k = 0; k < n; k++) await person({ isced, applied: '2024-03-10' });
  const placed = [['2023-07-05', 3], ['2023-09-12', 1], ['2023-10-20', 1]] as const;
  for (const [day, n] of placed) for (let k = 0; k < n; k++) placement(await person({ applied: '2023-06-01' }), day);
  const interviews = [['2017-06-10', 'fragile', 2], ['2017-06-12', 'in_carico', 20], ['2017-09-10', 'fragile', 43], ['2017-09-12', 'in_carico', 50]] as const;
  for (const [day, outcome, n] of interviews) for (let k = 0; k < n; k++) interviewed(await person({ applied: '2017-06-01' }), day, outcome);
  // self-employment projects: started ones are also the instruments table's «autoimpiego»
  const projects = [['2019-03-01', 'attivo', 2], ['2019-09-01', 'attivo', 4], ['2019-10-01', 'proposto', 1], ['2020-02-01', 'concluso', 1]] as const;
  for (const [day, status, n] of projects) {
    for (let k = 0; k < n; k++) {
      const p = await person({ applied: '2019-01-15' });
      const now = new Date().toISOString();
      raw()
        .prepare("INSERT INTO interventions (case_id, person_id, instrument_code, status, start_date, created_at, updated_at) VALUES (?, ?, 'autoimpiego', ?, ?, ?, ?)")
        .run(p.caseId, p.personId, status, day, now, now);
    }
  }
  for (const period of STANDARD) models.set(period, await ok('reports.model', { period }));
}, 240_000);
afterAll(async () => {
  await t.cleanup();
});

const tableOf = (m: ReportModel, key: string): ReportTable => m.sections.flatMap((s) => s.tables).find((x) => x.key === key)!;
const figureOf = (m: ReportModel, key: string) => m.sections.flatMap((s) => s.figures).find((f) => f.key === key)!;
const statusOf = (c: Cell): Status => c.flag ?? 'shown';
const column = (m: ReportModel, table: string, col: string): Record<string, Cell> => {
  const tb = tableOf(m, table);
  const i = tb.columns.findIndex((c) => c.key === col);
  return { ...Object.fromEntries(tb.rows.map((r) => [r.key, r.cells[i]!])), Totale: tb.total!.cells[i]! };
};

/**
 * The exact attacker over every standard report: unknowns are the counts per category and atom of
 * time; each report's cells and total are published quantities. Returns the hidden quantities whose
 * value it can pin, as «period/row».
 */
function pinnedAcrossReports(table: string, col: string, cats: string[], countIn: (cat: string, from: string, to: string) => number, extraGroups: { name: string; cats: string[]; cell: (m: ReportModel) => Cell }[] = []): string[] {
  const frame = linkedFrame(today, 2017, thisYear);
  const values = cats.map((c) => frame.atoms.map((a) => countIn(c, a.from, a.to)));
  const catSets = [...cats.map((_, i) => [i]), ...extraGroups.map((g) => g.cats.map((c) => cats.indexOf(c))), cats.map((_, i) => i)];
  const periods = STANDARD.filter((p) => frame.atomsOf.get(p)!.length > 0);
  const timeSets = periods.map((p) => frame.atomsOf.get(p)!);
  const published: [number, number][] = [];
  const status: Status[] = [];
  const names: string[] = [];
  periods.forEach((p, ti) => {
    const m = models.get(p)!;
    const cells = column(m, table, col);
    cats.forEach((c, ci) => {
      published.push([ci, ti]);
      status.push(statusOf(cells[c] ?? { value: 0, flag: null }));
      names.push(`${p}/${c}`);
    });
    extraGroups.forEach((g, gi) => {
      published.push([cats.length + gi, ti]);
      status.push(statusOf(g.cell(m)));
      names.push(`${p}/${g.name}`);
    });
    published.push([catSets.length - 1, ti]);
    status.push(statusOf(cells.Totale!));
    names.push(`${p}/Totale`);
  });
  const found = auditLinked({ values, catSets, timeSets, published, status });
  return [...found].filter(([, r]) => !r.lower && !r.higher).map(([q]) => names[q]!);
}

describe('issue #11: hidden cells stay hidden against every standard report', () => {
  it('registrations by education, 2024: 11, 4, 3 and four people alone, total 22', () => {
    const cells = column(models.get('2024')!, 'istruzione', 'iscritti');
    expect(cells.Totale).toEqual({ value: 22, flag: null });
    expect([cells['2'], cells['3'], cells['4']]).toEqual([{ value: 11, flag: null }, { value: 4, flag: null }, { value: 3, flag: null }]);
    const isced = ['0', '1', '2', '3', '4', '5', '6', '7', '8', 'nd'];
    const count = (cat: string, from: string, to: string) =>
      (raw()
        .prepare('SELECT count(*) AS n FROM cases c JOIN people p ON p.id = c.person_id WHERE c.application_date BETWEEN ? AND ? AND coalesce(CAST(p.education_isced AS TEXT), \'nd\') = ?')
        .get(from, to, cat) as { n: number }).n;
    expect(pinnedAcrossReports('istruzione', 'iscritti', isced, count)).toEqual([]);
  });

  it('placements by month, 2023-H2: July 3, September and October one each, total 5', () => {
    const cells = column(models.get('2023-H2')!, 'inserimenti_mese', 'inserimenti');
    expect(cells.Totale).toEqual({ value: 5, flag: null });
    expect(cells['2023-09']!.flag).not.toBeNull();
    expect(cells['2023-10']!.flag).not.toBeNull();
    // the months of a half-year are its categories: the year and the programme list them again
    const months = Array.from({ length: 6 }, (_, i) => i);
    const frame = linkedFrame(today, 2017, thisYear);
    const count = (pos: number, from: string, to: string) =>
      (raw()
        .prepare("SELECT count(*) AS n FROM interventions WHERE instrument_code = 'inserimento' AND start_date BETWEEN ? AND ? AND (CAST(substr(start_date, 6, 2) AS INTEGER) - 1) % 6 = ?")
        .get(from, to, pos) as { n: number }).n;
    const values = months.map((p) => frame.atoms.map((a) => count(p, a.from, a.to)));
    // one quantity per month (position in its half-year × the half-year's atoms) and each report's total
    const catSets = [...months.map((p) => [p]), months];
    const timeSets: number[][] = [];
    const published: [number, number][] = [];
    const status: Status[] = [];
    const names: string[] = [];
    for (const period of STANDARD) {
      const atoms = frame.atomsOf.get(period)!;
      if (atoms.length === 0) continue;
      const cellsOf = column(models.get(period)!, 'inserimenti_mese', 'inserimenti');
      timeSets.push(atoms);
      published.push([6, timeSets.length - 1]);
      status.push(statusOf(cellsOf.Totale!));
      names.push(`${period}/Totale`);
      for (const [month, cell] of Object.entries(cellsOf)) {
        if (month === 'Totale') continue;
        const within = atoms.filter((a) => frame.atoms[a]!.from.slice(0, 7) <= month && frame.atoms[a]!.to.slice(0, 7) >= month);
        timeSets.push(within);
        published.push([(Number(month.slice(5, 7)) - 1) % 6, timeSets.length - 1]);
        status.push(statusOf(cell));
        names.push(`${period}/${month}`);
      }
    }
    const found = auditLinked({ values, catSets, timeSets, published, status });
    expect([...found].filter(([, r]) => !r.lower && !r.higher).map(([q]) => names[q])).toEqual([]);
  });

  it('year − half-year: fragile people of 2017 (2 in H1, 43 in H2, 45 in the year) are not given away', () => {
    const h1 = column(models.get('2017-H1')!, 'esito_colloquio', 'persone');
    expect(h1.fragile).toEqual({ value: null, flag: 'lt3' });
    const h2 = column(models.get('2017-H2')!, 'esito_colloquio', 'persone');
    const year = column(models.get('2017')!, 'esito_colloquio', 'persone');
    expect(h2.fragile!.flag === null && year.fragile!.flag === null).toBe(false);
    const outcomes = ['in_carico', 'fragile', 'profilo_forte', 'in_attesa'];
    const count = (cat: string, from: string, to: string) => {
      const where = { in_carico: "status IN ('in_carico', 'in_percorso', 'concluso')", fragile: "status = 'fuori_target' AND out_of_target_reason = 'fragile'", profilo_forte: "status = 'fuori_target' AND out_of_target_reason <> 'fragile'", in_attesa: "status NOT IN ('in_carico', 'in_percorso', 'concluso', 'fuori_target')" }[cat]!;
      return (raw().prepare(`SELECT count(*) AS n FROM cases WHERE first_interview_date BETWEEN ? AND ? AND ${where}`).get(from, to) as { n: number }).n;
    };
    const fuoriTarget = { name: 'fuori_target', cats: ['fragile', 'profilo_forte'], cell: (m: ReportModel) => figureOf(m, 'fuori_target').current };
    expect(pinnedAcrossReports('esito_colloquio', 'persone', outcomes, count, [fuoriTarget])).toEqual([]);
  });

  it('every family was protected with a certificate, and the model asked for no figure the families did not count', async () => {
    const linked = await linkedSuppression(t.core.store, await loadReference(t.core.store.db), today);
    expect(linked.uncertified).toBe(0);
    expect(suppressionMismatches()).toBe(0);
  });

  it('a figure restated in two tables is shown or hidden alike: started projects and the instruments’ «autoimpiego»', () => {
    for (const period of STANDARD) {
      const m = models.get(period)!;
      expect(column(m, 'percorsi_strumento', 'avviati').autoimpiego, period).toEqual(figureOf(m, 'autoimpiego_avviati').current);
      expect(column(m, 'percorsi_strumento', 'avviati').inserimento, period).toEqual(figureOf(m, 'inserimenti').current);
    }
  });

  it('the same standard period gets the same cells when it is the previous period of another report', () => {
    const prev = column(models.get('2018-H1')!, 'esito_colloquio', 'persone_prec');
    const own = column(models.get('2017-H2')!, 'esito_colloquio', 'persone');
    for (const k of ['in_carico', 'fragile', 'profilo_forte', 'in_attesa']) expect(prev[k], k).toEqual(own[k]);
  });
});

describe('issue #11: custom ranges cannot be differenced', () => {
  it('rounds counts to a multiple of 5 and says so in the notes', async () => {
    const m = await ok('reports.model', { period: '2023-07-01..2023-12-31' });
    const cells = column(m, 'inserimenti_mese', 'inserimenti');
    expect(cells['2023-07']).toEqual({ value: 5, flag: null });
    expect(cells['2023-09']).toEqual({ value: 5, flag: null });
    expect(cells['2023-08']).toEqual({ value: 0, flag: null });
    expect(cells.Totale).toEqual({ value: 5, flag: null });
    expect(tableOf(m, 'inserimenti_mese').columns[0]!.total).toBe('value');
    expect(m.notes.join(' ')).toMatch(/arrotondati a multipli di 5/);
    // the same days as a standard half-year are not rounded
    expect(column(models.get('2023-H2')!, 'inserimenti_mese', 'inserimenti')['2023-07']).toEqual({ value: 3, flag: null });
  });
});
