import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../db/connection';
import { interventionsFilter, type InterventionsFilter } from '../contract/paths';
import { listInterventions } from '../services/paths/list';
import { matchNeed, matchPerson } from '../services/matching/matching';
import { serviceContext } from '../services/context';
import { sqlOne } from '../testing/sql';
import type { Benchmark, BenchEnv } from './types';

/**
 * Matching and the Percorsi list on the xl database. The need is the open one whose skills the most
 * people have (the worst case: the most candidates to score); the person is one in target with the
 * most skills.
 */
interface Inputs {
  needId: number;
  personId: number;
  companyId: number;
}
const inputsCache = new WeakMap<Store, Inputs>();
async function inputs(store: Store): Promise<Inputs> {
  let found = inputsCache.get(store);
  if (!found) {
    const need = await sqlOne<{ id: number }>(
      store,
      `SELECT ns.need_id AS id, sum((SELECT count(*) FROM person_skills ps WHERE ps.skill = ns.skill)) AS holders
         FROM need_skills ns JOIN needs n ON n.id = ns.need_id WHERE n.status IN ('aperto', 'in_corso')
         GROUP BY ns.need_id ORDER BY holders DESC, ns.need_id LIMIT 1`,
    );
    const person = await sqlOne<{ id: number }>(
      store,
      `SELECT p.id FROM people p JOIN cases c ON c.id = p.current_case_id
         WHERE p.current_band = 'target' AND c.closed_on IS NULL AND c.status = 'in_carico'
         ORDER BY (SELECT count(*) FROM person_skills ps WHERE ps.person_id = p.id) DESC, p.id LIMIT 1`,
    );
    const company = await sqlOne<{ id: number }>(store, 'SELECT company_id AS id FROM interventions WHERE company_id IS NOT NULL GROUP BY company_id ORDER BY count(*) DESC, company_id LIMIT 1');
    found = { needId: need!.id, personId: person!.id, companyId: company!.id };
    inputsCache.set(store, found);
  }
  return found;
}

const list = (env: BenchEnv, filter: InterventionsFilter) => listInterventions(serviceContext(env.store), { filter: interventionsFilter.parse(filter), page: 1, pageSize: 50 });

/** The candidates of one need with a raw prepared statement (the scoring and the reasons left out). */
const FLOOR_SQL = `
  SELECT p.id AS person_id, c.id AS case_id, c.status, c.status_date, m.matched, co.district_code AS district,
    (SELECT a.total_points FROM assessments a WHERE a.case_id = c.id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS points,
    (SELECT a.strong_below FROM assessments a WHERE a.case_id = c.id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS strong_below,
    (SELECT a.fragile_above FROM assessments a WHERE a.case_id = c.id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS fragile_above,
    EXISTS (SELECT 1 FROM work_experiences w WHERE w.person_id = p.id AND w.role = (SELECT role FROM needs WHERE id = @need) COLLATE NOCASE) AS experienced
  FROM (SELECT ps.person_id, count(*) AS matched FROM person_skills ps
        WHERE lower(ps.skill) IN (SELECT lower(skill) FROM need_skills WHERE need_id = @need) GROUP BY ps.person_id) m
  CROSS JOIN cases c INDEXED BY ix_cases_open_person ON c.person_id = m.person_id
  CROSS JOIN people p ON p.id = c.person_id AND p.current_case_id = c.id
  LEFT JOIN comuni co ON co.istat_code = p.domicile_istat
  WHERE p.current_band = 'target' AND p.merged_into_id IS NULL AND c.closed_on IS NULL AND c.status IN ('in_carico', 'in_percorso')
    AND NOT EXISTS (SELECT 1 FROM interventions i WHERE i.person_id = p.id AND i.status = 'attivo')
    AND NOT EXISTS (SELECT 1 FROM interventions i WHERE i.need_id = @need AND i.status IN ('proposto', 'attivo') AND i.person_id = p.id)`;
const floorCache = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

export const matchingBenchmarks: Benchmark[] = [
  {
    name: 'matching.need',
    run: async (env) => matchNeed(serviceContext(env.store), { needId: (await inputs(env.store)).needId, limit: 50 }),
    floor: async ({ raw, store }) => {
      let statement = floorCache.get(raw);
      if (!statement) {
        statement = raw.prepare(FLOOR_SQL);
        floorCache.set(raw, statement);
      }
      return statement.all({ need: (await inputs(store)).needId });
    },
  },
  {
    name: 'matching.person',
    run: async (env) => matchPerson(serviceContext(env.store), { personId: (await inputs(env.store)).personId, limit: 10 }),
  },
  {
    name: 'interventions.page',
    run: (env) => list(env, {}),
  },
  {
    name: 'interventions.page.filtered',
    run: (env) => list(env, { instruments: ['tirocinio'], statuses: ['attivo', 'concluso'], from: '2020-01-01', to: '2020-12-31' }),
  },
  {
    name: 'interventions.page.company',
    run: async (env) => list(env, { companyId: (await inputs(env.store)).companyId }),
  },
];
