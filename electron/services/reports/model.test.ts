import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '../../contract/assessments';
import type { Cell, KeyFigure, ReportModel, ReportTable } from '../../contract/reports';
import type { Input, MethodName } from '../../contract/index';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { callOk, callRefused } from '../../testing/calls';
import { jobFile } from '../../testing/jobs';
import { sqlInsert, sqlRun, sqlValue } from '../../testing/sql';

/**
 * The report model against a small fixture counted by hand (period 1° semestre 2019, previous
 * 2° semestre 2018). People and cases go through the API as the UI does; interventions, companies,
 * Board memberships and the ledger are written directly (their areas are built alongside).
 *
 *   group  n  sex  born        nationality  ISCED  domicile      applied     first interview → decision     then
 *   A      4  F    1995-03     IT           3      Bologna       2019-02-01  2019-02-20 target → in carico   placement 2019-04-01 primo, indeterminato, company 1
 *   B      3  M    1980-06     EXTRA_UE     2      Imola         2019-01-10  2019-01-30 target → in carico   course «Logistica» 2019-02-10 completed; placement 2019-05-15 nuovo contratto, determinato, company 2
 *   C      3  F    1970-01     UE           5      Casalecchio   2019-03-05  2019-03-20 fragile → fuori target
 *   D      1  M    1960-05     IT           —      Bologna       2019-03-10  2019-03-25 forte → fuori target
 *   E      2  F    1990-12     IT           6      outside area  2019-04-01  closed: altro servizio
 *   F      3  M    1985-07     IT           3      Bologna       2019-05-02  appointment missed 2019-05-20
 *   G      2  F    1975-02     IT           4      Bologna       2018-10-01  2018-10-20 target → in carico   course 2018-11-01 interrupted; placement 2019-06-10 proroga, indeterminato, company 1
 */

let t: TempCore;
let admin: string;
let coordinator: string;
let reader: string;
let model: ReportModel;

const ok = <M extends MethodName>(method: M, input: Input<M>, token = coordinator) => callOk(t.core, method, input, token);

function answersFor(definition: TemplateDefinition, total: number): { itemCode: string; optionCode: string }[] {
  let left = total;
  return definition.dimensions.flatMap((d) =>
    d.items.map((item) => {
      const sorted = [...item.options].sort((a, b) => b.points - a.points);
      const option = sorted.find((o) => o.points <= left) ?? sorted[sorted.length - 1]!;
      left -= option.points;
      return { itemCode: item.code, optionCode: option.code };
    }),
  );
}

interface Group {
  key: string;
  n: number;
  sex: 'M' | 'F';
  born: string;
  nationality: 'IT' | 'UE' | 'EXTRA_UE';
  isced: number | null;
  domicile: string | null;
  applied: string;
  interview?: { on: string; points: number; decision: 'in_carico' | 'fragile' | 'profilo_forte'; decidedOn: string };
  closeAltroServizio?: string;
  noShow?: { scheduledOn: string };
}

const GROUPS: Group[] = [
  { key: 'A', n: 4, sex: 'F', born: '1995-03', nationality: 'IT', isced: 3, domicile: '037006', applied: '2019-02-01', interview: { on: '2019-02-20', points: 20, decision: 'in_carico', decidedOn: '2019-02-25' } },
  { key: 'B', n: 3, sex: 'M', born: '1980-06', nationality: 'EXTRA_UE', isced: 2, domicile: '037032', applied: '2019-01-10', interview: { on: '2019-01-30', points: 20, decision: 'in_carico', decidedOn: '2019-02-01' } },
  { key: 'C', n: 3, sex: 'F', born: '1970-01', nationality: 'UE', isced: 5, domicile: '037011', applied: '2019-03-05', interview: { on: '2019-03-20', points: 35, decision: 'fragile', decidedOn: '2019-03-20' } },
  { key: 'D', n: 1, sex: 'M', born: '1960-05', nationality: 'IT', isced: null, domicile: '037006', applied: '2019-03-10', interview: { on: '2019-03-25', points: 5, decision: 'profilo_forte', decidedOn: '2019-03-25' } },
  { key: 'E', n: 2, sex: 'F', born: '1990-12', nationality: 'IT', isced: 6, domicile: null, applied: '2019-04-01', closeAltroServizio: '2019-04-10' },
  { key: 'F', n: 3, sex: 'M', born: '1985-07', nationality: 'IT', isced: 3, domicile: '037006', applied: '2019-05-02', noShow: { scheduledOn: '2019-05-20' } },
  { key: 'G', n: 2, sex: 'F', born: '1975-02', nationality: 'IT', isced: 4, domicile: '037006', applied: '2018-10-01', interview: { on: '2018-10-20', points: 20, decision: 'in_carico', decidedOn: '2018-10-25' } },
];

/** caseId and personId of each person, by group. */
const people = new Map<string, { personId: number; caseId: number }[]>();

function insertCompany(name: string, vat: string): Promise<number> {
  const now = new Date().toISOString();
  return sqlInsert(
    t.core.store,
    "INSERT INTO companies (name, name_key, vat_number, seat_city, ateco_section, size_band, created_at, updated_at) VALUES (?, ?, ?, 'Bologna', 'H', 'media', ?, ?)",
    name, name.toLowerCase(), vat, now, now,
  );
}

async function insertIntervention(v: { caseId: number; personId: number; instrument: string; status: string; start: string; end?: string | null; companyId?: number | null; contract?: string; hireKind?: string; completed?: number; course?: string }): Promise<void> {
  const now = new Date().toISOString();
  await sqlRun(
    t.core.store,
    `INSERT INTO interventions (case_id, person_id, instrument_code, company_id, status, start_date, end_date, contract_type, hire_kind, completed, course_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    v.caseId, v.personId, v.instrument, v.companyId ?? null, v.status, v.start, v.end ?? null, v.contract ?? null, v.hireKind ?? null, v.completed ?? null, v.course ?? null, now, now,
  );
}

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  reader = await loginAs(t.core, admin, 'sola_lettura');
  const template = await ok('assessments.template', {});
  let seq = 0;
  for (const g of GROUPS) {
    const list: { personId: number; caseId: number }[] = [];
    for (let k = 0; k < g.n; k++) {
      seq++;
      const { personId } = await ok('people.create', {
        lastName: `Fixture${g.key}${k}`,
        firstName: ['Anna', 'Bruno', 'Carla', 'Dario'][k]!,
        sex: g.sex,
        birthDate: `${g.born}-${String(10 + k).padStart(2, '0')}`,
        taxCodeMissingReason: 'Persona di prova',
        nationalityGroup: g.nationality,
        educationIsced: g.isced,
        domicileIstat: g.domicile,
        outsideMetro: g.domicile === null,
        outsideMetroCity: g.domicile === null ? 'Modena' : null,
        privacyAcknowledgedOn: g.applied,
      });
      const created = await ok('cases.create', { personId, channelCode: seq % 2 ? 'modulo_online' : 'caritas', applicationDate: g.applied });
      const caseId = created.id;
      if (g.interview) {
        await ok('cases.transition', { caseId, to: 'colloquio_fissato', date: g.applied, interviewOn: g.interview.on });
        await ok('assessments.create', { caseId, templateId: template.id, assessedOn: g.interview.on, answers: answersFor(template.definition, g.interview.points) });
        if (g.interview.decision === 'in_carico') await ok('cases.transition', { caseId, to: 'in_carico', date: g.interview.decidedOn });
        else await ok('cases.transition', { caseId, to: 'fuori_target', date: g.interview.decidedOn, outOfTargetReason: g.interview.decision });
      }
      if (g.closeAltroServizio) await ok('cases.transition', { caseId, to: 'concluso', date: g.closeAltroServizio, outcome: 'altro_servizio' });
      if (g.noShow) {
        await ok('cases.transition', { caseId, to: 'colloquio_fissato', date: g.applied, interviewOn: g.noShow.scheduledOn });
        await ok('cases.recordNoShow', { caseId, scheduledOn: g.noShow.scheduledOn });
      }
      list.push({ personId, caseId });
    }
    people.set(g.key, list);
  }
  const company1 = await insertCompany('Trasporti Emilia Srl', '00743110157');
  const company2 = await insertCompany('Logistica Reno Spa', '01234567897');
  const company3 = await insertCompany('Board Bologna Srl', '02345678901');
  const company4 = await insertCompany('Vecchia Collaborazione Snc', '03456789012');
  await sqlRun(t.core.store, 'INSERT INTO board_memberships (company_id, since, until) VALUES (?, ?, NULL)', company3, '2018-01-01');
  for (const p of people.get('A')!) await insertIntervention({ ...p, instrument: 'inserimento', status: 'attivo', start: '2019-04-01', companyId: company1, contract: 'indeterminato', hireKind: 'primo' });
  for (const p of people.get('B')!) {
    await insertIntervention({ ...p, instrument: 'formazione', status: 'concluso', start: '2019-02-10', end: '2019-03-10', completed: 1, course: 'Logistica' });
    await insertIntervention({ ...p, instrument: 'inserimento', status: 'attivo', start: '2019-05-15', end: '2019-11-14', companyId: company2, contract: 'determinato', hireKind: 'nuovo_contratto' });
  }
  for (const p of people.get('G')!) {
    await insertIntervention({ ...p, instrument: 'formazione', status: 'interrotto', start: '2018-11-01', end: '2018-11-20', completed: 0, course: 'Logistica' });
    await insertIntervention({ ...p, instrument: 'inserimento', status: 'attivo', start: '2019-06-10', companyId: company1, contract: 'indeterminato', hireKind: 'proroga' });
  }
  // a collaboration long before the period: not involved, not new
  const d = people.get('D')![0]!;
  await insertIntervention({ ...d, instrument: 'tirocinio', status: 'concluso', start: '2017-09-01', end: '2017-12-31', companyId: company4 });
  model = await ok('reports.model', { period: '2019-H1' }, reader);
});
afterAll(async () => {
  await t.cleanup();
});

const figure = (key: string): KeyFigure => {
  const f = model.sections.flatMap((s) => s.figures).find((x) => x.key === key);
  if (!f) throw new Error(`figura ${key} assente`);
  return f;
};
const table = (key: string): ReportTable => {
  const found = model.sections.flatMap((s) => s.tables).find((x) => x.key === key);
  if (!found) throw new Error(`tabella ${key} assente`);
  return found;
};
/** The cells of one column of a table, by row key. */
const column = (tableKey: string, columnKey: string): Record<string, Cell> => {
  const t = table(tableKey);
  const i = t.columns.findIndex((c) => c.key === columnKey);
  return Object.fromEntries(t.rows.map((r) => [r.key, r.cells[i]!]));
};
const v = (value: number): Cell => ({ value, flag: null });
const LT3: Cell = { value: null, flag: 'lt3' };
const ND: Cell = { value: null, flag: 'nd' };

describe('the report model on a hand-counted fixture', () => {
  it('covers 1° semestre 2019 beside 2° semestre 2018', () => {
    expect(model.period).toMatchObject({ code: '2019-H1', from: '2019-01-01', to: '2019-06-30', label: '1° semestre 2019' });
    expect(model.previous).toMatchObject({ code: '2018-H2', label: '2° semestre 2018' });
    expect(model.sections.map((s) => s.key)).toEqual(['accesso', 'inserimenti', 'formazione', 'aziende', 'persone', 'autoimpiego', 'bilancio']);
  });

  it('counts the funnel, with the only small outcome and the next smallest hidden', () => {
    expect(figure('iscritti').current).toEqual(v(16));
    expect(figure('iscritti').previous).toEqual(LT3); // G: 2 people in 2018-H2
    expect(figure('colloqui').current).toEqual(v(11));
    expect(column('esito_colloquio', 'persone')).toEqual({ in_carico: v(7), fragile: ND, profilo_forte: LT3, in_attesa: v(0) });
    // fuori target = fragile + forte = 4: both are hidden, so their sum reveals nothing new
    expect(figure('fuori_target').current).toEqual(v(4));
    expect(figure('in_carico').current).toEqual(v(7));
    expect(figure('mancate_presentazioni').current).toEqual(v(3));
    expect(figure('fuori_area').current).toEqual(LT3);
  });

  it('counts placements: kinds, contracts, months and the median days from the first interview', () => {
    expect(figure('inserimenti').current).toEqual(v(9));
    expect(figure('inserimenti').previous).toEqual(v(0));
    expect(figure('inserimenti').delta).toBe(9);
    expect(column('tipo_inserimento', 'inserimenti')).toEqual({ primo: v(4), nuovo_contratto: ND, proroga: LT3, nd: v(0) });
    expect(figure('primi_inserimenti').current).toEqual(v(4));
    expect(figure('inserimenti_ripetuti').current).toEqual(v(5)); // nuovo + proroga: both hidden inside
    expect(figure('nuovi_contratti').current).toEqual(ND); // primo + nuovo would give nuovo away
    expect(figure('proroghe').current).toEqual(LT3);
    expect(column('tipo_contratto', 'inserimenti')).toMatchObject({ indeterminato: v(6), determinato: v(3), somministrazione: v(0) });
    expect(figure('quota_indeterminato').current.value).toBeCloseTo(6 / 9, 10);
    expect(column('inserimenti_mese', 'inserimenti')).toEqual({ '2019-01': v(0), '2019-02': v(0), '2019-03': v(0), '2019-04': v(4), '2019-05': ND, '2019-06': LT3 });
    // 40 ×4, 105 ×3, 233 ×2 days: the median is 105
    expect(figure('giorni_mediani').current).toEqual(v(105));
  });

  it('counts training and paths started', () => {
    expect(figure('formazione').current).toEqual(v(3));
    expect(figure('formazione').previous).toEqual(LT3);
    expect(figure('completati').current).toEqual(v(3));
    expect(figure('tasso_completamento').current).toEqual(v(1));
    expect(figure('corsi').current).toEqual(v(1));
    expect(column('corsi', 'iscrizioni')).toEqual({ Logistica: v(3) });
    expect(column('percorsi_strumento', 'avviati')).toMatchObject({ inserimento: v(9), formazione: v(3), tirocinio: v(0) });
  });

  it('counts companies: Board, collaborating, hiring, new (never suppressed: they are not people)', () => {
    expect(figure('aziende_coinvolte').current).toEqual(v(3));
    expect(figure('aziende_board').current).toEqual(v(1));
    expect(figure('aziende_collaboranti').current).toEqual(v(2));
    expect(figure('aziende_assumono').current).toEqual(v(2));
    expect(figure('aziende_nuove').current).toEqual(v(2));
    expect(column('aziende_ateco', 'involved')).toEqual({ H: v(3) });
    expect(column('aziende_dimensione', 'involved')).toMatchObject({ media: v(3), micro: v(0) });
  });

  it('breaks people down by gender, age band, nationality, education and territory', async () => {
    expect(column('genere', 'iscritti')).toEqual({ F: v(9), M: v(7) });
    expect(column('genere', 'inserimenti')).toEqual({ F: v(6), M: v(3) });
    // ages at application: A 23, E 28 → under 30 (6); B 38, C 49, F 33 → 30–49 (9); D 58 → 50–64 (1)
    // beside the «<3», 30–49 is hidden rather than under 30: it also hides G (2 people aged 43 in 2018-H2),
    // so one pattern protects both half-years, their years and the programme to date (issue #11)
    expect(column('eta', 'iscritti')).toEqual({ u30: v(6), '30_49': ND, '50_64': LT3, '65': v(0), nd: v(0) });
    expect(column('cittadinanza', 'iscritti')).toEqual({ IT: v(10), UE: v(3), EXTRA_UE: v(3), nd: v(0) });
    // ISCED 6 (E, 2 people) and unknown (D, 1) are both small: nothing else needs hiding
    expect(column('istruzione', 'iscritti')).toMatchObject({ '2': v(3), '3': v(7), '5': v(3), '6': LT3, nd: LT3 });
    // districts: Bologna 8, Reno Lavino Samoggia (Casalecchio) 3, Imola 3, outside 2 → one more is hidden: Bologna,
    // which also hides G (2 people of Bologna in 2018-H2) in its half-year, year and the programme to date (issue #11)
    expect(column('distretto', 'iscritti')).toMatchObject({ BOL: ND, RLS: v(3), IMO: v(3), fuori: LT3, nd: v(0) });
    // the comune of Bologna is the district itself: hidden too
    const istat = async (name: string) => (await sqlValue<string>(t.core.store, 'SELECT istat_code AS c FROM comuni WHERE name = ?', name))!;
    const [bologna, casalecchio, imola] = [await istat('Bologna'), await istat('Casalecchio di Reno'), await istat('Imola')];
    expect(column('comune', 'iscritti')).toEqual({ [bologna]: ND, [casalecchio]: v(3), [imola]: v(3), fuori: LT3 });
    expect(Object.keys(column('comune', 'iscritti'))).toEqual([bologna, casalecchio, imola, 'fuori']);
    expect(table('genere').total?.cells[0]).toEqual(v(16));
  });

  it('has no self-employment in the fixture, and the budget of the database', () => {
    expect(figure('autoimpiego_proposti').current).toEqual(v(0));
    expect(figure('autoimpiego_contributi').current).toEqual(v(0));
    const fondi = table('bilancio_fondi');
    // a fresh database has the two founding funds, not yet allocated (migration 005): not in the period's years
    expect(fondi.rows).toHaveLength(0);
  });

  it('never shows a count of 1 or 2 people, and carries no name', () => {
    /** Figures that count courses, not people. */
    const NOT_PEOPLE = new Set(['corsi']);
    const peopleTables = model.sections.filter((s) => s.key !== 'aziende' && s.key !== 'bilancio').flatMap((s) => s.tables);
    for (const tbl of peopleTables) {
      tbl.columns.forEach((c, i) => {
        if (c.format !== 'int' || c.signed) return;
        for (const row of [...tbl.rows, ...(tbl.total ? [tbl.total] : [])]) {
          if (NOT_PEOPLE.has(row.key)) continue;
          const cell = row.cells[i]!;
          if ((row.format ?? c.format) !== 'int') continue;
          if (cell.flag === null) expect([1, 2], `${tbl.key}/${row.key}/${c.key}`).not.toContain(cell.value);
          else expect(cell.value).toBeNull();
        }
      });
    }
    const json = JSON.stringify(model);
    expect(json).not.toMatch(/Fixture/);
    expect(json).not.toMatch(/Anna|Bruno|Carla|Dario/);
  });
});

describe('the API', () => {
  it('shows operators no money: no Bilancio section, no figure, column or row in euros', async () => {
    const operator = await loginAs(t.core, admin, 'operatore', 'operatore.report');
    const seen = await ok('reports.model', { period: '2019-H1' }, operator);
    const formats = (m: ReportModel) => [
      ...m.summary.map((f) => f.format),
      ...m.sections.flatMap((s) => [...s.figures.map((f) => f.format), ...s.tables.flatMap((x) => [...x.columns.map((c) => c.format), ...x.rows.map((r) => r.format)])]),
    ];
    expect(seen.sections.map((s) => s.key)).not.toContain('bilancio');
    expect(formats(seen)).not.toContain('euro');
    expect(seen.sections.find((s) => s.key === 'accesso')!.tables.length).toBeGreaterThan(0);
    // the Bilancio's readers keep it
    expect(model.sections.map((s) => s.key)).toContain('bilancio');
    expect(formats(model)).toContain('euro');
  });
  it('labels the interview outcomes with the band thresholds in force', async () => {
    const labels = (m: ReportModel) => m.sections.flatMap((s) => s.tables).find((x) => x.key === 'esito_colloquio')!.rows.map((r) => r.labels[0]);
    expect(labels(model)).toEqual(['Presi in carico (in target)', 'Fuori target: persona fragile (> 30 punti)', 'Fuori target: profilo forte (< 11 punti)', 'In attesa di decisione']);
    await callOk(t.core, 'system.settings.update', { bandFragileAbove: 28, bandStrongBelow: 12 }, admin);
    try {
      const changed = await ok('reports.model', { period: '2019-H1' }, reader);
      expect(labels(changed).slice(1, 3)).toEqual(['Fuori target: persona fragile (> 28 punti)', 'Fuori target: profilo forte (< 12 punti)']);
    } finally {
      await callOk(t.core, 'system.settings.update', { bandFragileAbove: 30, bandStrongBelow: 11 }, admin);
    }
  });
  it('refuses a period it cannot read, in Italian', async () => {
    const error = await callRefused(t.core, 'reports.model', { period: '2019-H3' }, reader);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/Periodo non valido/);
    const reversed = await callRefused(t.core, 'reports.model', { period: '2019-05-01..2019-01-01' }, reader);
    expect(reversed.code).toBe('VALIDATION');
  });
  it('the programme to date has no previous period', async () => {
    const all = await ok('reports.model', { period: 'all' }, reader);
    expect(all.previous).toBeNull();
    expect(all.summary.every((f) => f.previous === null && f.delta === null)).toBe(true);
    expect(all.sections.find((s) => s.key === 'inserimenti')!.figures.find((f) => f.key === 'inserimenti')!.current).toEqual(v(9));
  });
  it('exports render the model shown on screen (same id), in both formats', async () => {
    const xlsx = await jobFile(t.core, 'reports.excel', { period: '2019-H1', modelId: model.id }, reader);
    expect(xlsx.fileName).toBe('report-ixl-2019-H1.xlsx');
    expect(xlsx.bytes.length).toBeGreaterThan(5000);
    const pdf = await jobFile(t.core, 'reports.pdf', { period: '2019-H1', modelId: model.id }, reader);
    expect(pdf.fileName).toBe('report-ixl-2019-H1.pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
