import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema';
import { AppError, fail } from '../../contract/errors';
import { NEED_STATUS_LABELS, NEED_TRANSITIONS, OPEN_NEED_STATUSES, type NeedStatus, type NeedView, type needInput } from '../../contract/companies';
import { write, type ServiceContext } from '../context';
import { requireCompany } from './companies';
import { claimVersion } from '../versions';

/** Fabbisogni: what a company asks for (role, positions, instrument, period, requirements and skills). */

export type NeedData = z.output<typeof needInput>;
type Db = Kysely<DB> | Transaction<DB>;


/** Distinct values, compared without case; the first spelling wins. */
function distinct(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function validateNeed(db: Db, input: NeedData): Promise<NeedData> {
  const [instrument, district] = await Promise.all([
    db.selectFrom('instruments').select('code').where('code', '=', input.instrumentCode).executeTakeFirst(),
    input.districtCode ? db.selectFrom('districts').select('code').where('code', '=', input.districtCode).executeTakeFirst() : undefined,
  ]);
  const fields: Record<string, string> = {};
  if (!instrument) fields.instrumentCode = 'Strumento non presente nell’elenco';
  if (input.districtCode && !district) fields.districtCode = 'Distretto non presente nell’elenco';
  if (Object.keys(fields).length > 0) fail(fields);
  return { ...input, skills: distinct(input.skills) };
}

// ---- reading ------------------------------------------------------------------------------------

interface NeedRow {
  id: number;
  company_id: number;
  company_name: string;
  role: string;
  positions: number;
  instrument_code: string;
  instrument_name: string;
  period_from: string | null;
  period_to: string | null;
  requirements: string | null;
  district_code: string | null;
  district_name: string | null;
  status: NeedStatus;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The needs with the given ids (in that order), with their skills and how many interventions point at each. */
export async function needViews(db: Db, ids: number[]): Promise<NeedView[]> {
  if (ids.length === 0) return [];
  const idList = sql.join(ids.map((i) => sql`${i}`));
  const [{ rows }, { rows: skills }, { rows: counts }] = await Promise.all([
    sql<NeedRow>`SELECT n.id, n.company_id, c.name AS company_name, n.role, n.positions, n.instrument_code, i.name AS instrument_name,
        n.period_from, n.period_to, n.requirements, n.district_code, d.name AS district_name, n.status, n.version, n.created_at, n.updated_at
      FROM needs n JOIN companies c ON c.id = n.company_id JOIN instruments i ON i.code = n.instrument_code
      LEFT JOIN districts d ON d.code = n.district_code
      WHERE n.id IN (${idList})`.execute(db),
    sql<{ need_id: number; skill: string }>`SELECT need_id, skill FROM need_skills WHERE need_id IN (${idList}) ORDER BY need_id, skill`.execute(db),
    sql<{ need_id: number; n: number }>`SELECT need_id, count(*) AS n FROM interventions WHERE need_id IN (${idList}) GROUP BY need_id`.execute(db),
  ]);
  const skillsOf = new Map<number, string[]>();
  for (const s of skills) skillsOf.set(s.need_id, [...(skillsOf.get(s.need_id) ?? []), s.skill]);
  const countOf = new Map(counts.map((c) => [c.need_id, c.n]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((needId) => {
    const r = byId.get(needId);
    if (!r) return [];
    return [
      {
        id: r.id,
        companyId: r.company_id,
        companyName: r.company_name,
        role: r.role,
        positions: r.positions,
        instrumentCode: r.instrument_code,
        instrumentName: r.instrument_name,
        periodFrom: r.period_from,
        periodTo: r.period_to,
        requirements: r.requirements,
        skills: skillsOf.get(r.id) ?? [],
        districtCode: r.district_code,
        districtName: r.district_name,
        status: r.status,
        interventions: countOf.get(r.id) ?? 0,
        version: r.version,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      },
    ];
  });
}

/** One need; NOT_FOUND when there is none. */
export async function needView(db: Db, id: number): Promise<NeedView> {
  const [need] = await needViews(db, [id]);
  if (!need) throw new AppError('NOT_FOUND', 'Fabbisogno non trovato');
  return need;
}

export function getNeed(ctx: ServiceContext, { id }: { id: number }): Promise<NeedView> {
  return needView(ctx.store.db, id);
}

/** A company's needs: open and in progress first, then by period (newest first). */
export async function companyNeeds(db: Db, companyId: number): Promise<NeedView[]> {
  const open = sql.join(OPEN_NEED_STATUSES.map((s) => sql`${s}`));
  const { rows } = await sql<{ id: number }>`SELECT id FROM needs WHERE company_id = ${companyId}
    ORDER BY status IN (${open}) DESC, coalesce(period_from, substr(created_at, 1, 10)) DESC, id DESC`.execute(db);
  return needViews(
    db,
    rows.map((r) => r.id),
  );
}

// ---- writing ------------------------------------------------------------------------------------

/** The audit's picture of a need. */
function auditView(companyId: number, n: NeedData, status: NeedStatus) {
  return { companyId, ...n, status };
}

export async function createNeed(ctx: ServiceContext, input: NeedData & { companyId: number }): Promise<NeedView> {
  const { companyId, ...data } = input;
  const need = await validateNeed(ctx.store.db, data);
  return write(ctx, async (trx) => {
    await requireCompany(trx, companyId);
    const now = ctx.clock.nowIso();
    const { id } = await trx
      .insertInto('needs')
      .values({
        company_id: companyId,
        role: need.role,
        positions: need.positions,
        instrument_code: need.instrumentCode,
        period_from: need.periodFrom,
        period_to: need.periodTo,
        requirements: need.requirements,
        district_code: need.districtCode,
        status: 'aperto',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (need.skills.length > 0) await trx.insertInto('need_skills').values(need.skills.map((skill) => ({ need_id: id, skill }))).execute();
    return { result: await needView(trx, id), audit: { action: 'crea', entity: 'fabbisogno', entityId: id, after: auditView(companyId, need, 'aperto') } };
  });
}

function storedData(v: NeedView): NeedData {
  return {
    role: v.role,
    positions: v.positions,
    instrumentCode: v.instrumentCode,
    periodFrom: v.periodFrom,
    periodTo: v.periodTo,
    requirements: v.requirements,
    skills: v.skills,
    districtCode: v.districtCode,
  };
}

/** Changes an open need; refused when another desk changed it since `version` was read (versions.ts). */
export async function updateNeed(ctx: ServiceContext, input: NeedData & { id: number; version: number }): Promise<NeedView> {
  const { id, version, ...data } = input;
  const need = await validateNeed(ctx.store.db, data);
  return write(ctx, async (trx) => {
    const current = await needView(trx, id);
    if (!OPEN_NEED_STATUSES.includes(current.status)) {
      throw new AppError('CONFLICT', `Il fabbisogno è «${NEED_STATUS_LABELS[current.status].toLowerCase()}»: riaprirlo prima di modificarlo`);
    }
    await claimVersion(trx, ctx, { record: 'fabbisogno', entityId: id, id }, version);
    await trx
      .updateTable('needs')
      .set({
        role: need.role,
        positions: need.positions,
        instrument_code: need.instrumentCode,
        period_from: need.periodFrom,
        period_to: need.periodTo,
        requirements: need.requirements,
        district_code: need.districtCode,
        updated_at: ctx.clock.nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('need_skills').where('need_id', '=', id).execute();
    if (need.skills.length > 0) await trx.insertInto('need_skills').values(need.skills.map((skill) => ({ need_id: id, skill }))).execute();
    return {
      result: await needView(trx, id),
      audit: {
        action: 'modifica',
        entity: 'fabbisogno',
        entityId: id,
        before: auditView(current.companyId, storedData(current), current.status),
        after: auditView(current.companyId, need, current.status),
      },
    };
  });
}

export async function setNeedStatus(ctx: ServiceContext, input: { id: number; status: NeedStatus }): Promise<NeedView> {
  return write(ctx, async (trx) => {
    const current = await needView(trx, input.id);
    if (!NEED_TRANSITIONS[current.status].includes(input.status)) {
      const from = NEED_STATUS_LABELS[current.status].toLowerCase();
      const to = NEED_STATUS_LABELS[input.status].toLowerCase();
      const message = current.status === input.status ? `Il fabbisogno è già «${from}»` : `Un fabbisogno «${from}» non può passare a «${to}»`;
      throw new AppError('CONFLICT', message, { status: message });
    }
    await trx.updateTable('needs').set({ status: input.status, updated_at: ctx.clock.nowIso() }).where('id', '=', input.id).execute();
    return {
      result: await needView(trx, input.id),
      audit: { action: 'stato', entity: 'fabbisogno', entityId: input.id, before: { companyId: current.companyId, status: current.status }, after: { companyId: current.companyId, status: input.status } },
    };
  });
}
