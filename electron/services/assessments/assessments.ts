import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../contract/errors';
import type { ParsedInputOf } from '../../contract/define';
import { templateDefinition, type AssessmentDetail, type AssessmentTemplate, type assessmentsContract, type TemplateDefinition } from '../../contract/assessments';
import { BAND_LABELS, bandFor, type BandThresholds } from '../../domain/bands';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../domain/caseStatus';
import { DEFAULT_TEMPLATE_CODE, defaultTemplate, definitionErrors } from './template';
import { insertStatusHistory } from '../cases/cases';
import { italianDate } from '../../domain/dates';
import { audit, auditRead, write, type ServiceContext } from '../context';
import { readSettings } from '../system/settings';
import { redact, seesPersonalData } from '../privacy';
import { lockSeries } from '../numbering';
import type { Store } from '../../../db/connection';
import type { AssessmentTemplateTable, DB } from '../../../db/schema';

type Input<M extends keyof typeof assessmentsContract> = ParsedInputOf<(typeof assessmentsContract)[M]>;
type TemplateRow = Selectable<AssessmentTemplateTable>;

/** The band thresholds in force (settings). */
export async function currentThresholds(store: Store): Promise<BandThresholds> {
  const settings = await readSettings(store);
  return { fragileAbove: settings.bandFragileAbove, strongBelow: settings.bandStrongBelow };
}

function toTemplate(row: TemplateRow, thresholds: BandThresholds): AssessmentTemplate {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    title: row.title,
    definition: templateDefinition.parse(JSON.parse(row.definition_json)),
    thresholds,
    createdAt: row.created_at,
  };
}

const itemCount = (definition: TemplateDefinition) => definition.dimensions.reduce((n, d) => n + d.items.length, 0);

function latestTemplateRow(db: Kysely<DB>): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('assessment_templates')
    .selectAll()
    .where('code', '=', DEFAULT_TEMPLATE_CODE)
    .orderBy('active', 'desc')
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

/**
 * The questionnaire in force. On a fresh database there is none yet: the default one
 * (resources/assessment/lr14-v1.json, or `defaultFile`) becomes version 1.
 */
export async function currentTemplate(ctx: ServiceContext, { defaultFile }: { defaultFile?: string } = {}): Promise<AssessmentTemplate> {
  const thresholds = await currentThresholds(ctx.store);
  const existing = await latestTemplateRow(ctx.store.db);
  if (existing) return toTemplate(existing, thresholds);
  const { title, definition } = defaultTemplate(defaultFile);
  // Not write(): when another call inserted it meanwhile, nothing is written and nothing audited.
  const row = await ctx.store.db.transaction().execute(async (trx) => {
    const again = await latestTemplateRow(trx);
    if (again) return again;
    const inserted = await trx
      .insertInto('assessment_templates')
      .values({ code: DEFAULT_TEMPLATE_CODE, version: 1, title, definition_json: JSON.stringify(definition), active: 1, created_at: ctx.clock.nowIso(), created_by: ctx.caller.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: 'crea',
      entity: 'questionario',
      entityId: inserted.id,
      after: { code: inserted.code, version: 1, title, items: itemCount(definition) },
    });
    return inserted;
  });
  return toTemplate(row, thresholds);
}

/** Saves an edited questionnaire as a new version; earlier versions stay (inactive) for the assessments that used them. */
export async function saveTemplate(ctx: ServiceContext, input: Input<'assessments.saveTemplate'>): Promise<AssessmentTemplate> {
  const fields = definitionErrors(input.definition);
  const first = Object.values(fields)[0];
  if (first !== undefined) throw new AppError('VALIDATION', `Il questionario non può essere salvato: ${first}`, fields);
  const thresholds = await currentThresholds(ctx.store);
  return write(ctx, async (trx) => {
    await lockSeries(trx, `questionario.${DEFAULT_TEMPLATE_CODE}`);
    const previous = await trx
      .selectFrom('assessment_templates')
      .select('version')
      .where('code', '=', DEFAULT_TEMPLATE_CODE)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    const version = (previous?.version ?? 0) + 1;
    await trx.updateTable('assessment_templates').set({ active: 0 }).where('code', '=', DEFAULT_TEMPLATE_CODE).execute();
    const row = await trx
      .insertInto('assessment_templates')
      .values({
        code: DEFAULT_TEMPLATE_CODE,
        version,
        title: input.title,
        definition_json: JSON.stringify(input.definition),
        active: 1,
        created_at: ctx.clock.nowIso(),
        created_by: ctx.caller.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toTemplate(row, thresholds),
      audit: {
        action: 'crea',
        entity: 'questionario',
        entityId: row.id,
        before: previous ? { version: previous.version } : undefined,
        after: { code: row.code, version, title: row.title, items: itemCount(input.definition) },
      },
    };
  });
}

export async function templateVersions(ctx: ServiceContext): Promise<{ id: number; version: number; title: string; createdAt: string; active: boolean }[]> {
  const rows = await ctx.store.db
    .selectFrom('assessment_templates')
    .select(['id', 'version', 'title', 'created_at', 'active'])
    .where('code', '=', DEFAULT_TEMPLATE_CODE)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, title: r.title, createdAt: r.created_at, active: r.active === 1 }));
}

type ScoredAnswer = { itemCode: string; optionCode: string; points: number };

/**
 * Scores the answers against the questionnaire: every item answered exactly once with one of its
 * options. Errors by item, as `answers.<itemCode>`.
 */
export function scoreAnswers(definition: TemplateDefinition, answers: readonly { itemCode: string; optionCode: string }[]): { answers: ScoredAnswer[]; total: number } {
  const items = definition.dimensions.flatMap((d) => d.items);
  const known = new Set(items.map((item) => item.code));
  const fields: Record<string, string> = {};
  const given = new Map<string, string>();
  for (const answer of answers) {
    const key = `answers.${answer.itemCode}`;
    if (!known.has(answer.itemCode)) fields[key] ??= 'Domanda non presente nel questionario';
    else if (given.has(answer.itemCode)) fields[key] ??= 'Risposta data più volte';
    else given.set(answer.itemCode, answer.optionCode);
  }
  const scored: ScoredAnswer[] = [];
  let missing = 0;
  for (const item of items) {
    const key = `answers.${item.code}`;
    const optionCode = given.get(item.code);
    if (optionCode === undefined) {
      missing++;
      fields[key] ??= 'Risposta mancante';
      continue;
    }
    const option = item.options.find((o) => o.code === optionCode);
    if (option) scored.push({ itemCode: item.code, optionCode, points: option.points });
    else fields[key] ??= 'Risposta non prevista per questa domanda';
  }
  if (Object.keys(fields).length > 0) {
    const message =
      missing === 0
        ? 'Alcune risposte del questionario non sono valide'
        : `Questionario incompleto: ${missing === 1 ? 'manca 1 risposta' : `mancano ${missing} risposte`}`;
    throw new AppError('VALIDATION', message, fields);
  }
  return { answers: scored, total: scored.reduce((sum, a) => sum + a.points, 0) };
}

/** An assessment; answers and notes only to the roles that may see sensitive data. */
export async function loadAssessment(ctx: ServiceContext, { id }: { id: number }, db: Kysely<DB> = ctx.store.db): Promise<AssessmentDetail> {
  const row = await db
    .selectFrom('assessments as a')
    .innerJoin('assessment_templates as t', 't.id', 'a.template_id')
    .leftJoin('users as u', 'u.id', 'a.assessor_user_id')
    .select([
      'a.id', 'a.case_id', 'a.person_id', 'a.assessed_on', 'u.full_name as assessor_name', 'a.template_id', 't.version', 't.title', 't.definition_json',
      'a.total_points', 'a.band', 'a.fragile_above', 'a.strong_below', 'a.routing', 'a.notes',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Valutazione non trovata');
  const definition = templateDefinition.parse(JSON.parse(row.definition_json));
  let answers: AssessmentDetail['answers'] = null;
  // not even read for callers who may not see them
  if (seesPersonalData(ctx)) {
    const rows = await db.selectFrom('assessment_answers').select(['item_code', 'option_code', 'points']).where('assessment_id', '=', id).execute();
    // In the questionnaire's order.
    const order = new Map(definition.dimensions.flatMap((d) => d.items).map((item, i) => [item.code, i]));
    answers = rows
      .map((r) => ({ itemCode: r.item_code, optionCode: r.option_code, points: r.points }))
      .sort((a, b) => (order.get(a.itemCode) ?? Infinity) - (order.get(b.itemCode) ?? Infinity));
  }
  return redact(ctx, 'assessment', {
    id: row.id,
    caseId: row.case_id,
    personId: row.person_id,
    assessedOn: row.assessed_on,
    assessorName: row.assessor_name,
    template: { id: row.template_id, version: row.version, title: row.title, definition },
    totalPoints: row.total_points,
    band: row.band,
    thresholds: { fragileAbove: row.fragile_above, strongBelow: row.strong_below },
    routing: row.routing,
    notes: row.notes,
    answers,
  });
}

/** assessments.get: an assessment as the caller may see it; opening its answers is audited. */
export async function readAssessment(ctx: ServiceContext, input: { id: number }): Promise<AssessmentDetail> {
  const detail = await loadAssessment(ctx, input);
  if (detail.answers !== null) await auditRead(ctx, { entity: 'valutazione', entityId: detail.id, after: { personId: detail.personId, caseId: detail.caseId } });
  return detail;
}

/** The statuses in which a case can be assessed: at the interview, or again before routing. */
const ASSESSABLE: readonly CaseStatus[] = ['colloquio_fissato', 'valutato'];

/**
 * Records an assessment: total, band with the thresholds in force, the template version and every
 * answer. A case with the interview scheduled becomes «Valutato» in the same transaction.
 */
export async function createAssessment(ctx: ServiceContext, input: Input<'assessments.create'>): Promise<AssessmentDetail> {
  if (input.assessedOn > ctx.clock.today()) {
    throw new AppError('VALIDATION', 'La data della valutazione non può essere nel futuro', { assessedOn: 'Data nel futuro' });
  }
  const thresholds = await currentThresholds(ctx.store);
  return write(ctx, async (trx) => {
    const c = await trx
      .selectFrom('cases')
      .select(['person_id', 'status', 'status_date', 'first_interview_date', 'referent_user_id'])
      .where('id', '=', input.caseId)
      .executeTakeFirst();
    if (!c) throw new AppError('NOT_FOUND', 'Caso non trovato');
    const status = c.status as CaseStatus;
    if (!ASSESSABLE.includes(status)) {
      throw new AppError(
        'CONFLICT',
        `Si può registrare la valutazione solo per un caso con colloquio fissato o già valutato (stato attuale: «${CASE_STATUS_LABELS[status]}»)`,
      );
    }
    const template = await trx.selectFrom('assessment_templates').select(['version', 'definition_json']).where('id', '=', input.templateId).executeTakeFirst();
    if (!template) throw new AppError('NOT_FOUND', 'Questionario non trovato: ricaricare la pagina');
    if (input.assessedOn < c.status_date) {
      const message = `La valutazione non può precedere la data dello stato attuale «${CASE_STATUS_LABELS[status]}» (${italianDate(c.status_date)})`;
      throw new AppError('VALIDATION', message, { assessedOn: message });
    }
    const { answers, total } = scoreAnswers(templateDefinition.parse(JSON.parse(template.definition_json)), input.answers);
    const band = bandFor(total, thresholds);

    const { id } = await trx
      .insertInto('assessments')
      .values({
        case_id: input.caseId,
        person_id: c.person_id,
        template_id: input.templateId,
        assessed_on: input.assessedOn,
        assessor_user_id: ctx.caller.userId,
        total_points: total,
        band,
        fragile_above: thresholds.fragileAbove,
        strong_below: thresholds.strongBelow,
        routing: BAND_LABELS[band].routing,
        notes: input.notes,
        created_at: ctx.clock.nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('assessment_answers')
      .values(answers.map((a) => ({ assessment_id: id, item_code: a.itemCode, option_code: a.optionCode, points: a.points })))
      .execute();

    if (status === 'colloquio_fissato') {
      await trx
        .updateTable('cases')
        .set({
          status: 'valutato',
          status_date: input.assessedOn,
          first_interview_date: c.first_interview_date ?? input.assessedOn,
          // whoever holds the interview follows the case unless a referent was already chosen
          referent_user_id: c.referent_user_id ?? ctx.caller.userId,
          updated_at: ctx.clock.nowIso(),
        })
        .where('id', '=', input.caseId)
        .execute();
      await insertStatusHistory(trx, ctx, { caseId: input.caseId, from: status, to: 'valutato', on: input.assessedOn, note: null });
    }
    const result = await loadAssessment(ctx, { id }, trx);
    // Totals only: the answers are sensitive and stay out of the audit log.
    return {
      result,
      audit: {
        action: 'crea',
        entity: 'valutazione',
        entityId: id,
        before: { caseStatus: status },
        after: {
          caseId: input.caseId,
          templateVersion: template.version,
          assessedOn: input.assessedOn,
          totalPoints: total,
          band,
          caseStatus: status === 'colloquio_fissato' ? 'valutato' : status,
        },
      },
    };
  });
}
