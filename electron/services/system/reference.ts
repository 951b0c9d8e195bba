import { sql } from 'kysely';
import type { ReferenceData } from '../../contract/system';
import type { ServiceContext } from '../context';
import { sortDistricts } from '../../domain/districts';

/** Everything the forms and filters choose from, in one call (loaded once per session by the UI). */
export async function referenceData(ctx: ServiceContext): Promise<ReferenceData> {
  const db = ctx.store.db;
  const [comuni, districts, birthPlaces, channels, organisations, instruments, atecoSections, referents, skills] = await Promise.all([
    db.selectFrom('comuni').select(['istat_code as istatCode', 'name', 'district_code as districtCode']).orderBy('name').execute(),
    db.selectFrom('districts').select(['code', 'name']).execute(),
    db
      .selectFrom('birth_places')
      .select(['code', 'name', 'province', 'kind', 'nationality_group as nationalityGroup'])
      .orderBy('kind')
      .orderBy('name')
      .execute(),
    db.selectFrom('channels').select(['code', 'name']).orderBy('sort').orderBy('name').execute(),
    db.selectFrom('organisations').select(['id', 'code', 'name', 'kind']).where('active', '=', 1).orderBy('name').execute(),
    db.selectFrom('instruments').select(['code', 'name']).orderBy('sort').execute(),
    db.selectFrom('ateco_sections').select(['code', 'name']).orderBy('code').execute(),
    db
      .selectFrom('users')
      .select(['id', 'full_name as fullName', 'role'])
      .where('active', '=', 1)
      .where('role', '!=', 'sola_lettura')
      .orderBy('full_name')
      .execute(),
    db
      .selectFrom('person_skills')
      .select('skill')
      .groupBy('skill')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('skill')
      .limit(200)
      .execute(),
  ]);
  return { comuni, districts: sortDistricts(districts), birthPlaces, channels, organisations, instruments, atecoSections, referents, skills: skills.map((s) => s.skill) };
}
