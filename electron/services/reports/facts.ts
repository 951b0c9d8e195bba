import type BetterSqlite3 from 'better-sqlite3';
import { REPORT_PERSON_KEY, reportDayNumber } from '../../../db/migrations/009_reports';
import { sortDistricts } from '../../domain/districts';

/**
 * What the report counts, read from the database for one period [from, to] (inclusive days), already
 * aggregated by SQL or reduced to compact integer keys: no row of a person leaves this module, only
 * counts by attribute. The model (model.ts) turns these into the report's tables and suppresses small
 * cells. Raw prepared statements over the covering indexes of migration 009: on the xl database the
 * programme to date is ~100,000 cases and ~300,000 interventions.
 *
 * What is counted (one definition each, used by screen, Excel and PDF alike):
 * - registrations: cases whose application date is in the period; their person's attributes (age in
 *   the year of the application: only the birth year counts);
 * - first interviews: cases whose first interview is in the period, by the routing decision: taken in
 *   charge (in target: in carico, in percorso or later concluso), out of target by reason, or waiting;
 * - no-shows: people with a missed appointment in the period;
 * - placements: interventions «inserimento» that started in the period (active, ended or interrupted);
 * - days to placement: for each case whose first placement started in the period, the days from its
 *   first interview to that start;
 * - training: «formazione» interventions that started in the period, by course and outcome;
 * - companies: involved = hosting or employing someone during the period, or on the Board di imprese
 *   during it; hiring = a placement started in the period; new = first collaboration in the period.
 */

/** Interventions that took place: a proposed one has not started. */
export const STARTED_STATUSES = ['attivo', 'concluso', 'interrotto'] as const;
const STARTED_SQL = `('attivo', 'concluso', 'interrotto')`;

/**
 * A person's attributes packed in one integer: the index part (REPORT_PERSON_KEY, migration 009) with
 * the age on day `dayColumn` in bits 1–7 (127 unknown), from YYYYMMDD integers read from the indexes.
 * The age is the one reached in the year of the event (event year − birth year): only the birth year
 * counts, because anonymised people keep only that (services/system/anonymisation.ts), and a report
 * must give the same figures before and after an anonymisation.
 */
const PERSON_KEY = (dayColumn: string) =>
  `(${REPORT_PERSON_KEY} | (coalesce(min(max(${reportDayNumber(dayColumn)} / 10000 - ${reportDayNumber('birth_date')} / 10000, 0), 126), 127) << 1))`;

export const OUTSIDE_METRO_CODE = 1023;

export interface PersonKey {
  woman: boolean;
  age: number | null;
  nationality: 'IT' | 'UE' | 'EXTRA_UE' | null;
  isced: number | null;
  /** ISTAT code of the comune ('037006'), 'fuori' outside the Città metropolitana, or null. */
  comune: string | null;
}

const NATIONALITIES = [null, 'IT', 'UE', 'EXTRA_UE'] as const;

export function decodePersonKey(key: number): PersonKey {
  const age = (key >> 1) & 127;
  const isced = (key >> 10) & 15;
  const comune = (key >> 14) & 1023;
  return {
    woman: (key & 1) === 1,
    age: age === 127 ? null : age,
    nationality: NATIONALITIES[(key >> 8) & 3] ?? null,
    isced: isced === 15 ? null : isced,
    comune: comune === 0 ? null : comune === OUTSIDE_METRO_CODE ? 'fuori' : String(37000 + comune).padStart(6, '0'),
  };
}

export type InterviewOutcome = 'in_carico' | 'fragile' | 'profilo_forte' | 'in_attesa';

export interface PeriodFacts {
  from: string;
  to: string;
  /** Registrations: packed person key → count. */
  registered: Map<number, number>;
  /** Registrations by channel. */
  channels: { code: string; n: number }[];
  /** First interviews by routing outcome. */
  interviews: { outcome: InterviewOutcome; n: number }[];
  /** Cases (people) whose first missed appointment is in the period. */
  noShowPeople: number;
  /** Placements by month ('YYYY-MM'), hire kind and contract type. */
  placements: { month: string; hireKind: string | null; contractType: string | null; n: number }[];
  /** Placements: packed person key (age in the year of the start) → count. */
  placed: Map<number, number>;
  /** Days from the first interview to the case's first placement, for the first placements in the period. */
  daysToPlacement: number[];
  /** Interventions started in the period, by instrument. */
  started: { instrument: string; n: number }[];
  /** Training started in the period by course, status and completion. */
  training: { course: string | null; status: string; completed: number | null; n: number }[];
  /** Self-employment projects started in the period (proposals included), by status and whether a grant was given. */
  selfEmployment: { status: string; granted: number; n: number; grantCents: number }[];
  /** Payments in the period on commitments for self-employment projects. */
  selfEmploymentPaid: { cents: number; people: number };
  /** Companies by ATECO section, size and role in the period. */
  companies: { ateco: string | null; size: string | null; involved: number; hired: number; onBoard: number; isNew: number; n: number }[];
}

const SQL = {
  registered: `SELECT ${PERSON_KEY('application_date')} AS k
    FROM cases c INDEXED BY ix_cases_report_application JOIN people p INDEXED BY ix_people_report ON p.id = c.person_id
    WHERE c.application_date BETWEEN @from AND @to`,
  channels: `SELECT channel_code AS code, count(*) AS n FROM cases INDEXED BY ix_cases_report_channel
    WHERE application_date BETWEEN @from AND @to GROUP BY channel_code`,
  interviews: `SELECT status, out_of_target_reason AS reason, count(*) AS n FROM cases INDEXED BY ix_cases_report_interview
    WHERE first_interview_date IS NOT NULL AND first_interview_date BETWEEN @from AND @to GROUP BY status, out_of_target_reason`,
  // each case counted once, in the period of its first missed appointment: so a year is the sum of its
  // half-years and the figures of linked periods add up (suppression across periods relies on it)
  noShows: `SELECT count(*) AS n FROM (SELECT min(scheduled_on) AS first FROM case_no_shows INDEXED BY ix_case_no_shows_case GROUP BY case_id)
    WHERE first BETWEEN @from AND @to`,
  firstNoShows: `SELECT min(scheduled_on) AS first FROM case_no_shows INDEXED BY ix_case_no_shows_case GROUP BY case_id`,
  placements: `SELECT substr(start_date, 1, 7) AS month, hire_kind AS hireKind, contract_type AS contractType, count(*) AS n
    FROM interventions INDEXED BY ix_interventions_report
    WHERE instrument_code = 'inserimento' AND start_date BETWEEN @from AND @to AND status IN ${STARTED_SQL}
    GROUP BY month, hire_kind, contract_type`,
  placed: `SELECT ${PERSON_KEY('start_date')} AS k
    FROM interventions i INDEXED BY ix_interventions_report JOIN people p INDEXED BY ix_people_report ON p.id = i.person_id
    WHERE i.instrument_code = 'inserimento' AND i.start_date BETWEEN @from AND @to AND i.status IN ${STARTED_SQL}`,
  days: `WITH first_placement AS MATERIALIZED (
      SELECT case_id, min(start_date) AS day FROM interventions INDEXED BY ix_interventions_report
      WHERE instrument_code = 'inserimento' AND status IN ${STARTED_SQL} GROUP BY case_id
    )
    SELECT CAST(julianday(f.day) - julianday(c.first_interview_date) AS INTEGER) AS days
    FROM first_placement f JOIN cases c ON c.id = f.case_id
    WHERE f.day BETWEEN @from AND @to AND c.first_interview_date IS NOT NULL AND c.first_interview_date <= f.day`,
  started: `SELECT instrument_code AS instrument, count(*) AS n FROM interventions INDEXED BY ix_interventions_instrument
    WHERE instrument_code IN (SELECT code FROM instruments) AND status IN ${STARTED_SQL} AND start_date BETWEEN @from AND @to
    GROUP BY instrument_code`,
  training: `SELECT course_name AS course, status, completed, count(*) AS n FROM interventions INDEXED BY ix_interventions_report_training
    WHERE instrument_code = 'formazione' AND start_date BETWEEN @from AND @to AND status IN ${STARTED_SQL}
    GROUP BY course_name, status, completed`,
  selfEmployment: `SELECT status, coalesce(grant_cents, 0) > 0 AS granted, count(*) AS n, coalesce(sum(grant_cents), 0) AS grantCents
    FROM interventions INDEXED BY ix_interventions_report
    WHERE instrument_code = 'autoimpiego' AND start_date BETWEEN @from AND @to GROUP BY status, granted`,
  selfEmploymentPaid: `SELECT coalesce(sum(pay.amount_cents), 0) AS cents, count(DISTINCT i.person_id) AS people
    FROM interventions i INDEXED BY ix_interventions_report CROSS JOIN commitments cm CROSS JOIN payments pay
    WHERE i.instrument_code = 'autoimpiego' AND cm.intervention_id = i.id AND pay.commitment_id = cm.id AND pay.paid_on BETWEEN @from AND @to`,
  companies: `WITH act AS (
      SELECT company_id,
        max(start_date <= @to AND coalesce(end_date, '9999-12-31') >= @from) AS involved,
        max(instrument_code = 'inserimento' AND start_date BETWEEN @from AND @to) AS hired,
        min(start_date) AS first_start
      FROM interventions INDEXED BY ix_interventions_report_company
      WHERE company_id IS NOT NULL AND status IN ('attivo', 'concluso', 'interrotto')
      GROUP BY company_id
    ), board AS (
      SELECT company_id, max(since <= @to AND coalesce(until, '9999-12-31') >= @from) AS on_board, min(since) AS first_since
      FROM board_memberships GROUP BY company_id
    ), roles AS (
      SELECT co.ateco_section AS ateco, co.size_band AS size, coalesce(act.involved, 0) AS worked, coalesce(act.hired, 0) AS hired,
        coalesce(board.on_board, 0) AS onBoard,
        coalesce(min(act.first_start, board.first_since), act.first_start, board.first_since) BETWEEN @from AND @to AS isNew
      FROM companies co LEFT JOIN act ON act.company_id = co.id LEFT JOIN board ON board.company_id = co.id
      WHERE act.company_id IS NOT NULL OR board.company_id IS NOT NULL
    )
    SELECT ateco, size, max(worked, onBoard) AS involved, hired, onBoard, isNew, count(*) AS n FROM roles
    WHERE worked OR onBoard OR isNew GROUP BY 1, 2, 3, 4, 5, 6`,
};

type Statements = Record<keyof typeof SQL, BetterSqlite3.Statement>;
const cache = new WeakMap<BetterSqlite3.Database, Statements>();
function statements(db: BetterSqlite3.Database): Statements {
  let found = cache.get(db);
  if (!found) {
    found = Object.fromEntries(Object.entries(SQL).map(([k, s]) => [k, db.prepare(s)])) as Statements;
    found.registered.pluck(true);
    found.placed.pluck(true);
    found.days.pluck(true);
    found.firstNoShows.pluck(true);
    cache.set(db, found);
  }
  return found;
}

/**
 * The routing decision after the first interview, from the case's status: taken in charge (in carico,
 * in percorso, or concluded after those: a case reaches «concluso» after an interview only through
 * «in carico»), out of target by reason, or still waiting («valutato»).
 */
export function interviewOutcome(status: string, reason: string | null): InterviewOutcome {
  if (status === 'fuori_target') return reason === 'fragile' ? 'fragile' : 'profilo_forte';
  if (status === 'in_carico' || status === 'in_percorso' || status === 'concluso') return 'in_carico';
  return 'in_attesa';
}

function interviewOutcomes(rows: { status: string; reason: string | null; n: number }[]): PeriodFacts['interviews'] {
  const counts = new Map<InterviewOutcome, number>();
  for (const r of rows) {
    const outcome = interviewOutcome(r.status, r.reason);
    counts.set(outcome, (counts.get(outcome) ?? 0) + r.n);
  }
  return [...counts].map(([outcome, n]) => ({ outcome, n }));
}

function tally(keys: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** Every fact of one period, read in one transaction (all figures see the same data). */
export function loadFacts(db: BetterSqlite3.Database, period: { from: string; to: string }): PeriodFacts {
  const s = statements(db);
  const p = { from: period.from, to: period.to };
  const read = db.transaction(
    (): PeriodFacts => ({
      from: p.from,
      to: p.to,
      registered: tally(s.registered.all(p) as number[]),
      channels: s.channels.all(p) as PeriodFacts['channels'],
      interviews: interviewOutcomes(s.interviews.all(p) as { status: string; reason: string | null; n: number }[]),
      noShowPeople: (s.noShows.get(p) as { n: number }).n,
      placements: s.placements.all(p) as PeriodFacts['placements'],
      placed: tally(s.placed.all(p) as number[]),
      daysToPlacement: s.days.all(p) as number[],
      started: s.started.all(p) as PeriodFacts['started'],
      training: s.training.all(p) as PeriodFacts['training'],
      selfEmployment: s.selfEmployment.all(p) as PeriodFacts['selfEmployment'],
      selfEmploymentPaid: s.selfEmploymentPaid.get(p) as PeriodFacts['selfEmploymentPaid'],
      companies: s.companies.all(p) as PeriodFacts['companies'],
    }),
  );
  return read.deferred();
}

/** The counts of people only (what small-cell suppression protects), for one piece of time. */
export type CountFacts = Omit<PeriodFacts, 'daysToPlacement' | 'companies'>;

/** `noShows: false` leaves them at 0 (firstNoShows reads them for many periods at once). */
export function loadCounts(db: BetterSqlite3.Database, period: { from: string; to: string }, opts: { noShows?: boolean } = {}): CountFacts {
  const s = statements(db);
  const p = { from: period.from, to: period.to };
  const read = db.transaction(
    (): CountFacts => ({
      from: p.from,
      to: p.to,
      registered: tally(s.registered.all(p) as number[]),
      channels: s.channels.all(p) as PeriodFacts['channels'],
      interviews: interviewOutcomes(s.interviews.all(p) as { status: string; reason: string | null; n: number }[]),
      noShowPeople: opts.noShows === false ? 0 : (s.noShows.get(p) as { n: number }).n,
      placements: s.placements.all(p) as PeriodFacts['placements'],
      placed: tally(s.placed.all(p) as number[]),
      started: s.started.all(p) as PeriodFacts['started'],
      training: s.training.all(p) as PeriodFacts['training'],
      selfEmployment: s.selfEmployment.all(p) as PeriodFacts['selfEmployment'],
      selfEmploymentPaid: s.selfEmploymentPaid.get(p) as PeriodFacts['selfEmploymentPaid'],
    }),
  );
  return read.deferred();
}

/** The day of each case's first missed appointment. */
export function firstNoShows(db: BetterSqlite3.Database): string[] {
  return statements(db).firstNoShows.all() as string[];
}

/** The people paid for self-employment in a period (not additive: one person may be paid in two periods). */
export function selfEmploymentPaidPeople(db: BetterSqlite3.Database, period: { from: string; to: string }): number {
  return (statements(db).selfEmploymentPaid.get({ from: period.from, to: period.to }) as PeriodFacts['selfEmploymentPaid']).people;
}

/** The first and last year of the applications (null on an empty database): what the standard periods span. */
export function dataYears(db: BetterSqlite3.Database): { first: number; last: number } | null {
  const row = db.prepare('SELECT min(application_date) AS first, max(application_date) AS last FROM cases').get() as { first: string | null; last: string | null };
  if (!row.first || !row.last) return null;
  return { first: Number(row.first.slice(0, 4)), last: Number(row.last.slice(0, 4)) };
}

/** The names the report shows instead of codes. */
export interface ReportReference {
  channels: { code: string; name: string }[];
  instruments: { code: string; name: string }[];
  ateco: { code: string; name: string }[];
  districts: { code: string; name: string }[];
  comuni: { istat: string; name: string; district: string }[];
}

export function loadReference(db: BetterSqlite3.Database): ReportReference {
  return {
    channels: db.prepare('SELECT code, name FROM channels ORDER BY sort, name').all() as ReportReference['channels'],
    instruments: db.prepare('SELECT code, name FROM instruments ORDER BY sort, name').all() as ReportReference['instruments'],
    ateco: db.prepare('SELECT code, name FROM ateco_sections ORDER BY code').all() as ReportReference['ateco'],
    districts: sortDistricts(db.prepare('SELECT code, name FROM districts').all() as ReportReference['districts']),
    comuni: db.prepare('SELECT istat_code AS istat, name, district_code AS district FROM comuni ORDER BY name').all() as ReportReference['comuni'],
  };
}

/** For the plan tests and the bench: the statements by name. */
export const FACT_SQL = SQL;
