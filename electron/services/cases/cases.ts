import type { Kysely, Transaction, Updateable } from 'kysely';
import { italianDate } from '../../domain/dates';
import { AppError, throwIfAny } from '../../contract/errors';
import type { ParsedInputOf } from '../../contract/define';
import { CASE_ROUTING_STATUSES, type casesContract, type CaseView } from '../../contract/cases';
import { BAND_LABELS, type Band } from '../../domain/bands';
import {
  CASE_STATUS_LABELS,
  canTransition,
  type CaseOutcome,
  type CaseStatus,
  type OutOfTargetReason,
} from '../../domain/caseStatus';
import { write, type AuditEntry, type ServiceContext } from '../context';
import { answerDuplicates } from '../uniqueRules';
import type { CaseTable, DB } from '../../../db/schema';

type Input<M extends keyof typeof casesContract> = ParsedInputOf<(typeof casesContract)[M]>;


/** Cases with the names of their channel, referring organisation and referent (for toCaseView). */
export function caseViewQuery(db: Kysely<DB>) {
  return db
    .selectFrom('cases as c')
    .innerJoin('channels as ch', 'ch.code', 'c.channel_code')
    .leftJoin('organisations as o', 'o.id', 'c.referring_org_id')
    .leftJoin('users as u', 'u.id', 'c.referent_user_id')
    .select([
      'c.id', 'c.channel_code', 'ch.name as channel_name', 'c.referring_org_id', 'o.name as org_name', 'c.referring_point', 'c.application_date',
      'c.interview_scheduled_on', 'c.first_interview_date', 'c.referent_user_id', 'u.full_name as referent_name', 'c.status', 'c.status_date',
      'c.out_of_target_reason', 'c.outcome', 'c.closed_on', 'c.no_show_count',
    ]);
}
type CaseViewRow = Awaited<ReturnType<ReturnType<typeof caseViewQuery>['executeTakeFirstOrThrow']>>;

export function toCaseView(row: CaseViewRow): CaseView {
  return {
    id: row.id,
    channelCode: row.channel_code,
    channelName: row.channel_name,
    referringOrgId: row.referring_org_id,
    referringOrgName: row.org_name,
    referringPoint: row.referring_point,
    applicationDate: row.application_date,
    interviewScheduledOn: row.interview_scheduled_on,
    firstInterviewDate: row.first_interview_date,
    referentUserId: row.referent_user_id,
    referentName: row.referent_name,
    status: row.status as CaseStatus,
    statusDate: row.status_date,
    outOfTargetReason: row.out_of_target_reason as OutOfTargetReason | null,
    outcome: row.outcome as CaseOutcome | null,
    closedOn: row.closed_on,
    noShowCount: row.no_show_count,
  };
}

export async function loadCaseView(db: Kysely<DB>, caseId: number): Promise<CaseView> {
  const row = await caseViewQuery(db).where('c.id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Caso non trovato');
  return toCaseView(row);
}

/** Who holds a case, for messages: its referent, else the referring organisation, else the channel. */
function heldBy(view: CaseView): string {
  if (view.referentName) return `referente ${view.referentName}`;
  if (view.referringOrgName) return `inviato da ${view.referringOrgName}`;
  return `canale ${view.channelName}`;
}

/** Checks the referent (an active user) and the referring organisation, when given. */
async function checkPeople(db: Kysely<DB>, input: { referentUserId?: number | null; referringOrgId?: number | null }, fields: Record<string, string>): Promise<void> {
  if (input.referentUserId != null) {
    const user = await db.selectFrom('users').select(['full_name', 'active']).where('id', '=', input.referentUserId).executeTakeFirst();
    if (!user) fields.referentUserId = 'Referente non trovato';
    else if (user.active !== 1) fields.referentUserId = `${user.full_name} è disattivato: scegliere un altro referente`;
  }
  if (input.referringOrgId != null) {
    const org = await db.selectFrom('organisations').select('id').where('id', '=', input.referringOrgId).executeTakeFirst();
    if (!org) fields.referringOrgId = 'Ente inviante non trovato';
  }
}

/** One row of a case's status history, dated `on`, by the acting user. */
export async function insertStatusHistory(
  db: Kysely<DB>,
  ctx: ServiceContext,
  row: { caseId: number; from: CaseStatus | null; to: CaseStatus; on: string; note: string | null },
): Promise<void> {
  await db
    .insertInto('case_status_history')
    .values({ case_id: row.caseId, from_status: row.from, to_status: row.to, changed_on: row.on, changed_at: ctx.clock.nowIso(), user_id: ctx.caller.userId, note: row.note })
    .execute();
}

/** The refusal of a second open case, naming the open one; null when the person has none. */
async function openCaseRefusal(db: Kysely<DB>, personId: number): Promise<AppError | null> {
  const open = await db.selectFrom('cases').select('id').where('person_id', '=', personId).where('closed_on', 'is', null).executeTakeFirst();
  if (!open) return null;
  const view = await loadCaseView(db, open.id);
  return new AppError('CONFLICT', `La persona ha già un caso aperto (${CASE_STATUS_LABELS[view.status]}, ${heldBy(view)}): non si apre un secondo intervento`);
}

/**
 * Opens a case for a person inside the caller's transaction (cases.create, and people.register with
 * the person it has just written): at most one open case per person. Returns the case and its audit entry.
 */
export async function openCase(trx: Transaction<DB>, ctx: ServiceContext, input: Input<'cases.create'>): Promise<{ result: CaseView; audit: AuditEntry }> {
  if (input.applicationDate > ctx.clock.today()) {
    throw new AppError('VALIDATION', 'La data di iscrizione non può essere nel futuro', { applicationDate: 'Data nel futuro' });
  }
  const person = await trx.selectFrom('people').select(['merged_into_id', 'anonymised_at']).where('id', '=', input.personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  if (person.merged_into_id !== null) {
    throw new AppError('CONFLICT', 'Questa scheda è stata unita a un’altra persona: aprire il caso sulla scheda che la sostituisce');
  }
  if (person.anonymised_at !== null) throw new AppError('CONFLICT', 'La persona è stata anonimizzata: non si può aprire un caso');

  const fields: Record<string, string> = {};
  const channel = await trx.selectFrom('channels').select('code').where('code', '=', input.channelCode).executeTakeFirst();
  if (!channel) fields.channelCode = 'Canale di accesso non valido';
  await checkPeople(trx, input, fields);
  throwIfAny(fields);

  const refusal = await openCaseRefusal(trx, input.personId);
  if (refusal) throw refusal;

  const now = ctx.clock.nowIso();
  const { id } = await trx
    .insertInto('cases')
    .values({
      person_id: input.personId,
      channel_code: input.channelCode,
      referring_org_id: input.referringOrgId,
      referring_point: input.referringPoint,
      application_date: input.applicationDate,
      referent_user_id: input.referentUserId,
      status: 'iscritto',
      status_date: input.applicationDate,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertStatusHistory(trx, ctx, { caseId: id, from: null, to: 'iscritto', on: input.applicationDate, note: input.note });
  const view = await loadCaseView(trx, id);
  return { result: view, audit: { action: 'crea', entity: 'caso', entityId: id, after: { personId: input.personId, ...view } } };
}

export async function createCase(ctx: ServiceContext, input: Input<'cases.create'>): Promise<CaseView> {
  // two desks opening a case for the same person at the same instant: the second gets the same refusal
  return answerDuplicates(() => write(ctx, (trx) => openCase(trx, ctx, input)), {
    caso_aperto: async (error) => {
      throw (await openCaseRefusal(ctx.store.db, input.personId)) ?? error;
    },
  });
}

export async function updateCase(ctx: ServiceContext, input: Input<'cases.update'>): Promise<CaseView> {
  return write(ctx, async (trx) => {
    const before = await loadCaseView(trx, input.caseId);
    const fields: Record<string, string> = {};
    await checkPeople(trx, input, fields);
    throwIfAny(fields);
    const set: Updateable<CaseTable> = { updated_at: ctx.clock.nowIso() };
    if (input.referentUserId !== undefined) set.referent_user_id = input.referentUserId;
    if (input.referringOrgId !== undefined) set.referring_org_id = input.referringOrgId;
    if (input.referringPoint !== undefined) set.referring_point = input.referringPoint || null;
    await trx.updateTable('cases').set(set).where('id', '=', input.caseId).execute();
    const after = await loadCaseView(trx, input.caseId);
    return { result: after, audit: { action: 'modifica', entity: 'caso', entityId: input.caseId, before, after } };
  });
}

/** The most recent assessment of a case (a re-assessment replaces the earlier one for routing). */
export async function latestAssessment(
  db: Kysely<DB>,
  caseId: number,
): Promise<{ id: number; assessedOn: string; band: Band; totalPoints: number } | undefined> {
  const row = await db
    .selectFrom('assessments')
    .select(['id', 'assessed_on', 'band', 'total_points'])
    .where('case_id', '=', caseId)
    .orderBy('assessed_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row && { id: row.id, assessedOn: row.assessed_on, band: row.band, totalPoints: row.total_points };
}

/** Before the case is taken in charge it can only end without a placement. */
const EARLY_OUTCOMES: readonly CaseOutcome[] = ['ritirato', 'non_reperibile', 'altro_servizio'];
const REASON_BAND: Record<OutOfTargetReason, Band> = { fragile: 'fragile', profilo_forte: 'forte' };

/** Moves a case along an allowed transition (routing it is for coordinators: the contract says so, the dispatch checks). */
export async function transitionCase(ctx: ServiceContext, input: Input<'cases.transition'>): Promise<CaseView> {
  const { to, date, note } = input;
  return write(ctx, async (trx) => {
    const before = await loadCaseView(trx, input.caseId);
    const from = before.status;
    if (!canTransition(from, to)) {
      throw new AppError('CONFLICT', `Transizione non ammessa: da «${CASE_STATUS_LABELS[from]}» a «${CASE_STATUS_LABELS[to]}»`);
    }
    if (to === 'valutato') throw new AppError('CONFLICT', 'Un caso diventa «Valutato» registrando la valutazione L.R. 14/2015');
    const routing = CASE_ROUTING_STATUSES.includes(to);

    const fields: Record<string, string> = {};
    if (date > ctx.clock.today()) fields.date = 'La data non può essere nel futuro';
    else if (date < before.statusDate) {
      fields.date = `La data non può precedere quella dello stato attuale «${CASE_STATUS_LABELS[from]}» (${italianDate(before.statusDate)})`;
    }
    const set: Updateable<CaseTable> = { status: to, status_date: date, updated_at: ctx.clock.nowIso() };

    if (to === 'colloquio_fissato') {
      if (!input.interviewOn) fields.interviewOn = 'Indicare la data del colloquio';
      else if (input.interviewOn < date) fields.interviewOn = 'Il colloquio non può essere prima del giorno in cui viene fissato';
      set.interview_scheduled_on = input.interviewOn;
    }
    if (routing) {
      const latest = await latestAssessment(trx, input.caseId);
      if (!latest) throw new AppError('CONFLICT', 'Il caso non ha ancora una valutazione L.R. 14/2015: registrarla prima di decidere');
      if (!fields.date && date < latest.assessedOn) fields.date = `La data non può precedere l’ultima valutazione (${italianDate(latest.assessedOn)})`;
      const assessed = `La valutazione indica «${BAND_LABELS[latest.band].label}» (${latest.totalPoints} punti)`;
      if (to === 'in_carico' && latest.band !== 'target' && !note) {
        fields.note = `${assessed}: spiegare nella nota perché la persona viene presa in carico`;
      }
      if (to === 'fuori_target') {
        if (!input.outOfTargetReason) fields.outOfTargetReason = 'Indicare il motivo per cui il caso è fuori target';
        else if (REASON_BAND[input.outOfTargetReason] !== latest.band && !note) {
          fields.note = `${assessed}: spiegare nella nota perché il caso è fuori target con questo motivo`;
        }
        set.out_of_target_reason = input.outOfTargetReason;
        set.closed_on = date;
      }
    }
    if (to === 'concluso') {
      if (!input.outcome) fields.outcome = 'Indicare l’esito';
      else if ((from === 'iscritto' || from === 'colloquio_fissato') && !EARLY_OUTCOMES.includes(input.outcome)) {
        fields.outcome = 'Prima della presa in carico un caso si chiude solo come «Ritirato», «Non più reperibile» o «Inviato ad altro servizio»';
      }
      set.outcome = input.outcome;
      set.closed_on = date;
    }
    throwIfAny(fields);

    await trx.updateTable('cases').set(set).where('id', '=', input.caseId).execute();
    await insertStatusHistory(trx, ctx, { caseId: input.caseId, from, to, on: date, note });
    const after = await loadCaseView(trx, input.caseId);
    return { result: after, audit: { action: 'cambia_stato', entity: 'caso', entityId: input.caseId, before, after } };
  });
}

export async function recordNoShow(ctx: ServiceContext, input: Input<'cases.recordNoShow'>): Promise<CaseView> {
  return write(ctx, async (trx) => {
    const before = await loadCaseView(trx, input.caseId);
    if (before.status !== 'colloquio_fissato') {
      throw new AppError(
        'CONFLICT',
        `La mancata presentazione si registra solo per un caso con colloquio fissato (stato attuale: «${CASE_STATUS_LABELS[before.status]}»)`,
      );
    }
    if (input.scheduledOn > ctx.clock.today()) {
      throw new AppError('VALIDATION', 'Il colloquio non è ancora avvenuto: non si può registrare la mancata presentazione', { scheduledOn: 'Data nel futuro' });
    }
    if (input.scheduledOn < before.applicationDate) {
      const message = `Il colloquio non può precedere l’iscrizione (${italianDate(before.applicationDate)})`;
      throw new AppError('VALIDATION', message, { scheduledOn: message });
    }
    const same = await trx.selectFrom('case_no_shows').select('id').where('case_id', '=', input.caseId).where('scheduled_on', '=', input.scheduledOn).executeTakeFirst();
    if (same) throw new AppError('CONFLICT', `La mancata presentazione al colloquio del ${italianDate(input.scheduledOn)} è già registrata`);

    await trx
      .insertInto('case_no_shows')
      .values({ case_id: input.caseId, scheduled_on: input.scheduledOn, recorded_at: ctx.clock.nowIso(), user_id: ctx.caller.userId, note: input.note })
      .execute();
    await trx
      .updateTable('cases')
      .set((eb) => ({ no_show_count: eb('no_show_count', '+', 1), updated_at: ctx.clock.nowIso() }))
      .where('id', '=', input.caseId)
      .execute();
    const after = await loadCaseView(trx, input.caseId);
    return {
      result: after,
      audit: {
        action: 'mancata_presentazione',
        entity: 'caso',
        entityId: input.caseId,
        before: { noShowCount: before.noShowCount },
        after: { noShowCount: after.noShowCount, scheduledOn: input.scheduledOn },
      },
    };
  });
}
