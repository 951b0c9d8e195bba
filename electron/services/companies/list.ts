import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema';
import { direction } from '../../../db/dialect';
import { OPEN_NEED_STATUSES, type CompaniesPage, type companiesFilter, type CompanyListRow, type CompanySearchHit, type CompanySortColumn, type SizeBand } from '../../contract/companies';
import type { ServiceContext } from '../context';
import { nameKey } from '../../domain/text';

/**
 * The companies list and the type-ahead search, in SQL: the keys of one page (filters and sort), then
 * the display columns of those rows. The Board status («a period open today») and the open needs are
 * computed per company from their tables, through the indexes on company_id.
 */

export type CompaniesFilterValues = z.output<typeof companiesFilter>;
export interface CompaniesSort {
  column: CompanySortColumn;
  direction: 'asc' | 'desc';
}

// ---- search -------------------------------------------------------------------------------------

export type CompanySearchTerm = { kind: 'all' } | { kind: 'nothing' } | { kind: 'vat'; prefix: string } | { kind: 'name'; key: string };

/** Digits (spaces and an «IT» in front tolerated) are the start of a partita IVA; anything else a fragment of the name. */
export function classifyCompanySearch(text: string): CompanySearchTerm {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'all' };
  const vat = /^(?:IT)?\s*([\d\s]+)$/i.exec(trimmed);
  if (vat) return { kind: 'vat', prefix: vat[1]!.replace(/\s+/g, '') };
  const key = nameKey(trimmed);
  return key ? { kind: 'name', key } : { kind: 'nothing' };
}

function searchCondition(term: CompanySearchTerm): RawBuilder<unknown> | null {
  switch (term.kind) {
    case 'all':
      return null;
    case 'nothing':
      return sql`1 = 0`;
    // ':' sorts right after '9': a range over the unique index on vat_number
    case 'vat':
      return sql`(c.vat_number >= ${term.prefix} AND c.vat_number < ${term.prefix + ':'})`;
    case 'name':
      return sql`instr(c.name_key, ${term.key}) > 0`;
  }
}

// ---- filters ------------------------------------------------------------------------------------

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

/** 1 when the company has a Board period open on `today`. */
export const boardFlag = (today: string) =>
  sql<number>`EXISTS (SELECT 1 FROM board_memberships b WHERE b.company_id = c.id AND b.since <= ${today} AND (b.until IS NULL OR b.until >= ${today}))`;
/**
 * The same as a set, for filters and sorts over many companies: SQLite reads the Board periods once
 * into a temporary index instead of probing them per company.
 */
const boardSet = (today: string) => sql`(SELECT b.company_id FROM board_memberships b WHERE b.since <= ${today} AND (b.until IS NULL OR b.until >= ${today}))`;
const openStatuses = () => list(OPEN_NEED_STATUSES);
const openNeedsCount = () => sql<number>`(SELECT count(*) FROM needs n WHERE n.company_id = c.id AND n.status IN (${openStatuses()}))`;
/** Companies with open needs: read once through the index on the needs' status (few are open). */
const openNeedsSet = () => sql`(SELECT n.company_id FROM needs n WHERE n.status IN (${openStatuses()}))`;

function conditions(filter: CompaniesFilterValues, today: string): RawBuilder<unknown> | null {
  const all: RawBuilder<unknown>[] = [];
  const search = searchCondition(classifyCompanySearch(filter.search));
  if (search) all.push(search);
  if (filter.board === 'board') all.push(sql`c.id IN ${boardSet(today)}`);
  if (filter.board === 'collaboratrice') all.push(sql`c.id NOT IN ${boardSet(today)}`);
  if (filter.atecoSections.length > 0) all.push(sql`c.ateco_section IN (${list(filter.atecoSections)})`);
  if (filter.sizes.length > 0) all.push(sql`c.size_band IN (${list(filter.sizes)})`);
  if (filter.comuni.length > 0) all.push(sql`c.seat_istat IN (${list(filter.comuni)})`);
  if (filter.districts.length > 0) all.push(sql`c.seat_istat IN (SELECT istat_code FROM comuni WHERE district_code IN (${list(filter.districts)}))`);
  if (filter.withOpenNeeds) all.push(sql`c.id IN ${openNeedsSet()}`);
  return all.length > 0 ? sql`WHERE ${sql.join(all, sql` AND `)}` : null;
}

// ---- sorting ------------------------------------------------------------------------------------

const SIZE_ORDER = sql`CASE c.size_band WHEN 'micro' THEN 1 WHEN 'piccola' THEN 2 WHEN 'media' THEN 3 WHEN 'grande' THEN 4 END`;

/** The sort's leading term; ties are broken by name (A→Z) and id, so that pages are stable. */
function orderBy(db: Kysely<DB>, sort: CompaniesSort, today: string): RawBuilder<unknown> {
  const dir = direction(db, sort.direction);
  const byName = sql`c.name_key ASC, c.id ASC`;
  switch (sort.column) {
    case 'name':
      return sql`c.name_key ${dir}, c.id ${dir}`;
    case 'comune':
      return sql`c.seat_city COLLATE NOCASE ${dir}, ${byName}`;
    case 'ateco':
      return sql`c.ateco_section ${dir}, ${byName}`;
    case 'size':
      return sql`${SIZE_ORDER} ${dir}, ${byName}`;
    case 'board':
      return sql`(c.id IN ${boardSet(today)}) ${dir}, ${byName}`;
    case 'openNeeds':
      // per matching company, through the index on needs.company_id: cheap once filters narrow the list
      return sql`${openNeedsCount()} ${dir}, ${byName}`;
  }
}

// ---- queries ------------------------------------------------------------------------------------

interface DisplayRow {
  id: number;
  name: string;
  vat_number: string;
  seat_city: string;
  district: string | null;
  ateco_section: string | null;
  ateco_name: string | null;
  size_band: string | null;
  board: number;
  open_needs: number;
}

async function displayRows(db: Kysely<DB>, ids: number[], today: string): Promise<CompanyListRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<DisplayRow>`SELECT c.id, c.name, c.vat_number, c.seat_city, d.name AS district, c.ateco_section, a.name AS ateco_name,
      c.size_band, ${boardFlag(today)} AS board, ${openNeedsCount()} AS open_needs
    FROM companies c
    LEFT JOIN comuni co ON co.istat_code = c.seat_istat
    LEFT JOIN districts d ON d.code = co.district_code
    LEFT JOIN ateco_sections a ON a.code = c.ateco_section
    WHERE c.id IN (${list(ids)})`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        name: r.name,
        vatNumber: r.vat_number,
        seatCity: r.seat_city,
        district: r.district,
        atecoSection: r.ateco_section,
        atecoName: r.ateco_name,
        sizeBand: r.size_band as SizeBand | null,
        board: r.board === 1,
        openNeeds: r.open_needs,
      },
    ];
  });
}

/**
 * One page of the companies list, with the total for the pager. Unfiltered, a count and a page that
 * stops after its rows (the sort's index); filtered, the ordered ids of every match in one pass (at
 * most the 20,000 companies), which gives the total and the page together.
 */
export async function listCompanies(ctx: ServiceContext, input: { filter: CompaniesFilterValues; sort: CompaniesSort; page: number; pageSize: number }): Promise<CompaniesPage> {
  const db = ctx.store.db;
  const today = ctx.clock.today();
  const where = conditions(input.filter, today);
  const offset = (input.page - 1) * input.pageSize;
  let total: number;
  let ids: number[];
  if (where) {
    const { rows } = await sql<{ id: number }>`SELECT c.id FROM companies c ${where} ORDER BY ${orderBy(db, input.sort, today)}`.execute(db);
    total = rows.length;
    ids = rows.slice(offset, offset + input.pageSize).map((r) => r.id);
  } else {
    const { rows: counted } = await sql<{ n: number }>`SELECT count(*) AS n FROM companies c`.execute(db);
    total = counted[0]?.n ?? 0;
    if (offset >= total) return { rows: [], total };
    const { rows } = await sql<{ id: number }>`SELECT c.id FROM companies c ORDER BY ${orderBy(db, input.sort, today)} LIMIT ${input.pageSize} OFFSET ${offset}`.execute(db);
    ids = rows.map((r) => r.id);
  }
  return { rows: await displayRows(db, ids, today), total };
}

/** Type-ahead: the companies whose name contains the text (those starting with it first), or whose partita IVA starts with the digits. */
export async function searchCompanies(ctx: ServiceContext, { text, limit }: { text: string; limit: number }): Promise<CompanySearchHit[]> {
  const term = classifyCompanySearch(text);
  if (term.kind === 'all' || term.kind === 'nothing') return [];
  const today = ctx.clock.today();
  const first = term.kind === 'name' ? sql`substr(c.name_key, 1, ${term.key.length}) = ${term.key} DESC, ` : sql``;
  const { rows } = await sql<{ id: number; name: string; vat_number: string; seat_city: string; board: number }>`
    SELECT c.id, c.name, c.vat_number, c.seat_city, ${boardFlag(today)} AS board FROM companies c
    WHERE ${searchCondition(term)}
    ORDER BY ${first}c.name_key, c.id LIMIT ${limit}`.execute(ctx.store.db);
  return rows.map((r) => ({ id: r.id, name: r.name, vatNumber: r.vat_number, seatCity: r.seat_city, board: r.board === 1 }));
}
