import { randomBytes } from 'node:crypto';
import type { BudgetOverview } from '../../contract/budget';
import type { Cell, KeyFigure, ReportModel, ReportSection, ReportTable } from '../../contract/reports';
import { monthLabel, monthsOf, previousPeriod, periodOf, type ReportPeriod } from '../../domain/reportPeriod';
import { todayIso } from '../../domain/dates';
import type { BandThresholds } from '../../domain/bands';
import type { Store } from '../../../db/connection';
import { overviewOf } from '../budget/overview';
import { readSettings } from '../system/settings';
import { decodePersonKey, factsSource, loadFacts, loadReference, type InterviewOutcome, type PeriodFacts, type ReportReference } from './facts';
import { linkedSuppression, trainingCat, type LinkedSuppression } from './linked';
import { plain, ROUNDING_BASE, roundedCount, share, shown, suppressDerived, type SuppressedBreakdown } from './suppression';
import { breakdownTable, figure, figuresTable, publicTable, type BuiltTable, type MeasureSpec, type RowSpec } from './tables';

/**
 * The report for the Tavolo di coordinamento (issue #6, DOMAIN.md §6), computed once for a period
 * with the previous comparable period beside it. The screen, the Excel workbook and the PDF render
 * this model and nothing else, so they always agree. Every count of people goes through the
 * suppression rules (suppression.ts) here; no name or identifier ever enters the model.
 */

export const PROGRAMME_NAME = 'Insieme per il lavoro';
export const ORGANISATION = 'Insieme per il lavoro';

// ---- labels ---------------------------------------------------------------------------------------

/** The outcomes of the first interview, labelled with the band thresholds in force (a setting). */
function interviewOutcomes(bands: BandThresholds): { key: InterviewOutcome; label: string }[] {
  return [
    { key: 'in_carico', label: 'Presi in carico (in target)' },
    { key: 'fragile', label: `Fuori target: persona fragile (> ${bands.fragileAbove} punti)` },
    { key: 'profilo_forte', label: `Fuori target: profilo forte (< ${bands.strongBelow} punti)` },
    { key: 'in_attesa', label: 'In attesa di decisione' },
  ];
}
const HIRE_KINDS = [
  { key: 'primo', label: 'Primo inserimento' },
  { key: 'nuovo_contratto', label: 'Nuovo contratto (persona già inserita)' },
  { key: 'proroga', label: 'Proroga' },
  { key: 'nd', label: 'Non indicato' },
];
const CONTRACTS = [
  { key: 'indeterminato', label: 'Tempo indeterminato' },
  { key: 'determinato', label: 'Tempo determinato' },
  { key: 'apprendistato', label: 'Apprendistato' },
  { key: 'intermittente', label: 'A chiamata / intermittente' },
  { key: 'somministrazione', label: 'Somministrazione' },
  { key: 'nd', label: 'Non indicato' },
];
const GENDERS = [
  { key: 'F', label: 'Donne' },
  { key: 'M', label: 'Uomini' },
];
const AGE_BANDS = [
  { key: 'u30', label: 'Meno di 30 anni' },
  { key: '30_49', label: '30–49 anni' },
  { key: '50_64', label: '50–64 anni' },
  { key: '65', label: '65 anni e oltre' },
  { key: 'nd', label: 'Età non indicata' },
];
const NATIONALITIES = [
  { key: 'IT', label: 'Italiana' },
  { key: 'UE', label: 'Unione europea' },
  { key: 'EXTRA_UE', label: 'Extra UE' },
  { key: 'nd', label: 'Non indicata' },
];
const ISCED = ['Nessun titolo', 'Licenza elementare', 'Licenza media', 'Diploma superiore / qualifica', 'Post-diploma', 'ITS', 'Laurea triennale', 'Laurea magistrale', 'Dottorato'];
const EDUCATION = [...ISCED.map((label, level) => ({ key: String(level), label: `${label} (ISCED ${level})` })), { key: 'nd', label: 'Non indicato' }];
const SIZES = [
  { key: 'micro', label: 'Micro (meno di 10 addetti)' },
  { key: 'piccola', label: 'Piccola (10–49 addetti)' },
  { key: 'media', label: 'Media (50–249 addetti)' },
  { key: 'grande', label: 'Grande (250 addetti e oltre)' },
  { key: 'nd', label: 'Non indicata' },
];
const OUTSIDE = { key: 'fuori', label: 'Fuori dalla Città metropolitana' };
const TRAINING_OUTCOMES = [
  { key: 'completati', label: 'Completati' },
  { key: 'non_completati', label: 'Non completati o interrotti' },
  { key: 'in_corso', label: 'In corso' },
  { key: 'esito_nd', label: 'Conclusi, esito non registrato' },
];
const SELF_EMPLOYMENT = [
  { key: 'proposti', label: 'Proposti, non ancora avviati' },
  { key: 'avviati', label: 'Avviati senza contributo' },
  { key: 'finanziati', label: 'Finanziati con contributo' },
];

const rowsOf = (items: { key: string; label: string }[]): RowSpec[] => items.map((i) => ({ key: i.key, labels: [i.label] }));
const valuesOf = (items: { key: string }[], counts: Map<string, number>): number[] => items.map((i) => counts.get(i.key) ?? 0);
function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function ageBand(age: number | null): string {
  if (age === null) return 'nd';
  if (age < 30) return 'u30';
  if (age < 50) return '30_49';
  if (age < 65) return '50_64';
  return '65';
}

// ---- people by attribute ----------------------------------------------------------------------------

interface PeopleCounts {
  gender: Map<string, number>;
  age: Map<string, number>;
  nationality: Map<string, number>;
  education: Map<string, number>;
  district: Map<string, number>;
  comune: Map<string, number>;
  total: number;
}

function peopleCounts(keys: Map<number, number>, districtOf: Map<string, string>): PeopleCounts {
  const c: PeopleCounts = { gender: new Map(), age: new Map(), nationality: new Map(), education: new Map(), district: new Map(), comune: new Map(), total: 0 };
  for (const [key, n] of keys) {
    const p = decodePersonKey(key);
    add(c.gender, p.woman ? 'F' : 'M', n);
    add(c.age, ageBand(p.age), n);
    add(c.nationality, p.nationality ?? 'nd', n);
    add(c.education, p.isced === null ? 'nd' : String(p.isced), n);
    const comune = p.comune ?? 'nd';
    add(c.comune, comune, n);
    add(c.district, comune === 'fuori' || comune === 'nd' ? comune : (districtOf.get(comune) ?? 'nd'), n);
    c.total += n;
  }
  return c;
}

// ---- the model --------------------------------------------------------------------------------------

export interface ModelInputs {
  id: string;
  generatedAt: string;
  period: ReportPeriod;
  previous: ReportPeriod | null;
  current: PeriodFacts;
  before: PeriodFacts | null;
  reference: ReportReference;
  budget: BudgetOverview;
  /** The L.R. 14 band thresholds in force, for the labels. */
  bands: BandThresholds;
  /** Small-cell suppression decided over all standard periods together; custom ranges are rounded instead. */
  linked: LinkedSuppression | null;
}

type Which = 'current' | 'previous';

function shortLabel(p: ReportPeriod): string {
  switch (p.kind) {
    case 'semestre':
      return `${p.code.endsWith('H1') ? '1°' : '2°'} sem. ${p.from.slice(0, 4)}`;
    case 'anno':
      return p.from.slice(0, 4);
    case 'intervallo':
      return `${p.from.slice(8, 10)}/${p.from.slice(5, 7)}/${p.from.slice(0, 4)}–${p.to.slice(8, 10)}/${p.to.slice(5, 7)}/${p.to.slice(0, 4)}`;
    case 'programma':
      return 'Dall’avvio';
  }
}

class Builder {
  readonly now: string;
  readonly prevShort: string | null;
  readonly curShort: string;
  readonly districtOf: Map<string, string>;

  constructor(readonly input: ModelInputs) {
    this.now = input.generatedAt;
    this.curShort = shortLabel(input.period);
    this.prevShort = input.previous ? shortLabel(input.previous) : null;
    this.districtOf = new Map(input.reference.comuni.map((c) => [c.istat, c.district]));
  }

  /** The standard period `which` (decided with all the others), or null for a custom range (rounded). */
  private standard(which: Which): string | null {
    const p = which === 'current' ? this.input.period : this.input.previous;
    return p && this.input.linked?.covers(p) ? p.code : null;
  }

  /** A count of people as published: protected with the standard periods, or rounded. */
  count(which: Which, value: number, decided: (l: LinkedSuppression, period: string) => Cell): Cell {
    const period = this.standard(which);
    return period ? decided(this.input.linked!, period) : roundedCount(value);
  }

  /** A breakdown of people in table `dim`: `names` of the rows' categories or groups (see linked.ts). */
  protect(dim: string, which: Which, names: readonly string[], values: readonly number[]): SuppressedBreakdown {
    const total = values.reduce((a, v) => a + v, 0);
    return {
      cells: names.map((n, i) => this.count(which, values[i]!, (l, p) => l.cell(dim, n, p, values[i]!))),
      total: this.count(which, total, (l, p) => l.total(dim, p, total)),
    };
  }

  /** True when the period is a custom range: its counts are rounded. */
  get rounded(): boolean {
    return this.standard('current') === null;
  }

  /** The measure of this period and, when there is one, the previous period's, protected as table `dim`. */
  measures(key: string, label: string, dim: string, names: readonly string[], current: number[], previous: number[] | null, withShare = true): MeasureSpec[] {
    const out: MeasureSpec[] = [
      { key, label, format: 'int', values: current, people: true, withShare, suppressed: this.protect(dim, 'current', names, current), rounded: this.rounded },
    ];
    if (previous && this.prevShort) {
      out.push({ key: `${key}_prec`, label: `${label} ${this.prevShort}`, format: 'int', values: previous, people: true, previous: true, suppressed: this.protect(dim, 'previous', names, previous), rounded: this.rounded });
    }
    return out;
  }

  /** A figure from a breakdown's cell, with the same cell of the previous period's breakdown. */
  cellFigure(key: string, label: string, table: BuiltTable, measure: string, rowKey: string | null, hint?: string): KeyFigure {
    const pick = (m: string): Cell | null => {
      const b = table.breakdowns.get(m);
      if (!b) return null;
      if (rowKey === null) return b.total;
      const rows = table.rows.map((r) => r.key);
      const i = rows.indexOf(rowKey);
      return i < 0 ? shown(0) : b.cells[i]!;
    };
    return figure(key, label, 'int', pick(measure) ?? shown(0), this.input.before ? pick(`${measure}_prec`) : null, hint);
  }

  // ---- Accesso e primo colloquio --------------------------------------------------------------------

  access(people: BuiltTable[]): ReportSection {
    const { current, before, reference } = this.input;
    const outcomeCounts = (f: PeriodFacts) => new Map(f.interviews.map((r) => [r.outcome as string, r.n]));
    const outcomeRows = interviewOutcomes(this.input.bands);
    const cur = valuesOf(outcomeRows, outcomeCounts(current));
    const prev = before ? valuesOf(outcomeRows, outcomeCounts(before)) : null;
    const outcomes = breakdownTable({
      key: 'esito_colloquio',
      title: 'Esito del primo colloquio',
      note: 'Persone al primo colloquio nel periodo, secondo la decisione presa dopo la valutazione L.R. 14/2015.',
      rowHeaders: ['Esito'],
      rows: rowsOf(outcomeRows),
      measures: this.measures('persone', 'Persone', 'I.outcomes', outcomeRows.map((o) => o.key), cur, prev),
      chart: { kind: 'bar', column: 'persone' },
    });
    const channelCounts = (f: PeriodFacts) => new Map(f.channels.map((r) => [r.code, r.n]));
    const channels = breakdownTable({
      key: 'canali',
      title: 'Iscrizioni per canale di accesso',
      rowHeaders: ['Canale'],
      rows: rowsOf(reference.channels.map((c) => ({ key: c.code, label: c.name }))),
      measures: this.measures('iscrizioni', 'Iscrizioni', 'R.channels', reference.channels.map((c) => c.code), valuesOf(reference.channels.map((c) => ({ key: c.code })), channelCounts(current)),
        before ? valuesOf(reference.channels.map((c) => ({ key: c.code })), channelCounts(before)) : null),
      chart: { kind: 'bar', column: 'iscrizioni' },
    });
    const outsideOf = (b: BuiltTable) => b; // the district table carries the «outside» cell
    const district = outsideOf(people.find((t) => t.key === 'distretto')!);
    const outOfTarget = (values: number[], which: Which) => {
      const v = values[1]! + values[2]!;
      return this.count(which, v, (l, p) => l.cell('I.outcomes', 'fuori_target', p, v));
    };
    const noShows = (f: PeriodFacts, which: Which) => this.count(which, f.noShowPeople, (l, p) => l.noShows(p, f.noShowPeople));
    const figures: KeyFigure[] = [
      this.cellFigure('iscritti', 'Iscrizioni', channels, 'iscrizioni', null, 'Domande di iscrizione presentate nel periodo'),
      this.cellFigure('colloqui', 'Primi colloqui', outcomes, 'persone', null),
      this.cellFigure('in_carico', 'Presi in carico (in target)', outcomes, 'persone', 'in_carico'),
      figure('fuori_target', 'Fuori target', 'int', outOfTarget(cur, 'current'), prev ? outOfTarget(prev, 'previous') : null, 'Persone fragili e profili forti, indirizzati ad altri servizi'),
      figure('mancate_presentazioni', 'Mancate presentazioni', 'int', noShows(current, 'current'), before ? noShows(before, 'previous') : null, 'Persone che nel periodo hanno mancato per la prima volta un appuntamento'),
      this.cellFigure('fuori_area', 'Domicilio fuori dalla Città metropolitana', district, 'iscritti', 'fuori'),
    ];
    return {
      key: 'accesso',
      title: 'Accesso e primo colloquio',
      description: 'Chi si è iscritto al programma, chi ha fatto il primo colloquio e con quale esito.',
      figures,
      tables: [figuresTable('accesso_cifre', 'Cifre del periodo', figures, this.curShort, this.prevShort), publicTable(outcomes), publicTable(channels)],
    };
  }

  // ---- Inserimenti lavorativi -----------------------------------------------------------------------

  placements(): { section: ReportSection; medianDays: KeyFigure } {
    const { current, before, period } = this.input;
    const by = (f: PeriodFacts, pick: (r: PeriodFacts['placements'][number]) => string) => {
      const m = new Map<string, number>();
      for (const r of f.placements) add(m, pick(r), r.n);
      return m;
    };
    const hk = (r: PeriodFacts['placements'][number]) => r.hireKind ?? 'nd';
    const ct = (r: PeriodFacts['placements'][number]) => r.contractType ?? 'nd';
    const hkCur = valuesOf(HIRE_KINDS, by(current, hk));
    const hkPrev = before ? valuesOf(HIRE_KINDS, by(before, hk)) : null;
    const kinds = breakdownTable({
      key: 'tipo_inserimento',
      title: 'Inserimenti per tipo',
      note: 'Primo inserimento della persona nel programma, nuovo contratto per chi era già stato inserito, proroga di un contratto in corso.',
      rowHeaders: ['Tipo di inserimento'],
      rows: rowsOf(HIRE_KINDS),
      measures: this.measures('inserimenti', 'Inserimenti', 'P.kinds', HIRE_KINDS.map((k) => k.key), hkCur, hkPrev),
      chart: { kind: 'bar', column: 'inserimenti' },
    });
    const contracts = breakdownTable({
      key: 'tipo_contratto',
      title: 'Inserimenti per tipo di contratto',
      rowHeaders: ['Contratto'],
      rows: rowsOf(CONTRACTS),
      measures: this.measures('inserimenti', 'Inserimenti', 'P.contracts', CONTRACTS.map((c) => c.key), valuesOf(CONTRACTS, by(current, ct)), before ? valuesOf(CONTRACTS, by(before, ct)) : null),
      chart: { kind: 'bar', column: 'inserimenti' },
    });
    const months = monthsOf(period);
    const monthCounts = by(current, (r) => r.month);
    const monthValues = months.map((m) => monthCounts.get(m) ?? 0);
    const placedTotal = monthValues.reduce((a, v) => a + v, 0);
    const monthly: SuppressedBreakdown = {
      cells: months.map((m, i) => this.count('current', monthValues[i]!, (l, p) => l.month(p, m, monthValues[i]!))),
      total: this.count('current', placedTotal, (l, p) => l.total('P.months', p, placedTotal)),
    };
    const series = breakdownTable({
      key: 'inserimenti_mese',
      title: 'Inserimenti per mese',
      rowHeaders: ['Mese'],
      rows: months.map((m) => ({ key: m, labels: [monthLabel(m)] })),
      measures: [{ key: 'inserimenti', label: 'Inserimenti', format: 'int', values: monthValues, people: true, suppressed: monthly, rounded: this.rounded }],
      chart: { kind: 'line', column: 'inserimenti' },
    });
    const sub = (values: number[] | null, which: Which, name: string, idx: number[]) => {
      if (!values) return null;
      const v = idx.reduce((a, i) => a + values[i]!, 0);
      return this.count(which, v, (l, p) => l.cell('P.kinds', name, p, v));
    };
    const total = kinds.breakdowns.get('inserimenti')!.total;
    const permanent = contracts.breakdowns.get('inserimenti')!.cells[0]!;
    const permanentBefore = before ? contracts.breakdowns.get('inserimenti_prec')!.cells[0]! : null;
    const permanentShare = figure('quota_indeterminato', 'Quota a tempo indeterminato', 'pct', share(permanent, total),
      permanentBefore ? share(permanentBefore, contracts.breakdowns.get('inserimenti_prec')!.total) : null);
    const median = (days: number[]) => {
      if (days.length === 0) return null;
      const sorted = [...days].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const medianDays = figure('giorni_mediani', 'Giorni dal colloquio all’inserimento (mediana)', 'days',
      suppressDerived(median(current.daysToPlacement), [], current.daysToPlacement.length),
      before ? suppressDerived(median(before.daysToPlacement), [], before.daysToPlacement.length) : null,
      'Per le persone al primo inserimento del loro percorso nel periodo');
    const figures: KeyFigure[] = [
      this.cellFigure('inserimenti', 'Inserimenti lavorativi', kinds, 'inserimenti', null),
      this.cellFigure('primi_inserimenti', 'Primi inserimenti', kinds, 'inserimenti', 'primo'),
      figure('inserimenti_ripetuti', 'Inserimenti ripetuti', 'int', sub(hkCur, 'current', 'ripetuti', [1, 2])!, sub(hkPrev, 'previous', 'ripetuti', [1, 2]),
        'Nuovi contratti e proroghe per persone già inserite'),
      figure('nuovi_contratti', 'Nuovi contratti', 'int', sub(hkCur, 'current', 'nuovi_contratti', [0, 1])!, sub(hkPrev, 'previous', 'nuovi_contratti', [0, 1])),
      this.cellFigure('proroghe', 'Proroghe', kinds, 'inserimenti', 'proroga'),
      permanentShare,
      medianDays,
    ];
    return {
      section: {
        key: 'inserimenti',
        title: 'Inserimenti lavorativi',
        description: 'Assunzioni avviate nel periodo: primi inserimenti e ripetuti, nuovi contratti e proroghe, tipo di contratto, andamento mese per mese.',
        figures,
        tables: [
          figuresTable('inserimenti_cifre', 'Cifre del periodo', figures, this.curShort, this.prevShort),
          publicTable(kinds),
          publicTable(contracts),
          publicTable(series),
        ],
      },
      medianDays,
    };
  }

  // ---- Formazione e percorsi --------------------------------------------------------------------------

  training(): ReportSection {
    const { current, before, reference } = this.input;
    const instrumentCounts = (f: PeriodFacts) => new Map(f.started.map((r) => [r.instrument, r.n]));
    const instruments = reference.instruments.map((i) => ({ key: i.code, label: i.name }));
    const started = breakdownTable({
      key: 'percorsi_strumento',
      title: 'Interventi avviati per strumento',
      rowHeaders: ['Strumento'],
      rows: rowsOf(instruments),
      measures: this.measures('avviati', 'Avviati', 'A.instruments', instruments.map((i) => i.key), valuesOf(instruments, instrumentCounts(current)), before ? valuesOf(instruments, instrumentCounts(before)) : null),
      chart: { kind: 'bar', column: 'avviati' },
    });
    const outcomeOf = (r: PeriodFacts['training'][number]) =>
      r.status === 'attivo' ? 'in_corso' : r.completed === 1 ? 'completati' : r.completed === 0 || r.status === 'interrotto' ? 'non_completati' : 'esito_nd';
    const outcomeCounts = (f: PeriodFacts) => {
      const m = new Map<string, number>();
      for (const r of f.training) add(m, outcomeOf(r), r.n);
      return m;
    };
    const oc = outcomeCounts(current);
    const ob = before ? outcomeCounts(before) : null;
    const outcomeRows = TRAINING_OUTCOMES.filter((o) => o.key !== 'esito_nd' || (oc.get(o.key) ?? 0) + (ob?.get(o.key) ?? 0) > 0);
    const outcomes = breakdownTable({
      key: 'esito_formazione',
      title: 'Percorsi formativi per esito',
      rowHeaders: ['Esito'],
      rows: rowsOf(outcomeRows),
      measures: this.measures('percorsi', 'Percorsi', 'F.training', outcomeRows.map((o) => `outcome:${o.key}`), valuesOf(outcomeRows, oc), ob ? valuesOf(outcomeRows, ob) : null),
      chart: { kind: 'bar', column: 'percorsi' },
    });
    const courses = new Map<string, { enrolled: number; completed: number }>();
    for (const r of current.training) {
      const name = r.course ?? 'Corso non indicato';
      const c = courses.get(name) ?? { enrolled: 0, completed: 0 };
      c.enrolled += r.n;
      if (outcomeOf(r) === 'completati') c.completed += r.n;
      courses.set(name, c);
    }
    const courseList = [...courses.entries()].sort(([a, x], [b, y]) => y.enrolled - x.enrolled || a.localeCompare(b, 'it'));
    const enrolled = courseList.map(([, c]) => c.enrolled);
    const completed = courseList.map(([, c]) => c.completed);
    const enrolledTotal = enrolled.reduce((a, v) => a + v, 0);
    const completedTotal = completed.reduce((a, v) => a + v, 0);
    // a course's rows are the training family's groups: its enrolments, and its completions
    const enrolledCells: SuppressedBreakdown = this.protect('F.training', 'current', courseList.map(([name]) => `course:${name}`), enrolled);
    const completedCells: SuppressedBreakdown = {
      cells: courseList.map(([name], i) => this.count('current', completed[i]!, (l, p) => l.cell('F.training', trainingCat(name, 'completati'), p, completed[i]!))),
      total: this.count('current', completedTotal, (l, p) => l.cell('F.training', 'outcome:completati', p, completedTotal)),
    };
    void enrolledTotal;
    const byCourse = breakdownTable({
      key: 'corsi',
      title: 'Corsi: iscrizioni e completamenti',
      rowHeaders: ['Corso'],
      rows: courseList.map(([name]) => ({ key: name, labels: [name] })),
      measures: [
        { key: 'iscrizioni', label: 'Iscrizioni', format: 'int', values: enrolled, people: true, suppressed: enrolledCells, rounded: this.rounded },
        { key: 'completati', label: 'Completati', format: 'int', values: completed, people: true, suppressed: completedCells, rounded: this.rounded },
      ],
    });
    const cell = (m: string, key: string) => {
      const b = outcomes.breakdowns.get(m);
      const i = outcomeRows.findIndex((o) => o.key === key);
      return b && i >= 0 ? b.cells[i]! : shown(0);
    };
    const rate = (m: string, counts: Map<string, number>) => {
      const done = cell(m, 'completati');
      const notDone = cell(m, 'non_completati');
      const finished = (counts.get('completati') ?? 0) + (counts.get('non_completati') ?? 0);
      if (done.flag !== null || notDone.flag !== null) return { value: null, flag: 'nd' as const };
      return finished > 0 ? shown((counts.get('completati') ?? 0) / finished) : { value: null, flag: null };
    };
    const figures: KeyFigure[] = [
      this.cellFigure('formazione', 'Percorsi formativi avviati', outcomes, 'percorsi', null, 'Iscrizioni ai corsi di orientamento e formazione professionale'),
      figure('corsi', 'Corsi frequentati', 'int', plain(courseList.length), before ? plain(new Set(before.training.map((r) => r.course ?? '')).size) : null),
      this.cellFigure('completati', 'Percorsi completati', outcomes, 'percorsi', 'completati'),
      figure('tasso_completamento', 'Tasso di completamento', 'pct', rate('percorsi', oc), ob ? rate('percorsi_prec', ob) : null, 'Completati sul totale dei percorsi conclusi'),
      this.cellFigure('tirocini', 'Tirocini avviati', started, 'avviati', 'tirocinio'),
    ];
    return {
      key: 'formazione',
      title: 'Formazione e percorsi',
      description: 'Percorsi formativi e corsi avviati nel periodo, con il loro esito; tutti gli interventi avviati per strumento.',
      figures,
      tables: [figuresTable('formazione_cifre', 'Cifre del periodo', figures, this.curShort, this.prevShort), publicTable(outcomes), publicTable(byCourse), publicTable(started)],
    };
  }

  // ---- Aziende ---------------------------------------------------------------------------------------

  companies(): ReportSection {
    const { current, before, reference } = this.input;
    const totals = (f: PeriodFacts) => {
      const t = { involved: 0, board: 0, collaborating: 0, hired: 0, isNew: 0 };
      for (const r of f.companies) {
        if (r.involved) t.involved += r.n;
        if (r.onBoard) t.board += r.n;
        if (r.involved && !r.onBoard) t.collaborating += r.n;
        if (r.hired) t.hired += r.n;
        if (r.isNew) t.isNew += r.n;
      }
      return t;
    };
    const cur = totals(current);
    const prev = before ? totals(before) : null;
    const fig = (key: keyof typeof cur, id: string, label: string, hint?: string) =>
      figure(id, label, 'int', plain(cur[key]), prev ? plain(prev[key]) : null, hint);
    const figures: KeyFigure[] = [
      fig('involved', 'aziende_coinvolte', 'Aziende coinvolte', 'Nel Board di imprese o con un tirocinio, un inserimento o un altro intervento nel periodo'),
      fig('board', 'aziende_board', 'Nel Board di imprese'),
      fig('collaborating', 'aziende_collaboranti', 'Collaboranti (non nel Board)'),
      fig('hired', 'aziende_assumono', 'Aziende che hanno assunto'),
      fig('isNew', 'aziende_nuove', 'Nuove aziende', 'Prima collaborazione con il programma nel periodo'),
    ];
    const grouped = (pick: (r: PeriodFacts['companies'][number]) => string, keys: { key: string; label: string }[]) => {
      const acc = new Map<string, { involved: number; board: number; hired: number; isNew: number }>();
      for (const r of current.companies) {
        if (!r.involved) continue;
        const k = pick(r);
        const a = acc.get(k) ?? { involved: 0, board: 0, hired: 0, isNew: 0 };
        a.involved += r.n;
        if (r.onBoard) a.board += r.n;
        if (r.hired) a.hired += r.n;
        if (r.isNew) a.isNew += r.n;
        acc.set(k, a);
      }
      const get = (k: string) => acc.get(k) ?? { involved: 0, board: 0, hired: 0, isNew: 0 };
      const measure = (key: 'involved' | 'board' | 'hired' | 'isNew', label: string): MeasureSpec => ({
        key, label, format: 'int', values: keys.map((k) => get(k.key)[key]), people: false,
      });
      return [measure('involved', 'Coinvolte'), measure('board', 'Nel Board'), measure('hired', 'Hanno assunto'), measure('isNew', 'Nuove')];
    };
    const atecoRows = [...reference.ateco.map((a) => ({ key: a.code, label: `${a.code} – ${a.name}` })), { key: 'nd', label: 'Settore non indicato' }];
    const byAteco = breakdownTable({
      key: 'aziende_ateco',
      title: 'Aziende coinvolte per settore (ATECO)',
      rowHeaders: ['Settore'],
      rows: rowsOf(atecoRows),
      measures: grouped((r) => r.ateco ?? 'nd', atecoRows),
      dropEmptyRows: true,
      chart: { kind: 'bar', column: 'involved' },
    });
    const bySize = breakdownTable({
      key: 'aziende_dimensione',
      title: 'Aziende coinvolte per dimensione',
      rowHeaders: ['Dimensione'],
      rows: rowsOf(SIZES),
      measures: grouped((r) => r.size ?? 'nd', SIZES),
      chart: { kind: 'bar', column: 'involved' },
    });
    return {
      key: 'aziende',
      title: 'Aziende',
      description: 'Le aziende del Board di imprese e quelle che hanno collaborato nel periodo, per settore e dimensione.',
      figures,
      tables: [figuresTable('aziende_cifre', 'Cifre del periodo', figures, this.curShort, this.prevShort), publicTable(byAteco), publicTable(bySize)],
    };
  }

  // ---- Le persone ------------------------------------------------------------------------------------

  people(): BuiltTable[] {
    const { current, before, reference } = this.input;
    const reg = peopleCounts(current.registered, this.districtOf);
    const placed = peopleCounts(current.placed, this.districtOf);
    const regBefore = before ? peopleCounts(before.registered, this.districtOf) : null;
    // one table per attribute, each protected with its family (R.* registrations, P.* placements);
    // districts and comuni are one family (a district is the group of its comuni)
    const table = (key: string, title: string, header: string, items: { key: string; label: string }[], attribute: string, pick: (c: PeopleCounts) => Map<string, number>, opts: { chart?: boolean; dropEmpty?: boolean; names?: string[] } = {}) => {
      const names = opts.names ?? items.map((i) => i.key);
      const measure = (mkey: string, label: string, family: 'R' | 'P', which: Which, counts: PeopleCounts, extra: Partial<MeasureSpec>): MeasureSpec => {
        const values = valuesOf(items, pick(counts));
        return { key: mkey, label, format: 'int', values, people: true, suppressed: this.protect(`${family}.${attribute}`, which, names, values), rounded: this.rounded, ...extra };
      };
      return breakdownTable({
        key,
        title,
        rowHeaders: [header],
        rows: rowsOf(items),
        measures: [
          measure('iscritti', 'Iscrizioni', 'R', 'current', reg, { withShare: true }),
          measure('inserimenti', 'Inserimenti', 'P', 'current', placed, {}),
          ...(regBefore && this.prevShort ? [measure('iscritti_prec', `Iscrizioni ${this.prevShort}`, 'R', 'previous', regBefore, { previous: true })] : []),
        ],
        chart: opts.chart === false ? undefined : { kind: 'bar', column: 'iscritti' },
        dropEmptyRows: opts.dropEmpty,
      });
    };
    const districts = [...reference.districts.map((d) => ({ key: d.code, label: d.name })), OUTSIDE, { key: 'nd', label: 'Domicilio non indicato' }];
    const comuni = [...reference.comuni.map((c) => ({ key: c.istat, label: c.name })), OUTSIDE, { key: 'nd', label: 'Domicilio non indicato' }];
    const districtNames = districts.map((d) => (d.key === 'fuori' || d.key === 'nd' ? d.key : `district:${d.key}`));
    return [
      table('genere', 'Per genere', 'Genere', GENDERS, 'gender', (c) => c.gender),
      table('eta', 'Per fascia d’età', 'Fascia d’età', AGE_BANDS, 'age', (c) => c.age),
      table('cittadinanza', 'Per cittadinanza', 'Cittadinanza', NATIONALITIES, 'nationality', (c) => c.nationality),
      table('istruzione', 'Per titolo di studio', 'Titolo di studio', EDUCATION, 'education', (c) => c.education),
      table('distretto', 'Per distretto di domicilio', 'Distretto', districts, 'territory', (c) => c.district, { names: districtNames }),
      table('comune', 'Per comune di domicilio', 'Comune', comuni, 'territory', (c) => c.comune, { chart: false, dropEmpty: true }),
    ];
  }

  peopleSection(tables: BuiltTable[]): ReportSection {
    const gender = tables[0]!;
    const figures = [
      this.cellFigure('persone_iscritte', 'Iscrizioni', gender, 'iscritti', null),
      this.cellFigure('donne', 'Iscrizioni di donne', gender, 'iscritti', 'F'),
      figure('persone_inserite', 'Inserimenti', 'int', gender.breakdowns.get('inserimenti')!.total, null),
    ];
    return {
      key: 'persone',
      title: 'Le persone',
      description: 'Chi si è iscritto nel periodo e chi è stato inserito al lavoro, per genere, età (compiuta nell’anno dell’iscrizione o dell’inserimento: conta solo l’anno di nascita), cittadinanza, titolo di studio e territorio di domicilio.',
      figures,
      tables: tables.map(publicTable),
    };
  }

  // ---- Autoimpiego -----------------------------------------------------------------------------------

  selfEmployment(): ReportSection {
    const { current, before } = this.input;
    const counts = (f: PeriodFacts) => {
      const m = new Map<string, number>();
      let grants = 0;
      for (const r of f.selfEmployment) {
        const key = r.status === 'proposto' ? 'proposti' : r.granted ? 'finanziati' : 'avviati';
        add(m, key, r.n);
        if (key === 'finanziati') grants += r.grantCents;
      }
      return { m, grants };
    };
    const cur = counts(current);
    const prev = before ? counts(before) : null;
    const curValues = valuesOf(SELF_EMPLOYMENT, cur.m);
    const prevValues = prev ? valuesOf(SELF_EMPLOYMENT, prev.m) : null;
    const table = breakdownTable({
      key: 'autoimpiego_stato',
      title: 'Progetti di autoimpiego',
      rowHeaders: ['Stato del progetto'],
      rows: rowsOf(SELF_EMPLOYMENT),
      measures: this.measures('progetti', 'Progetti', 'S.status', SELF_EMPLOYMENT.map((x) => x.key), curValues, prevValues),
      chart: { kind: 'bar', column: 'progetti' },
    });
    const funded = (m: string) => table.breakdowns.get(m)!.cells[2]!;
    // euros paid to people add up over periods like counts: decided with the standard periods; a custom
    // range could be differenced against them, so it does not show them
    const euros = (which: Which, kind: 'grants' | 'paid', cents: number, derived: Cell): Cell => {
      const period = this.standard(which);
      if (!period) return cents === 0 ? shown(0) : { value: null, flag: 'nd' };
      if (derived.flag !== null) return derived;
      return this.input.linked!.euros(kind, period, cents);
    };
    const started = (values: number[], which: Which) => {
      const v = values[1]! + values[2]!;
      return this.count(which, v, (l, p) => l.cell('S.status', 'group:avviati', p, v));
    };
    const figures: KeyFigure[] = [
      this.cellFigure('autoimpiego_proposti', 'Progetti proposti', table, 'progetti', null),
      figure('autoimpiego_avviati', 'Progetti avviati', 'int', started(curValues, 'current'), prevValues ? started(prevValues, 'previous') : null),
      this.cellFigure('autoimpiego_finanziati', 'Progetti finanziati', table, 'progetti', 'finanziati'),
      figure('autoimpiego_contributi', 'Contributi concessi', 'euro', euros('current', 'grants', cur.grants, suppressDerived(cur.grants, [funded('progetti')], curValues[2]!)),
        prev && prevValues ? euros('previous', 'grants', prev.grants, suppressDerived(prev.grants, [funded('progetti_prec')], prevValues[2]!)) : null, 'Contributi dei progetti finanziati avviati nel periodo'),
      figure('autoimpiego_liquidato', 'Contributi liquidati nel periodo', 'euro',
        euros('current', 'paid', current.selfEmploymentPaid.cents, suppressDerived(current.selfEmploymentPaid.cents, [], current.selfEmploymentPaid.people)),
        before ? euros('previous', 'paid', before.selfEmploymentPaid.cents, suppressDerived(before.selfEmploymentPaid.cents, [], before.selfEmploymentPaid.people)) : null,
        'Liquidazioni del periodo sugli impegni per progetti di autoimpiego'),
    ];
    return {
      key: 'autoimpiego',
      title: 'Autoimpiego',
      description: 'Progetti d’impresa proposti, avviati e finanziati nel periodo; contributi concessi e liquidati.',
      figures,
      tables: [figuresTable('autoimpiego_cifre', 'Cifre del periodo', figures, this.curShort, this.prevShort), publicTable(table)],
    };
  }

  // ---- Risorse e bilancio -------------------------------------------------------------------------

  budget(): ReportSection {
    const { budget, period } = this.input;
    const fromYear = Number(period.from.slice(0, 4));
    const toYear = Number(period.to.slice(0, 4));
    const inPeriod = budget.rows.filter((r) => period.kind === 'programma' || (r.year >= fromYear && r.year <= toYear));
    const fundName = new Map(budget.funds.map((f) => [f.fundId, f.name]));
    const funds = budget.funds.filter((f) => inPeriod.some((r) => r.fundId === f.fundId));
    const sums = (rows: typeof inPeriod) =>
      rows.reduce((a, r) => ({ allocated: a.allocated + r.allocatedCents, committed: a.committed + r.committedCents, paid: a.paid + r.paidCents }), {
        allocated: 0,
        committed: 0,
        paid: 0,
      });
    const money = (key: string, label: string, values: number[]): MeasureSpec => ({ key, label, format: 'euro', values, people: false });
    const pctColumn = (committed: number[], allocated: number[]) => committed.map((c, i) => (allocated[i]! > 0 ? c / allocated[i]! : null));
    const fundSums = funds.map((f) => sums(inPeriod.filter((r) => r.fundId === f.fundId)));
    const runOut = (f: BudgetOverview['funds'][number]): string =>
      f.runOutStatus === 'previsto' && f.projectedRunOut ? f.projectedRunOut : f.runOutStatus === 'esaurito' ? 'Esaurito' : 'Nessun impegno recente';
    const byFund = breakdownTable({
      key: 'bilancio_fondi',
      title: 'Fondi',
      note: period.kind === 'programma' ? undefined : `Assegnazioni degli anni ${fromYear === toYear ? fromYear : `${fromYear}–${toYear}`}; la dotazione è quella dell’intero fondo.`,
      rowHeaders: ['Fondo'],
      rows: funds.map((f) => ({ key: String(f.fundId), labels: [f.name] })),
      measures: [
        money('dotazione', 'Dotazione', funds.map((f) => f.amountCents)),
        money('assegnato', 'Assegnato', fundSums.map((s) => s.allocated)),
        money('impegnato', 'Impegnato', fundSums.map((s) => s.committed)),
        money('liquidato', 'Liquidato', fundSums.map((s) => s.paid)),
        money('disponibile', 'Disponibile', fundSums.map((s) => s.allocated - s.committed)),
      ],
      chart: { kind: 'bar', column: 'impegnato' },
    });
    addPercentColumn(byFund, 'utilizzo', '% impegnato', pctColumn(fundSums.map((s) => s.committed), fundSums.map((s) => s.allocated)));
    byFund.columns.push({ key: 'esaurimento', label: 'Esaurimento previsto', format: 'date', total: 'none' });
    byFund.rows.forEach((r, i) => r.cells.push({ value: null, flag: null, text: runOut(funds[i]!) }));
    byFund.total!.cells.push({ value: null, flag: null, text: '' });

    const lines = breakdownTable({
      key: 'bilancio_voci',
      title: 'Per fondo, voce di spesa e anno',
      rowHeaders: ['Fondo', 'Voce di spesa', 'Anno'],
      rows: inPeriod.map((r) => ({ key: String(r.allocationId), labels: [fundName.get(r.fundId) ?? '', r.lineName, String(r.year)] })),
      measures: [
        money('assegnato', 'Assegnato', inPeriod.map((r) => r.allocatedCents)),
        money('impegnato', 'Impegnato', inPeriod.map((r) => r.committedCents)),
        money('liquidato', 'Liquidato', inPeriod.map((r) => r.paidCents)),
        money('disponibile', 'Disponibile', inPeriod.map((r) => r.allocatedCents - r.committedCents)),
      ],
    });
    addPercentColumn(lines, 'utilizzo', '% impegnato', pctColumn(inPeriod.map((r) => r.committedCents), inPeriod.map((r) => r.allocatedCents)));

    const t = sums(inPeriod);
    const figures: KeyFigure[] = [
      figure('assegnato', 'Risorse assegnate', 'euro', plain(t.allocated), null),
      figure('impegnato', 'Impegnato', 'euro', plain(t.committed), null),
      figure('liquidato', 'Liquidato', 'euro', plain(t.paid), null),
      figure('disponibile', 'Disponibile', 'euro', plain(t.allocated - t.committed), null),
      figure('utilizzo', 'Quota impegnata', 'pct', t.allocated > 0 ? shown(t.committed / t.allocated) : { value: null, flag: null }, null),
    ];
    return {
      key: 'bilancio',
      title: 'Risorse e bilancio',
      description: `Fondi, assegnazioni per voce di spesa e anno, impegni e liquidazioni: situazione contabile alla data di emissione. Esaurimento previsto al ritmo degli impegni dei 12 mesi fino al ${budget.asOf.slice(8, 10)}/${budget.asOf.slice(5, 7)}/${budget.asOf.slice(0, 4)}.`,
      figures,
      tables: [publicTable(byFund), publicTable(lines)],
    };
  }

  build(): ReportModel {
    const { input } = this;
    const peopleTables = this.people();
    const access = this.access(peopleTables);
    const { section: placements } = this.placements();
    const training = this.training();
    const companies = this.companies();
    const people = this.peopleSection(peopleTables);
    const self = this.selfEmployment();
    const budget = this.budget();
    const sections = [access, placements, training, companies, people, self, budget];
    const find = (key: string) => sections.flatMap((s) => s.figures).find((f) => f.key === key)!;
    const summary = [
      'iscritti', 'colloqui', 'in_carico', 'fuori_target', 'inserimenti', 'primi_inserimenti', 'quota_indeterminato', 'giorni_mediani',
      'formazione', 'tasso_completamento', 'aziende_coinvolte', 'aziende_board', 'aziende_assumono', 'autoimpiego_finanziati', 'impegnato', 'utilizzo',
    ].map(find);
    return {
      id: input.id,
      programme: PROGRAMME_NAME,
      organisation: ORGANISATION,
      period: input.period,
      previous: input.previous,
      periodShort: this.curShort,
      previousShort: this.prevShort,
      generatedAt: input.generatedAt,
      issuedOn: todayIso(new Date(input.generatedAt)),
      summary,
      sections,
      notes: [
        'Solo dati aggregati: nessun nome né codice identificativo. Le celle che contano 1 o 2 persone sono indicate con «<3»; «n.d.» indica un dato non divulgato perché permetterebbe di ricalcolare una cella nascosta (anche confrontando questo report con quelli degli altri semestri, anni o dell’intero programma), oppure una cella inferiore a 3 che lo stesso «<3» renderebbe ricalcolabile.',
        ...(this.rounded
          ? [`Periodo personalizzato: i conteggi di persone sono arrotondati a multipli di ${ROUNDING_BASE} (da 1 a 7 persone si legge ${ROUNDING_BASE}) e i totali sono arrotondati a parte, quindi possono differire dalla somma delle righe; i contributi in euro non sono indicati. Così il confronto con altri periodi non permette di ricavare dati di singole persone.`]
          : []),
        'Iscrizioni: domande presentate nel periodo (una persona che si iscrive due volte nel periodo è contata due volte). Primi colloqui: casi con il primo colloquio nel periodo, per esito della valutazione.',
        'Inserimenti: assunzioni avviate nel periodo (in corso, concluse o interrotte). Interventi avviati: percorsi iniziati nel periodo, proposte escluse.',
        'Età compiuta nell’anno dell’iscrizione o dell’inserimento (conta solo l’anno di nascita). Territorio: comune di domicilio e distretto socio-sanitario.',
      ],
    };
  }
}

/** Adds a share column computed from two money columns (not people: no suppression). */
function addPercentColumn(table: BuiltTable, key: string, label: string, values: (number | null)[]): void {
  table.columns.push({ key, label, format: 'pct', total: 'value' });
  table.rows.forEach((r, i) => r.cells.push({ value: values[i] ?? null, flag: null }));
  const cells = table.total!.cells;
  const allocated = cells[table.columns.findIndex((c) => c.key === 'assegnato')]?.value ?? 0;
  const committed = cells[table.columns.findIndex((c) => c.key === 'impegnato')]?.value ?? 0;
  cells.push({ value: allocated > 0 ? committed / allocated : null, flag: null });
}

export function buildModel(input: ModelInputs): ReportModel {
  return new Builder(input).build();
}

/** Computes the report of a period from the database. */
export async function computeReportModel(store: Store, periodText: string, now: Date = new Date()): Promise<ReportModel> {
  const today = todayIso(now);
  const period = periodOf(periodText, today);
  const previous = previousPeriod(period);
  const source = factsSource(store);
  const reference = await loadReference(store.db);
  const current = await loadFacts(source, period);
  const before = previous ? await loadFacts(source, previous) : null;
  const budget = await overviewOf(store.db, {}, today);
  const settings = await readSettings(store);
  const bands = { fragileAbove: settings.bandFragileAbove, strongBelow: settings.bandStrongBelow };
  const linked = await linkedSuppression(store, reference, today);
  return buildModel({ id: randomBytes(9).toString('base64url'), generatedAt: now.toISOString(), period, previous, current, before, reference, budget, bands, linked });
}

export type { ReportTable };
