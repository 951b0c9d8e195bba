import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema';
import { direction, engineOf, unindexed } from '../../../db/dialect';
import type { PeoplePage, PersonListRow, peopleFilter, SORTABLE_COLUMNS } from '../../contract/people';
import type { Band } from '../../domain/bands';
import type { CaseStatus } from '../../domain/caseStatus';
import { nameKey } from '../../domain/text';
import { normalizePhone } from './duplicateRules';
import type { ServiceContext } from '../context';
import { redact, seesPersonalData, type Viewer } from '../privacy';

/**
 * The people list: every person not merged into another, with their current case (the open one,
 * else the latest; people.current_case_id, kept by triggers, see db/migrations/003_people_cases.ts)
 * and that case's latest assessment band. Paged, sorted and filtered in SQL in two steps: the keys
 * of one page (filters and sort over indexes only), then the display columns of those rows.
 */

export type PeopleFilterValues = z.output<typeof peopleFilter>;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];
export interface PeopleSort {
  column: SortColumn;
  direction: 'asc' | 'desc';
}
export interface PeopleQuery {
  filter: PeopleFilterValues;
  sort: PeopleSort;
}
export const DEFAULT_SORT: PeopleSort = { column: 'applicationDate', direction: 'desc' };

/** A list row with the email too (the export has it; the list does not). */
export type PersonExportRow = PersonListRow & { email: string | null };

// ---- search -------------------------------------------------------------------------------------

export type SearchTerm =
  | { kind: 'all' }
  /** Text that cannot match anyone, e.g. three digits. */
  | { kind: 'nothing' }
  | { kind: 'name'; key: string }
  | { kind: 'taxCode'; prefix: string }
  /** Six or more letters that could be the start of a surname or of a codice fiscale: both are searched. */
  | { kind: 'nameOrTaxCode'; key: string; prefix: string }
  | { kind: 'phone'; digits: string };

const LETTER = /^[A-Z]$/;
const DIGIT = /^[0-9LMNPQRSTUV]$/; // a digit, or its omocodia letter
const MONTH = /^[ABCDEHLMPRST]$/;
const TAX_CODE_SHAPE = [LETTER, LETTER, LETTER, LETTER, LETTER, LETTER, DIGIT, DIGIT, MONTH, DIGIT, DIGIT, LETTER, DIGIT, DIGIT, DIGIT, LETTER];
const MIN_PHONE_DIGITS = 5;

function looksLikeTaxCodePrefix(text: string): boolean {
  return text.length >= 6 && text.length <= 16 && [...text].every((ch, i) => TAX_CODE_SHAPE[i]?.test(ch) === true);
}

/**
 * What the search box means: a phone number (digits, at least 5), a codice fiscale or its start
 * (6+ characters in the shape of one), otherwise the start of "surname name". Roles that may not
 * see personal data search by name only, so that a codice fiscale or phone cannot be matched to a name.
 */
export function classifySearch(text: string, personalData: boolean): SearchTerm {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'all' };
  if (personalData && /^[+\d\s./()-]+$/.test(trimmed)) {
    const digits = normalizePhone(trimmed);
    return digits.length >= MIN_PHONE_DIGITS ? { kind: 'phone', digits } : { kind: 'nothing' };
  }
  const compact = trimmed.replace(/\s+/g, '').toUpperCase();
  if (personalData && looksLikeTaxCodePrefix(compact)) {
    return /\d/.test(compact) ? { kind: 'taxCode', prefix: compact } : { kind: 'nameOrTaxCode', key: nameKey(trimmed), prefix: compact };
  }
  const key = nameKey(trimmed);
  return key ? { kind: 'name', key } : { kind: 'nothing' };
}

// Prefix searches as index ranges. name_key holds only a–z, codici fiscali A–Z and 0–9, phones digits:
// '{', '[' and ':' sort right after those.
const nameRange = (key: string) => sql`(p.name_key >= ${key} AND p.name_key < ${key + '{'})`;
const taxCodeRange = (prefix: string) => sql`(p.tax_code >= ${prefix} AND p.tax_code < ${prefix + '['})`;
// The same expression as the index ix_people_phone_digits (migration 003), so that the index is used.
const phoneRange = (digits: string) =>
  sql`(p.phone IS NOT NULL AND replace(p.phone, ' ', '') >= ${digits} AND replace(p.phone, ' ', '') < ${digits + ':'})`;

function searchCondition(term: SearchTerm): RawBuilder<unknown> | null {
  switch (term.kind) {
    case 'all':
      return null;
    case 'nothing':
      return sql`1 = 0`;
    case 'name':
      return nameRange(term.key);
    case 'taxCode':
      return taxCodeRange(term.prefix);
    case 'nameOrTaxCode':
      return sql`(${nameRange(term.key)} OR ${taxCodeRange(term.prefix)})`;
    case 'phone':
      return phoneRange(term.digits);
  }
}

// ---- filters ------------------------------------------------------------------------------------

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

/** How the keys query finds its page: which sort, and whether it walks the sort's index (walksSortIndex). */
interface KeysPlan {
  sort: SortColumn;
  walk: boolean;
}

/**
 * Conditions on the person (alias p); `plan` for the keys query, null for the count. A walk keeps the
 * district and band conditions off their own indexes (a unary +), except under a sort whose order
 * follows them, where it would cross long runs of rows that do not match: the comune sort instead
 * reads the district's comuni from its own index, and the status sort groups a band's people (the
 * fragile and the strong are «fuori target»).
 */
function personConditions(db: Kysely<DB>, filter: PeopleFilterValues, personalData: boolean, plan: KeysPlan | null = null): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  const search = searchCondition(classifySearch(filter.search, personalData));
  if (search) conditions.push(search);
  if (filter.districts.length > 0) {
    const districts = list(filter.districts);
    const inDistricts = (column: RawBuilder<unknown>) => sql`${column} IN (SELECT istat_code FROM comuni WHERE district_code IN (${districts}))`;
    if (plan?.sort === 'comune') {
      // domicile_name is the comune's name for the metro area's people; the istat code makes it exact
      conditions.push(sql`p.domicile_name IN (SELECT name FROM comuni WHERE district_code IN (${districts}))`, inDistricts(unindexed(db, sql`p.domicile_istat`)));
    } else {
      conditions.push(inDistricts(plan?.walk ? unindexed(db, sql`p.domicile_istat`) : sql`p.domicile_istat`));
    }
  }
  if (filter.withoutPrivacyNotice) {
    conditions.push(sql`p.anonymised_at IS NULL AND NOT EXISTS (SELECT 1 FROM privacy_acknowledgements pa WHERE pa.person_id = p.id)`);
  }
  if (filter.bands.length > 0) {
    // the latest band of the current case, kept on the person by triggers (migration 003)
    const column = plan?.walk && plan.sort !== 'status' ? unindexed(db, sql`p.current_band`) : sql`p.current_band`;
    conditions.push(sql`${column} IN (${list(filter.bands)})`);
  }
  return conditions;
}

/** Conditions on the current case (alias c); any of them leaves out the people without a case. */
function caseConditions(filter: PeopleFilterValues): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (filter.statuses.length > 0) conditions.push(sql`c.status IN (${list(filter.statuses)})`);
  if (filter.channels.length > 0) conditions.push(sql`c.channel_code IN (${list(filter.channels)})`);
  if (filter.referentUserId !== null) conditions.push(sql`c.referent_user_id = ${filter.referentUserId}`);
  if (filter.appliedFrom !== null) conditions.push(sql`c.application_date >= ${filter.appliedFrom}`);
  if (filter.appliedTo !== null) conditions.push(sql`c.application_date <= ${filter.appliedTo}`);
  if (filter.withoutInterview) conditions.push(sql`c.first_interview_date IS NULL AND c.closed_on IS NULL`);
  return conditions;
}

const and = (conditions: RawBuilder<unknown>[]) => (conditions.length > 0 ? sql` AND ${sql.join(conditions, sql` AND `)}` : sql``);

// ---- sorting ------------------------------------------------------------------------------------

/**
 * Per sort column: the sort keys selected by the keys query (for people with a case, and for people
 * without one) and the ORDER BY terms over them, ending with unique ids so that pages are stable.
 * Each leading term follows an index (people by name, birth date or comune name, cases by application
 * date, status or status date), so an unfiltered page stops after its rows.
 * Missing values (people without a case) sort first ascending and last descending.
 */
const SORTS: Record<SortColumn, { withCase: string; withoutCase: string; order: string[] }> = {
  name: {
    withCase: 'p.last_name AS last_name, p.first_name AS first_name',
    withoutCase: 'p.last_name, p.first_name',
    order: ['last_name COLLATE NOCASE', 'first_name COLLATE NOCASE', 'person_id'],
  },
  birthDate: { withCase: 'p.birth_date AS birth_date', withoutCase: 'p.birth_date', order: ['birth_date', 'person_id'] },
  applicationDate: { withCase: 'c.application_date AS application_date', withoutCase: 'NULL', order: ['application_date', 'case_id', 'person_id'] },
  status: {
    withCase: 'c.status AS status, c.application_date AS application_date',
    withoutCase: 'NULL, NULL',
    order: ['status', 'application_date', 'case_id', 'person_id'],
  },
  statusDate: { withCase: 'c.status_date AS status_date', withoutCase: 'NULL', order: ['status_date', 'case_id', 'person_id'] },
  comune: {
    withCase: 'p.domicile_name AS comune, p.last_name AS last_name',
    withoutCase: 'p.domicile_name, p.last_name',
    order: ['comune COLLATE NOCASE', 'last_name COLLATE NOCASE', 'person_id'],
  },
};

function orderBy(db: Kysely<DB>, sort: PeopleSort): RawBuilder<unknown> {
  const dir = direction(db, sort.direction);
  return sql.join(SORTS[sort.column].order.map((term) => sql`${sql.raw(term)} ${dir}`));
}

// ---- queries ------------------------------------------------------------------------------------

interface Key {
  person_id: number;
  case_id: number | null;
}
interface Range {
  limit: number;
  offset: number;
}

/**
 * The ordered keys of the list, one page or all of them. With a filter on the case it pages over the
 * cases (an index per filter) joined to their person; otherwise over the people with a case and,
 * merged in order, the people without one.
 */
function keysQuery(db: Kysely<DB>, query: PeopleQuery, personalData: boolean, range: Range | null, walk = false): RawBuilder<Key> {
  const people = personConditions(db, query.filter, personalData, { sort: query.sort.column, walk });
  const cases = caseConditions(query.filter);
  const sort = SORTS[query.sort.column];
  const page = range ? sql` LIMIT ${range.limit} OFFSET ${range.offset}` : sql``;
  const withCase = sql`SELECT p.id AS person_id, c.id AS case_id, ${sql.raw(sort.withCase)}
    FROM cases c JOIN people p ON p.current_case_id = c.id
    WHERE p.merged_into_id IS NULL${and(people)}${and(cases)}`;
  const rows =
    cases.length > 0
      ? withCase
      : sql`${withCase}
    UNION ALL
    SELECT p.id, NULL, ${sql.raw(sort.withoutCase)} FROM people p
    WHERE p.current_case_id IS NULL AND p.merged_into_id IS NULL${and(people)}`;
  // PostgreSQL sorts by an output column only by its bare name: the sort's expressions need the rows as a table
  if (engineOf(db) === 'postgres') return sql<Key>`SELECT * FROM (${rows}) k ORDER BY ${orderBy(db, query.sort)}${page}`;
  return sql<Key>`${rows} ORDER BY ${orderBy(db, query.sort)}${page}`;
}

/** How many rows the list has, with the same conditions as keysQuery. */
function countQuery(db: Kysely<DB>, query: PeopleQuery, personalData: boolean): RawBuilder<{ n: number }> {
  const people = personConditions(db, query.filter, personalData);
  const cases = caseConditions(query.filter);
  if (cases.length > 0) {
    return sql<{ n: number }>`SELECT count(*) AS n FROM cases c JOIN people p ON p.current_case_id = c.id
      WHERE p.merged_into_id IS NULL${and(people)}${and(cases)}`;
  }
  // all minus the merged: two index counts (a bare count(*) reads no rows at all)
  const where = people.length > 0 ? sql` WHERE ${sql.join(people, sql` AND `)}` : sql``;
  return sql<{ n: number }>`SELECT (SELECT count(*) FROM people p${where})
    - (SELECT count(*) FROM people p WHERE p.merged_into_id IS NOT NULL${and(people)}) AS n`;
}

interface DisplayRow {
  id: number;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  tax_code: string | null;
  phone: string | null;
  email: string | null;
  comune: string | null;
  district: string | null;
  case_id: number | null;
  status: string | null;
  status_date: string | null;
  application_date: string | null;
  channel_name: string | null;
  referent_name: string | null;
  band: string | null;
  anonymised_at: string | null;
  privacy_signed: number;
}

function displayQuery(personIds: number[]): RawBuilder<DisplayRow> {
  return sql<DisplayRow>`SELECT p.id, p.last_name, p.first_name, p.birth_date, p.tax_code, p.phone, p.email,
      p.domicile_name AS comune, d.name AS district, c.id AS case_id, c.status, c.status_date,
      c.application_date, ch.name AS channel_name, u.full_name AS referent_name, p.current_band AS band, p.anonymised_at,
      EXISTS (SELECT 1 FROM privacy_acknowledgements pa WHERE pa.person_id = p.id) AS privacy_signed
    FROM people p
    LEFT JOIN cases c ON c.id = p.current_case_id
    LEFT JOIN comuni co ON co.istat_code = p.domicile_istat
    LEFT JOIN districts d ON d.code = co.district_code
    LEFT JOIN channels ch ON ch.code = c.channel_code
    LEFT JOIN users u ON u.id = c.referent_user_id
    WHERE p.id IN (${list(personIds)})`;
}

function toRow(ctx: Viewer, r: DisplayRow): PersonExportRow {
  return redact(ctx, 'person', {
    id: r.id,
    lastName: r.last_name,
    firstName: r.first_name,
    birthDate: r.birth_date,
    taxCode: r.tax_code,
    phone: r.phone,
    email: r.email,
    comune: r.comune,
    district: r.district,
    caseId: r.case_id,
    status: r.status as CaseStatus | null,
    statusDate: r.status_date,
    applicationDate: r.application_date,
    channelName: r.channel_name,
    referentName: r.referent_name,
    band: r.band as Band | null,
    anonymised: r.anonymised_at !== null,
    privacySigned: r.privacy_signed === 1,
  });
}

/** The display rows of the given keys, in the keys' order. */
async function displayRows(db: Kysely<DB>, ctx: Viewer, keys: Key[]): Promise<PersonExportRow[]> {
  if (keys.length === 0) return [];
  const { rows } = await displayQuery(keys.map((k) => k.person_id)).execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return keys.flatMap((k) => {
    const row = byId.get(k.person_id);
    return row ? [toRow(ctx, row)] : [];
  });
}

/**
 * Whether a page is found sooner by walking the sort's index and skipping the rows that do not match
 * than through a filter's index, collecting every match and sorting them. SQLite's planner does not
 * weigh the LIMIT and takes the filter's index even when half the people match (a band, the Bologna
 * district). Walking visits about (offset + limit) × people / matches rows, the filter's index
 * about `matches`.
 */
async function walksSortIndex(db: Kysely<DB>, matches: number, range: Range): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM people`.execute(db);
  return matches * matches >= (range.offset + range.limit) * (rows[0]?.n ?? 0);
}

/** One page of the list, with the total for the pager. Personal data come back as null to callers who may not see them. */
export async function listPeople(ctx: ServiceContext, input: PeopleQuery & { page: number; pageSize: number }): Promise<PeoplePage> {
  const db = ctx.store.db;
  const personalData = seesPersonalData(ctx);
  const range = { limit: input.pageSize, offset: (input.page - 1) * input.pageSize };
  // the count first: it tells how to find the page, and whether there is one
  const { rows: counted } = await countQuery(db, input, personalData).execute(db);
  const total = counted[0]?.n ?? 0;
  let keys: Key[] = [];
  if (range.offset < total) {
    const walk = await walksSortIndex(db, total, range);
    keys = (await keysQuery(db, input, personalData, range, walk).execute(db)).rows;
  }
  const rows = await displayRows(db, ctx, keys);
  return {
    rows: rows.map(({ email: _email, ...row }) => row),
    total,
    personalDataHidden: !personalData,
  };
}

/** Every row of the list, in order, in batches, as `viewer` may see them (for the export, which runs in a worker); `onCount` learns how many. */
export async function* allListRows(
  db: Kysely<DB>,
  viewer: Viewer,
  query: PeopleQuery,
  batchSize = 500,
  onCount?: (total: number) => void,
): AsyncGenerator<PersonExportRow[]> {
  const { rows: keys } = await keysQuery(db, query, seesPersonalData(viewer), null).execute(db);
  onCount?.(keys.length);
  for (let start = 0; start < keys.length; start += batchSize) {
    yield await displayRows(db, viewer, keys.slice(start, start + batchSize));
  }
}
