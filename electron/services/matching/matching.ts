import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { InterventionView } from '../../contract/paths';
import type { MatchCandidate, MatchNeed, MatchReason, NeedMatches, PersonMatches, PersonNeedMatch } from '../../contract/matching';
import type { CaseStatus } from '../../domain/caseStatus';
import { isJobReady, matchScore, skillsReason, type Instrument } from '../../domain/paths';
import { write, type ServiceContext } from '../context';
import { indexedBy, orderedJoin } from '../../../db/dialect';
import { CASE_STATUSES_WITH_PATHS, cannotAddReason, insertIntervention, loadIntervention } from '../paths/paths';

/**
 * Matching people in target with companies' needs (DOMAIN.md §2–4). A person fits a need when the
 * case is open and taken in charge (in carico or in percorso), the latest L.R. 14/2015 band is
 * «target», no intervention is under way and none is already proposed for the need; when the need
 * lists skills, the person has at least one of them. The score (domain/paths.ts matchScore)
 * weighs the share of the need's skills, the district of domicile against the need's (else the
 * company seat's), readiness (the lower half of the target band) and experience in the need's role.
 * Skills are compared without case.
 */

const OPEN_NEEDS = ['aperto', 'in_corso'] as const;

/** Skills are compared without case (indexes on lower(skill), migration 007). */
const lowered = (skills: readonly string[]) => [...new Set(skills.map((s) => s.toLowerCase()))];

interface NeedRow {
  id: number;
  company_id: number;
  company_name: string;
  company_city: string;
  role: string;
  positions: number;
  instrument_code: string;
  instrument_name: string;
  period_from: string | null;
  period_to: string | null;
  requirements: string | null;
  district_code: string | null;
  district_name: string | null;
  status: MatchNeed['status'];
}

const NEED_SELECT = sql`
  SELECT n.id, n.company_id, co.name AS company_name, co.seat_city AS company_city, n.role, n.positions, n.instrument_code,
    ins.name AS instrument_name, n.period_from, n.period_to, n.requirements, d.code AS district_code, d.name AS district_name, n.status
  FROM needs n
  JOIN companies co ON co.id = n.company_id
  JOIN instruments ins ON ins.code = n.instrument_code
  LEFT JOIN comuni seat ON seat.istat_code = co.seat_istat
  LEFT JOIN districts d ON d.code = coalesce(n.district_code, seat.district_code)`;

async function needsWithSkills(db: Kysely<DB>, rows: NeedRow[]): Promise<MatchNeed[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [skills, proposals] = await Promise.all([
    db.selectFrom('need_skills').select(['need_id', 'skill']).where('need_id', 'in', ids).orderBy('need_id').orderBy('skill').execute(),
    db
      .selectFrom('interventions')
      .select(['need_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('need_id', 'in', ids)
      .where('status', 'in', ['proposto', 'attivo'])
      .groupBy('need_id')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    companyName: r.company_name,
    companyCity: r.company_city,
    role: r.role,
    positions: r.positions,
    instrumentCode: r.instrument_code as Instrument,
    instrumentName: r.instrument_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    requirements: r.requirements,
    skills: skills.filter((s) => s.need_id === r.id).map((s) => s.skill),
    districtCode: r.district_code,
    districtName: r.district_name,
    status: r.status,
    proposals: proposals.find((p) => p.need_id === r.id)?.n ?? 0,
  }));
}

export async function loadMatchNeed(db: Kysely<DB>, needId: number): Promise<MatchNeed> {
  const row = (await sql<NeedRow>`${NEED_SELECT} WHERE n.id = ${needId}`.execute(db)).rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'Fabbisogno non trovato');
  const [need] = await needsWithSkills(db, [row]);
  return need as MatchNeed;
}

interface CandidateRow {
  person_id: number;
  case_id: number;
  case_status: CaseStatus;
  status_date: string;
  matched: number;
  district: string | null;
  points: number | null;
  strong_below: number | null;
  fragile_above: number | null;
  experienced: 0 | 1;
}

/** The facts of every person who fits a need, before scoring. */
async function candidateRows(db: Kysely<DB>, need: MatchNeed): Promise<CandidateRow[]> {
  // With skills: the people who have one (a person's skills are distinct without case: services/people.ts),
  // then their open case taken in charge, then whether they are in target, each probe in a small index
  // (migration 007); the CROSS JOINs keep that order.
  const openCases = indexedBy(db, 'ix_cases_open_person');
  const join = orderedJoin(db);
  const from =
    need.skills.length > 0
      ? sql`(SELECT ps.person_id, count(*) AS matched FROM person_skills ps
           WHERE lower(ps.skill) IN (${sql.join(lowered(need.skills))}) GROUP BY ps.person_id) m
         ${join} cases c ${openCases} ON c.person_id = m.person_id
         ${join} people p ON p.id = c.person_id AND p.current_case_id = c.id`
      : sql`cases c ${openCases} ${join} people p ON p.id = c.person_id AND p.current_case_id = c.id`;
  const matched = need.skills.length > 0 ? sql`m.matched` : sql`0`;
  // the latest assessment's points and thresholds, from the index alone
  const latest = (column: 'total_points' | 'strong_below' | 'fragile_above') =>
    sql.raw(`(SELECT a.${column} FROM assessments a WHERE a.case_id = c.id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)`);
  const result = await sql<CandidateRow>`
    SELECT p.id AS person_id, c.id AS case_id, c.status AS case_status, c.status_date, ${matched} AS matched, co.district_code AS district,
      ${latest('total_points')} AS points, ${latest('strong_below')} AS strong_below, ${latest('fragile_above')} AS fragile_above,
      EXISTS (SELECT 1 FROM work_experiences w WHERE w.person_id = p.id AND w.role = ${need.role} COLLATE NOCASE) AS experienced
    FROM ${from}
    LEFT JOIN comuni co ON co.istat_code = p.domicile_istat
    WHERE p.current_band = 'target' AND p.merged_into_id IS NULL AND c.closed_on IS NULL AND c.status IN ('in_carico', 'in_percorso')
      AND NOT EXISTS (SELECT 1 FROM interventions i WHERE i.person_id = p.id AND i.status = 'attivo')
      AND NOT EXISTS (SELECT 1 FROM interventions i WHERE i.need_id = ${need.id} AND i.status IN ('proposto', 'attivo') AND i.person_id = p.id)`.execute(db);
  return result.rows;
}

const THRESHOLDS_FALLBACK = { strongBelow: 11, fragileAbove: 30 };
function readyOf(points: number | null, strongBelow: number | null, fragileAbove: number | null): boolean {
  return isJobReady(points, strongBelow === null || fragileAbove === null ? THRESHOLDS_FALLBACK : { strongBelow, fragileAbove });
}

function districtReason(needDistrict: { code: string | null; name: string | null }, person: { districtCode: string | null; districtName: string | null; comune: string | null }): MatchReason | null {
  if (!needDistrict.code) return null;
  if (person.districtCode === needDistrict.code) return { text: `Domicilio nel distretto ${needDistrict.name ?? ''}`.trim(), positive: true };
  if (!person.comune) return { text: 'Domicilio non indicato', positive: false };
  return { text: `Domicilio a ${person.comune}, fuori dal distretto ${needDistrict.name ?? ''}`.trim(), positive: false };
}

function readinessReason(ready: boolean, points: number | null): MatchReason {
  const assessed = points === null ? '' : ` (valutazione L.R. 14: ${points} punti)`;
  return ready ? { text: `Pronto al lavoro${assessed}`, positive: true } : { text: `Da accompagnare verso il lavoro${assessed}`, positive: false };
}

/** The ranked people in target who fit a need, with the reasons. */
export async function matchNeed(ctx: ServiceContext, { needId, limit }: { needId: number; limit: number }): Promise<NeedMatches> {
  const db = ctx.store.db;
  const need = await loadMatchNeed(db, needId);
  const rows = await candidateRows(db, need);
  const scored = rows
    .map((r) => {
      const ready = readyOf(r.points, r.strong_below, r.fragile_above);
      const score = matchScore({ matchedSkills: r.matched, needSkills: need.skills.length, sameDistrict: need.districtCode !== null && r.district === need.districtCode, ready, experienceInRole: r.experienced === 1 });
      return { r, ready, score };
    })
    // best first; among equals, who has waited longest since the last step of the case
    .sort((a, b) => b.score - a.score || a.r.status_date.localeCompare(b.r.status_date) || a.r.person_id - b.r.person_id);
  const top = scored.slice(0, limit);
  const ids = top.map((t) => t.r.person_id);
  const [people, skills] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectFrom('people as p')
          .leftJoin('comuni as co', 'co.istat_code', 'p.domicile_istat')
          .leftJoin('districts as d', 'd.code', 'co.district_code')
          .select(['p.id', 'p.last_name', 'p.first_name', 'p.domicile_name as comune', 'd.code as district_code', 'd.name as district_name'])
          .where('p.id', 'in', ids)
          .execute(),
    ids.length === 0 || need.skills.length === 0
      ? []
      : // every skill of these few people (filtering by skill here would walk the skill index instead)
        db.selectFrom('person_skills').select(['person_id', 'skill']).where('person_id', 'in', ids).execute(),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const candidates: MatchCandidate[] = top.flatMap(({ r, ready, score }) => {
    const p = byId.get(r.person_id);
    if (!p) return [];
    // in the need's order and spelling
    const has = new Set(skills.filter((s) => s.person_id === r.person_id).map((s) => s.skill.toLowerCase()));
    const matchedSkills = need.skills.filter((s) => has.has(s.toLowerCase()));
    const reasons: MatchReason[] = [];
    if (need.skills.length > 0) reasons.push({ text: skillsReason(matchedSkills, need.skills.length), positive: matchedSkills.length > 0 });
    const district = districtReason({ code: need.districtCode, name: need.districtName }, { districtCode: p.district_code, districtName: p.district_name, comune: p.comune });
    if (district) reasons.push(district);
    reasons.push(readinessReason(ready, r.points));
    if (r.experienced === 1) reasons.push({ text: `Esperienza come ${need.role}`, positive: true });
    return [
      {
        personId: r.person_id,
        personName: `${p.last_name} ${p.first_name}`,
        comune: p.comune,
        district: p.district_name,
        caseId: r.case_id,
        caseStatus: r.case_status,
        score,
        matchedSkills,
        reasons,
      },
    ];
  });
  return { need, candidates, total: scored.length };
}

/** The open needs that fit a person (at least one skill in common), best first. */
export async function matchPerson(ctx: ServiceContext, { personId, limit }: { personId: number; limit: number }): Promise<PersonMatches> {
  const db = ctx.store.db;
  const person = await db
    .selectFrom('people as p')
    .leftJoin('comuni as co', 'co.istat_code', 'p.domicile_istat')
    .leftJoin('districts as d', 'd.code', 'co.district_code')
    .select(['p.id', 'p.merged_into_id', 'p.domicile_name as comune', 'd.code as district_code', 'd.name as district_name'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  const [skills, openCase, roles] = await Promise.all([
    db.selectFrom('person_skills').select('skill').where('person_id', '=', personId).execute(),
    db.selectFrom('cases').select(['id', 'status']).where('person_id', '=', personId).where('closed_on', 'is', null).executeTakeFirst(),
    db.selectFrom('work_experiences').select('role').where('person_id', '=', personId).execute(),
  ]);
  const latest = openCase
    ? await db
        .selectFrom('assessments')
        .select(['total_points', 'strong_below', 'fragile_above'])
        .where('case_id', '=', openCase.id)
        .orderBy('assessed_on', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst()
    : undefined;
  const cannotPropose =
    person.merged_into_id !== null
      ? 'Questa scheda è stata unita a un’altra: lavorare sulla scheda conservata'
      : cannotAddReason(openCase ? { status: openCase.status as CaseStatus } : undefined);
  if (skills.length === 0) return { cannotPropose, needs: [] };

  const mySkills = new Set(skills.map((s) => s.skill.toLowerCase()));
  const fits = await sql<{ need_id: number; matched: number; need_skills: number }>`
    SELECT ns.need_id, count(DISTINCT lower(ns.skill)) AS matched, (SELECT count(*) FROM need_skills x WHERE x.need_id = ns.need_id) AS need_skills
    FROM need_skills ns JOIN needs n ON n.id = ns.need_id
    WHERE lower(ns.skill) IN (${sql.join(lowered(skills.map((s) => s.skill)))}) AND n.status IN (${sql.join([...OPEN_NEEDS])})
    GROUP BY ns.need_id`.execute(db);
  if (fits.rows.length === 0) return { cannotPropose, needs: [] };

  const needIds = fits.rows.map((f) => f.need_id);
  const needRows = (await sql<NeedRow>`${NEED_SELECT} WHERE n.id IN (${sql.join(needIds)})`.execute(db)).rows;
  const ready = readyOf(latest?.total_points ?? null, latest?.strong_below ?? null, latest?.fragile_above ?? null);
  const experience = new Set(roles.map((r) => r.role.toLowerCase()));
  const scored = needRows
    .map((n) => {
      const fit = fits.rows.find((f) => f.need_id === n.id);
      const sameDistrict = n.district_code !== null && n.district_code === person.district_code;
      const experienced = experience.has(n.role.toLowerCase());
      const score = matchScore({ matchedSkills: fit?.matched ?? 0, needSkills: fit?.need_skills ?? 0, sameDistrict, ready, experienceInRole: experienced });
      return { n, score, experienced };
    })
    .sort((a, b) => b.score - a.score || (b.n.period_from ?? '').localeCompare(a.n.period_from ?? '') || b.n.id - a.n.id)
    .slice(0, limit);
  const needs = await needsWithSkills(
    db,
    scored.map((s) => s.n),
  );
  const existing = await db
    .selectFrom('interventions')
    .select(['id', 'need_id'])
    .where('person_id', '=', personId)
    .where('need_id', 'in', needs.length > 0 ? needs.map((n) => n.id) : [0])
    .where('status', 'in', ['proposto', 'attivo'])
    .execute();
  const result: PersonNeedMatch[] = scored.map(({ score, experienced }, k) => {
    const need = needs[k] as MatchNeed;
    const matchedSkills = need.skills.filter((s) => mySkills.has(s.toLowerCase()));
    const reasons: MatchReason[] = [{ text: skillsReason(matchedSkills, need.skills.length), positive: true }];
    const district = districtReason({ code: need.districtCode, name: need.districtName }, { districtCode: person.district_code, districtName: person.district_name, comune: person.comune });
    if (district) reasons.push(district);
    reasons.push(readinessReason(ready, latest?.total_points ?? null));
    if (experienced) reasons.push({ text: `Esperienza come ${need.role}`, positive: true });
    return { need, score, matchedSkills, reasons, existingInterventionId: existing.find((e) => e.need_id === need.id)?.id ?? null };
  });
  return { cannotPropose, needs: result };
}

/** From a match: the intervention «proposto» for the person's open case, with the need's company and instrument. */
export async function proposeFromMatch(ctx: ServiceContext, input: { needId: number; personId: number }): Promise<InterventionView> {
  return write(ctx, async (trx) => {
    const need = await trx.selectFrom('needs').select(['id', 'company_id', 'instrument_code', 'status', 'role']).where('id', '=', input.needId).executeTakeFirst();
    if (!need) throw new AppError('NOT_FOUND', 'Fabbisogno non trovato');
    if (!(OPEN_NEEDS as readonly string[]).includes(need.status)) {
      throw new AppError('CONFLICT', `Il fabbisogno è ${need.status === 'chiuso' ? 'chiuso' : 'annullato'}: riaprirlo per proporre persone`);
    }
    const person = await trx.selectFrom('people').select(['id', 'merged_into_id']).where('id', '=', input.personId).executeTakeFirst();
    if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
    if (person.merged_into_id !== null) throw new AppError('CONFLICT', 'Questa scheda è stata unita a un’altra: proporre l’intervento sulla scheda conservata');
    const openCase = await trx.selectFrom('cases').select(['id', 'status']).where('person_id', '=', input.personId).where('closed_on', 'is', null).executeTakeFirst();
    const reason = cannotAddReason(openCase ? { status: openCase.status as CaseStatus } : undefined);
    if (reason || !openCase || !CASE_STATUSES_WITH_PATHS.includes(openCase.status as CaseStatus)) throw new AppError('CONFLICT', reason ?? 'Caso non valido');
    const already = await trx
      .selectFrom('interventions')
      .select('status')
      .where('person_id', '=', input.personId)
      .where('need_id', '=', input.needId)
      .where('status', 'in', ['proposto', 'attivo'])
      .executeTakeFirst();
    if (already) {
      throw new AppError('CONFLICT', `Per questo fabbisogno la persona ha già un intervento ${already.status === 'attivo' ? 'attivo' : 'proposto'}`);
    }
    const instrument = need.instrument_code as Instrument;
    const id = await insertIntervention(trx, ctx, {
      caseId: openCase.id,
      instrument,
      needId: need.id,
      status: 'proposto',
      values: {
        companyId: need.company_id, startDate: null, endDate: null, outcome: null, notes: null, contractType: null, hireKind: null, weeklyHours: null,
        tutorName: null, monthlyIndemnityCents: null, months: null, inclusiveTraineeship: false, traineeCategory: null, courseName: null,
        providerOrgId: null, courseHours: null, completed: null, certificate: null, businessIdea: null, grantCents: null, lender: null, loanCents: null,
        repaymentStatus: null, projectName: null, projectRole: null,
      },
    });
    const view = await loadIntervention(ctx, { id }, trx);
    return { result: view, audit: { action: 'proponi', entity: 'intervento', entityId: id, after: view } };
  });
}
