import { sql, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import { OPEN_NEED_STATUSES, type OpenNeedsPage, type openNeedsFilter } from '../../contract/companies';
import { nameKey } from '../../domain/text';
import { needViews } from './needs';
import type { ServiceContext } from '../context';

/** The open needs (aperto, in corso) of every company: the list matching starts from. */

export type OpenNeedsFilterValues = z.output<typeof openNeedsFilter>;

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Each word must appear in the role, the requirements, a skill or the company's name. */
function textConditions(text: string): RawBuilder<unknown>[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const like = likePattern(word);
      const key = nameKey(word);
      const inCompany = key ? sql` OR instr(c.name_key, ${key}) > 0` : sql``;
      return sql`(n.role LIKE ${like} ESCAPE '\\' OR n.requirements LIKE ${like} ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM need_skills s WHERE s.need_id = n.id AND s.skill LIKE ${like} ESCAPE '\\')${inCompany})`;
    });
}

function conditions(filter: OpenNeedsFilterValues): RawBuilder<unknown> {
  const all: RawBuilder<unknown>[] = [sql`n.status IN (${list(OPEN_NEED_STATUSES)})`];
  if (filter.instrumentCodes.length > 0) all.push(sql`n.instrument_code IN (${list(filter.instrumentCodes)})`);
  if (filter.districtCodes.length > 0) all.push(sql`n.district_code IN (${list(filter.districtCodes)})`);
  if (filter.companyId !== null) all.push(sql`n.company_id = ${filter.companyId}`);
  all.push(...textConditions(filter.text));
  return sql.join(all, sql` AND `);
}

/** One page of the open needs, newest first, with the total. */
export async function listOpenNeeds(ctx: ServiceContext, input: { filter: OpenNeedsFilterValues; page: number; pageSize: number }): Promise<OpenNeedsPage> {
  const db = ctx.store.db;
  const where = conditions(input.filter);
  const offset = (input.page - 1) * input.pageSize;
  const [{ rows: counted }, { rows: keys }] = await Promise.all([
    sql<{ n: number }>`SELECT count(*) AS n FROM needs n JOIN companies c ON c.id = n.company_id WHERE ${where}`.execute(db),
    sql<{ id: number }>`SELECT n.id FROM needs n JOIN companies c ON c.id = n.company_id WHERE ${where}
      ORDER BY n.created_at DESC, n.id DESC LIMIT ${input.pageSize} OFFSET ${offset}`.execute(db),
  ]);
  return {
    rows: await needViews(
      db,
      keys.map((k) => k.id),
    ),
    total: counted[0]?.n ?? 0,
  };
}
