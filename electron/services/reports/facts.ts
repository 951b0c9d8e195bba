import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { Store } from '../../../db/connection';
import { binaryOrder } from '../../../db/dialect';
import { REPORT_PERSON_KEY, reportDayNumber } from '../../../db/migrations/009_reports';
import { PG_REPORT_PERSON_KEY, pgReportDayNumber } from '../../../db/postgres/migrations/009_reports';
import type { DB } from '../../../db/schema';
import { sortDistricts } from '../../domain/districts';

/**
 * What the report counts, read from the database for one period [from, to] (inclusive days), already
 * aggregated by SQL or reduced to compact integer keys: no row of a person leaves this module, only
 * counts by attribute. The model (model.ts) turns these into the report's tables and suppresses small
 * cells. Plain SQL over the covering indexes of migration 009: on the xl database the
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

/**
 * What the facts' SQL writes differently on the two engines: SQLite's index hints and named
 * parameters, its two-argument min/max (least/greatest on PostgreSQL, which — unlike SQLite — skip
 * NULLs: every use below is wrapped so that both give the same), its conditions that are already 0/1,
 * and its date arithmetic. Camel-case aliases are quoted: PostgreSQL folds unquoted names to lower case.
 */
interface FactsDialect {
  hint(index: string): string;
  from: string;
  to: string;
  least(a: string, b: string): string;
  greatest(a: string, b: string): string;
  flag(condition: string): string;
  daysBetween(later: string, earlier: string): string;
  personKey: string;
  dayNumber(column: string): string;
}

const SQLITE: FactsDialect = {
  hint: (index) => `INDEXED BY ${index}`,
  from: '@from',
  to: '@to',
  least: (a, b) => `min(${a}, ${b})`,
  greatest: (a, b) => `max(${a}, ${b})`,
  flag: (condition) => `(${condition})`,
  daysBetween: (later, earlier) => `CAST(julianday(${later}) - julianday(${earlier}) AS INTEGER)`,
  personKey: REPORT_PERSON_KEY,
  dayNumber: reportDayNumber,
};

const POSTGRES: FactsDialect = {
  hint: () => '',
  from: '$1',
  to: '$2',
  least: (a, b) => `least(${a}, ${b})`,
  greatest: (a, b) => `greatest(${a}, ${b})`,
  flag: (condition) => `(${condition})::int`,
  daysBetween: (later, earlier) => `(CAST(${later} AS date) - CAST(${earlier} AS date))`,
  personKey: PG_REPORT_PERSON_KEY,
  dayNumber: pgReportDayNumber,
};

/**
 * A person's attributes packed in one integer: the index part (REPORT_PERSON_KEY, migration 009) with
 * the age on day `dayColumn` in bits 1–7 (127 unknown), from YYYYMMDD integers read from the indexes.
 * The age is the one reached in the year of the event (event year − birth year): only the birth year
 * counts, because anonymised people keep only that (services/system/anonymisation.ts), and a report
 * must give the same figures before and after an anonymisation.
 */
function personKey(d: FactsDialect, dayColumn: string): string {
  const age = `${d.dayNumber(dayColumn)} / 10000 - ${d.dayNumber('birth_date')} / 10000`;
  return `(${d.personKey} | (coalesce(${d.least(d.greatest(age, '0'), '126')}, 127) << 1))`;
}

/** The facts' statements, written once for both engines. Single-column ones are read as lists of values (PLUCKED). */
function factSql(d: FactsDialect) {
  const { from, to } = d;
  return {
    registered: `SELECT ${personKey(d, 'application_date')} AS k
      FROM cases c ${d.hint('ix_cases_report_application')} JOIN people p ${d.hint('ix_people_report')} ON p.id = c.person_id
      WHERE c.application_date BETWEEN ${from} AND ${to}`,
    channels: `SELECT channel_code AS code, count(*) AS n FROM cases ${d.hint('ix_cases_report_channel')}
      WHERE application_date BETWEEN ${from} AND ${to} GROUP BY channel_code`,
    interviews: `SELECT status, out_of_target_reason AS reason, count(*) AS n FROM cases ${d.hint('ix_cases_report_interview')}
      WHERE first_interview_date IS NOT NULL AND first_interview_date BETWEEN ${from} AND ${to} GROUP BY status, out_of_target_reason`,
    // each case counted once, in the period of its first missed appointment: so a year is the sum of its
    // half-years and the figures of linked periods add up (suppression across periods relies on it)
    noShows: `SELECT count(*) AS n FROM (SELECT min(scheduled_on) AS first FROM case_no_shows ${d.hint('ix_case_no_shows_case')} GROUP BY case_id) AS f
      WHERE first BETWEEN ${from} AND ${to}`,
    firstNoShows: `SELECT min(scheduled_on) AS first FROM case_no_shows ${d.hint('ix_case_no_shows_case')} GROUP BY case_id`,
    placements: `SELECT substr(start_date, 1, 7) AS month, hire_kind AS "hireKind", contract_type AS "contractType", count(*) AS n
      FROM interventions ${d.hint('ix_interventions_report')}
      WHERE instrument_code = 'inserimento' AND start_date BETWEEN ${from} AND ${to} AND status IN ${STARTED_SQL}
      GROUP BY substr(start_date, 1, 7), hire_kind, contract_type`,
    placed: `SELECT ${personKey(d, 'start_date')} AS k
      FROM interventions i ${d.hint('ix_interventions_report')} JOIN people p ${d.hint('ix_people_report')} ON p.id = i.person_id
      WHERE i.instrument_code = 'inserimento' AND i.start_date BETWEEN ${from} AND ${to} AND i.status IN ${STARTED_SQL}`,
    days: `WITH first_placement AS MATERIALIZED (
        SELECT case_id, min(start_date) AS day FROM interventions ${d.hint('ix_interventions_report')}
        WHERE instrument_code = 'inserimento' AND status IN ${STARTED_SQL} GROUP BY case_id
      )
      SELECT ${d.daysBetween('f.day', 'c.first_interview_date')} AS days
      FROM first_placement f JOIN cases c ON c.id = f.case_id
      WHERE f.day BETWEEN ${from} AND ${to} AND c.first_interview_date IS NOT NULL AND c.first_interview_date <= f.day`,
    started: `SELECT instrument_code AS instrument, count(*) AS n FROM interventions ${d.hint('ix_interventions_instrument')}
      WHERE instrument_code IN (SELECT code FROM instruments) AND status IN ${STARTED_SQL} AND start_date BETWEEN ${from} AND ${to}
      GROUP BY instrument_code`,
    training: `SELECT course_name AS course, status, completed, count(*) AS n FROM interventions ${d.hint('ix_interventions_report_training')}
      WHERE instrument_code = 'formazione' AND start_date BETWEEN ${from} AND ${to} AND status IN ${STARTED_SQL}
      GROUP BY course_name, status, completed`,
    selfEmployment: `SELECT status, ${d.flag('coalesce(grant_cents, 0) > 0')} AS granted, count(*) AS n, coalesce(sum(grant_cents), 0) AS "grantCents"
      FROM interventions ${d.hint('ix_interventions_report')}
      WHERE instrument_code = 'autoimpiego' AND start_date BETWEEN ${from} AND ${to} GROUP BY status, ${d.flag('coalesce(grant_cents, 0) > 0')}`,
    selfEmploymentPaid: `SELECT coalesce(sum(pay.amount_cents), 0) AS cents, count(DISTINCT i.person_id) AS people
      FROM interventions i ${d.hint('ix_interventions_report')} CROSS JOIN commitments cm CROSS JOIN payments pay
      WHERE i.instrument_code = 'autoimpiego' AND cm.intervention_id = i.id AND pay.commitment_id = cm.id AND pay.paid_on BETWEEN ${from} AND ${to}`,
    companies: `WITH act AS (
        SELECT company_id,
          max(${d.flag(`start_date <= ${to} AND coalesce(end_date, '9999-12-31') >= ${from}`)}) AS involved,
          max(${d.flag(`instrument_code = 'inserimento' AND start_date BETWEEN ${from} AND ${to}`)}) AS hired,
          min(start_date) AS first_start
        FROM interventions ${d.hint('ix_interventions_report_company')}
        WHERE company_id IS NOT NULL AND status IN ('attivo', 'concluso', 'interrotto')
        GROUP BY company_id
      ), board AS (
        SELECT company_id, max(${d.flag(`since <= ${to} AND coalesce(until, '9999-12-31') >= ${from}`)}) AS on_board, min(since) AS first_since
        FROM board_memberships GROUP BY company_id
      ), roles AS (
        SELECT co.ateco_section AS ateco, co.size_band AS size, coalesce(act.involved, 0) AS worked, coalesce(act.hired, 0) AS hired,
          coalesce(board.on_board, 0) AS on_board,
          ${d.flag(`coalesce(${d.least('act.first_start', 'board.first_since')}, act.first_start, board.first_since) BETWEEN ${from} AND ${to}`)} AS is_new
        FROM companies co LEFT JOIN act ON act.company_id = co.id LEFT JOIN board ON board.company_id = co.id
        WHERE act.company_id IS NOT NULL OR board.company_id IS NOT NULL
      )
      SELECT ateco, size, ${d.greatest('worked', 'on_board')} AS involved, hired, on_board AS "onBoard", is_new AS "isNew", count(*) AS n FROM roles
      WHERE worked = 1 OR on_board = 1 OR is_new = 1 GROUP BY 1, 2, 3, 4, 5, 6`,
  };
}

export type FactName = keyof ReturnType<typeof factSql>;
const PLUCKED: ReadonlySet<FactName> = new Set(['registered', 'placed', 'days', 'firstNoShows']);
type FactRows = Record<FactName, unknown[]>;

/**
 * Reads named facts for one period in one snapshot of the database (all figures see the same data):
 * a deferred transaction over prepared statements on SQLite, a read-only repeatable-read transaction
 * on PostgreSQL. `state()` changes whenever the database may have changed (the linked suppression is
 * remembered until then).
 */
export interface FactsSource {
  read<K extends FactName>(names: readonly K[], period: { from: string; to: string }): Promise<Pick<FactRows, K>>;
  state(): Promise<string>;
}

function sqliteSource(db: BetterSqlite3.Database): FactsSource {
  const sqlText = factSql(SQLITE);
  const statements = Object.fromEntries(
    Object.entries(sqlText).map(([name, text]) => [name, db.prepare(text).pluck(PLUCKED.has(name as FactName))]),
  ) as Record<FactName, BetterSqlite3.Statement>;
  return {
    read: async (names, period) => {
      const params = { from: period.from, to: period.to };
      const read = db.transaction(() =>
        Object.fromEntries(names.map((name) => [name, sqlText[name].includes('@from') ? statements[name].all(params) : statements[name].all()])),
      );
      return read.deferred() as Pick<FactRows, (typeof names)[number]>;
    },
    state: async () => `${String(db.pragma('data_version', { simple: true }))}|${String((db.prepare('SELECT total_changes() AS c').get() as { c: number }).c)}`,
  };
}

function postgresSource(pool: Pool): FactsSource {
  const sqlText = factSql(POSTGRES);
  return {
    read: async (names, period) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const out: Partial<FactRows> = {};
        for (const name of names) {
          const text = sqlText[name];
          const { rows } = await client.query<Record<string, unknown>>(text, text.includes('$1') ? [period.from, period.to] : []);
          out[name] = PLUCKED.has(name) ? rows.map((r) => Object.values(r)[0]) : rows;
        }
        await client.query('COMMIT');
        return out as Pick<FactRows, (typeof names)[number]>;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    // the next transaction id of the server: it moves with every transaction that writes, on any desk
    state: async () => String((await pool.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x')).rows[0]!.x),
  };
}

const sources = new WeakMap<Store, FactsSource>();

/** The facts of a database, on either engine (one source per open store: its statements are prepared once). */
export function factsSource(store: Store): FactsSource {
  let found = sources.get(store);
  if (!found) {
    found = store.engine === 'postgres' ? postgresSource(store.pool!) : sqliteSource(store.raw);
    sources.set(store, found);
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

type InterviewRow = { status: string; reason: string | null; n: number };
const COUNT_FACTS = ['registered', 'channels', 'interviews', 'noShows', 'placements', 'placed', 'started', 'training', 'selfEmployment', 'selfEmploymentPaid'] as const;

/** The counts of people only (what small-cell suppression protects), for one piece of time. */
export type CountFacts = Omit<PeriodFacts, 'daysToPlacement' | 'companies'>;

function countFacts(period: { from: string; to: string }, rows: Pick<FactRows, (typeof COUNT_FACTS)[number]>): CountFacts {
  return {
    from: period.from,
    to: period.to,
    registered: tally(rows.registered as number[]),
    channels: rows.channels as PeriodFacts['channels'],
    interviews: interviewOutcomes(rows.interviews as InterviewRow[]),
    noShowPeople: (rows.noShows[0] as { n: number }).n,
    placements: rows.placements as PeriodFacts['placements'],
    placed: tally(rows.placed as number[]),
    started: rows.started as PeriodFacts['started'],
    training: rows.training as PeriodFacts['training'],
    selfEmployment: rows.selfEmployment as PeriodFacts['selfEmployment'],
    selfEmploymentPaid: rows.selfEmploymentPaid[0] as PeriodFacts['selfEmploymentPaid'],
  };
}

/** Every fact of one period, read in one snapshot (all figures see the same data). */
export async function loadFacts(source: FactsSource, period: { from: string; to: string }): Promise<PeriodFacts> {
  const rows = await source.read([...COUNT_FACTS, 'days', 'companies'], period);
  return { ...countFacts(period, rows), daysToPlacement: rows.days as number[], companies: rows.companies as PeriodFacts['companies'] };
}

/** `noShows: false` leaves them at 0 (firstNoShows reads them for many periods at once). */
export async function loadCounts(source: FactsSource, period: { from: string; to: string }, opts: { noShows?: boolean } = {}): Promise<CountFacts> {
  const facts = countFacts(period, await source.read(COUNT_FACTS, period));
  return opts.noShows === false ? { ...facts, noShowPeople: 0 } : facts;
}

/** The day of each case's first missed appointment. */
export async function firstNoShows(source: FactsSource): Promise<string[]> {
  return (await source.read(['firstNoShows'], { from: '', to: '' })).firstNoShows as string[];
}

/** The people paid for self-employment in a period (not additive: one person may be paid in two periods). */
export async function selfEmploymentPaidPeople(source: FactsSource, period: { from: string; to: string }): Promise<number> {
  return ((await source.read(['selfEmploymentPaid'], period)).selfEmploymentPaid[0] as PeriodFacts['selfEmploymentPaid']).people;
}

/** The first and last year of the applications (null on an empty database): what the standard periods span. */
export async function dataYears(db: Kysely<DB>): Promise<{ first: number; last: number } | null> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => [eb.fn.min('application_date').as('first'), eb.fn.max('application_date').as('last')])
    .executeTakeFirstOrThrow();
  if (!row.first || !row.last) return null;
  return { first: Number(String(row.first).slice(0, 4)), last: Number(String(row.last).slice(0, 4)) };
}

/** The names the report shows instead of codes. */
export interface ReportReference {
  channels: { code: string; name: string }[];
  instruments: { code: string; name: string }[];
  ateco: { code: string; name: string }[];
  districts: { code: string; name: string }[];
  comuni: { istat: string; name: string; district: string }[];
}

export async function loadReference(db: Kysely<DB>): Promise<ReportReference> {
  return {
    channels: await db.selectFrom('channels').select(['code', 'name']).orderBy('sort').orderBy(binaryOrder(db, sql.ref('name'))).execute(),
    instruments: await db.selectFrom('instruments').select(['code', 'name']).orderBy('sort').orderBy(binaryOrder(db, sql.ref('name'))).execute(),
    ateco: await db.selectFrom('ateco_sections').select(['code', 'name']).orderBy(binaryOrder(db, sql.ref('code'))).execute(),
    districts: sortDistricts(await db.selectFrom('districts').select(['code', 'name']).execute()),
    comuni: await db
      .selectFrom('comuni')
      .select(['istat_code as istat', 'name', 'district_code as district'])
      .orderBy(binaryOrder(db, sql.ref('name')))
      .execute(),
  };
}

/** For the plan tests and the bench: SQLite's statements by name. */
export const FACT_SQL = factSql(SQLITE);
