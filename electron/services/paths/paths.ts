import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB, InterventionTable } from '../../../db/schema';
import { AppError, fail, throwIfAny } from '../../contract/errors';
import type { ParsedInputOf } from '../../contract/define';
import type { InterventionView, PersonPath, pathsContract } from '../../contract/paths';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../domain/caseStatus';
import { italianDate } from '../../domain/dates';
import {
  canTransitionIntervention,
  checkIntervention,
  daysBetween,
  daysToPlacement,
  INSTRUMENT_LABELS,
  INTERVENTION_STATUS_LABELS,
  type ContractType,
  type FieldErrors,
  type HireKind,
  type Instrument,
  type InterventionData,
  type InterventionStatus,
  type RepaymentStatus,
} from '../../domain/paths';
import { insertStatusHistory } from '../cases/cases';
import { write, type ServiceContext } from '../context';
import { redact } from '../privacy';

/**
 * Interventions (the paths of DOMAIN.md §3): one per instrument, added to an open case taken in
 * charge, moved proposto → attivo → concluso | interrotto. The rules on their data are the pure ones
 * of electron/domain/paths.ts; every write is one transaction with one audit row.
 */

type Input<M extends keyof typeof pathsContract> = ParsedInputOf<(typeof pathsContract)[M]>;
type Db = Kysely<DB> | Transaction<DB>;
export type InterventionFieldValues = Omit<Input<'paths.update'>, 'id'>;

/** Case statuses that can get new interventions: taken in charge, with or without a path under way. */
export const CASE_STATUSES_WITH_PATHS: readonly CaseStatus[] = ['in_carico', 'in_percorso'];

// ---- reading ------------------------------------------------------------------------------------

function viewQuery(db: Db) {
  return db
    .selectFrom('interventions as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .innerJoin('cases as c', 'c.id', 'i.case_id')
    .innerJoin('instruments as ins', 'ins.code', 'i.instrument_code')
    .leftJoin('companies as co', 'co.id', 'i.company_id')
    .leftJoin('needs as n', 'n.id', 'i.need_id')
    .leftJoin('organisations as o', 'o.id', 'i.provider_org_id')
    .selectAll('i')
    .select(['p.last_name', 'p.first_name', 'c.first_interview_date', 'ins.name as instrument_name', 'co.name as company_name', 'n.role as need_role', 'o.name as provider_name']);
}
type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['executeTakeFirstOrThrow']>>;

/** Days from the first interview to the start of a hire or traineeship that started. */
export function daysFromInterview(row: { instrument_code: string; status: string; start_date: string | null }, firstInterview: string | null): number | null {
  if (row.instrument_code !== 'inserimento' && row.instrument_code !== 'tirocinio') return null;
  if (row.status === 'proposto' || !row.start_date || !firstInterview) return null;
  return daysBetween(firstInterview, row.start_date);
}

const flag = (v: 0 | 1 | null): boolean | null => (v === null ? null : v === 1);

/** The whole view, personal data included: callers get it through `redact`, the audit log as it is. */
function toView(row: ViewRow, pacts: InterventionView['pacts']): InterventionView {
  return {
    id: row.id,
    caseId: row.case_id,
    personId: row.person_id,
    personName: `${row.last_name} ${row.first_name}`,
    instrumentCode: row.instrument_code as Instrument,
    instrumentName: row.instrument_name,
    companyId: row.company_id,
    companyName: row.company_name,
    needId: row.need_id,
    needRole: row.need_role,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    outcome: row.outcome,
    notes: row.notes,
    contractType: row.contract_type as ContractType | null,
    hireKind: row.hire_kind,
    weeklyHours: row.weekly_hours,
    tutorName: row.tutor_name,
    monthlyIndemnityCents: row.monthly_indemnity_cents,
    months: row.months,
    inclusiveTraineeship: row.inclusive_traineeship === 1,
    traineeCategory: row.trainee_category,
    courseName: row.course_name,
    providerOrgId: row.provider_org_id,
    providerName: row.provider_name,
    courseHours: row.course_hours,
    completed: flag(row.completed),
    certificate: row.certificate,
    businessIdea: row.business_idea,
    grantCents: row.grant_cents,
    lender: row.lender,
    loanCents: row.loan_cents,
    repaymentStatus: row.repayment_status as RepaymentStatus | null,
    projectName: row.project_name,
    projectRole: row.project_role,
    daysFromFirstInterview: daysFromInterview(row, row.first_interview_date),
    pacts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    personalDataHidden: false,
  };
}

async function pactsOf(db: Db, interventionIds: number[]): Promise<Map<number, InterventionView['pacts']>> {
  const byIntervention = new Map<number, InterventionView['pacts']>();
  if (interventionIds.length === 0) return byIntervention;
  const rows = await db
    .selectFrom('pacts')
    .select(['id', 'number', 'status', 'intervention_id'])
    .where('intervention_id', 'in', interventionIds)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = byIntervention.get(r.intervention_id as number) ?? [];
    list.push({ id: r.id, number: r.number, status: r.status });
    byIntervention.set(r.intervention_id as number, list);
  }
  return byIntervention;
}

/** One intervention, whole (for the audit log and for `redact`). */
async function interventionView(db: Db, id: number): Promise<InterventionView> {
  const row = await viewQuery(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Intervento non trovato');
  const pacts = await pactsOf(db, [id]);
  return toView(row, pacts.get(id) ?? []);
}

/** One intervention as the caller may see it; `db` is the caller's transaction when inside one. */
export async function loadIntervention(ctx: ServiceContext, { id }: { id: number }, db: Db = ctx.store.db): Promise<InterventionView> {
  return redact(ctx, 'intervention', await interventionView(db, id));
}

/** Why a case cannot get new interventions, or null when it can. */
export function cannotAddReason(openCase: { status: CaseStatus } | undefined): string | null {
  if (!openCase) return 'La persona non ha una presa in carico aperta: aprirne una prima di aggiungere interventi';
  if (!CASE_STATUSES_WITH_PATHS.includes(openCase.status)) {
    return `Il caso è «${CASE_STATUS_LABELS[openCase.status]}»: gli interventi si aggiungono solo a un caso preso in carico (in carico o in percorso)`;
  }
  return null;
}

/** The path of a person: every intervention of every case, the placement figure, whether one can be added. */
export async function personPath(ctx: ServiceContext, { personId }: { personId: number }): Promise<PersonPath> {
  const db = ctx.store.db;
  const person = await db.selectFrom('people').select(['id', 'merged_into_id']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  const [cases, rows] = await Promise.all([
    db
      .selectFrom('cases')
      .select(['id', 'status', 'closed_on', 'first_interview_date', 'application_date'])
      .where('person_id', '=', personId)
      .orderBy('application_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    viewQuery(db).where('i.person_id', '=', personId).orderBy('i.start_date', 'desc').orderBy('i.id', 'desc').execute(),
  ]);
  const pacts = await pactsOf(
    db,
    rows.map((r) => r.id),
  );
  const interventions = rows
    .map((r) => redact(ctx, 'intervention', toView(r, pacts.get(r.id) ?? [])))
    // proposals without a date first (the next steps), then the newest start
    .sort((a, b) => Number(b.startDate === null) - Number(a.startDate === null) || (b.startDate ?? '').localeCompare(a.startDate ?? '') || b.id - a.id);
  const open = cases.find((c) => c.closed_on === null);
  const current = open ?? cases[0];
  const caseInterventions = current ? interventions.filter((i) => i.caseId === current.id) : [];
  const placement = current
    ? daysToPlacement(
        current.first_interview_date,
        caseInterventions.map((i) => ({ id: i.id, instrument: i.instrumentCode, status: i.status, startDate: i.startDate })),
      )
    : null;
  const openStatus = open ? { status: open.status as CaseStatus } : undefined;
  return {
    openCase: open ? { id: open.id, status: open.status as CaseStatus, firstInterviewDate: open.first_interview_date } : null,
    cannotAdd: person.merged_into_id !== null ? 'Questa scheda è stata unita a un’altra: lavorare sulla scheda conservata' : cannotAddReason(openStatus),
    placement,
    firstInterviewDate: current?.first_interview_date ?? null,
    interventions,
  };
}

// ---- writing ------------------------------------------------------------------------------------

/** The columns of each instrument: the others are stored empty. */
const INSTRUMENT_COLUMNS: Record<Instrument, readonly (keyof InterventionTable)[]> = {
  inserimento: ['company_id', 'contract_type', 'hire_kind', 'weekly_hours'],
  tirocinio: ['company_id', 'tutor_name', 'monthly_indemnity_cents', 'months', 'inclusive_traineeship', 'trainee_category'],
  autoimpiego: ['company_id', 'business_idea', 'grant_cents'],
  credito: ['lender', 'loan_cents', 'repayment_status'],
  // formazione: a course may be organised with (or for) a company
  formazione: ['company_id', 'course_name', 'provider_org_id', 'course_hours', 'completed', 'certificate'],
  pon: ['project_name', 'project_role'],
};
const ALL_INSTRUMENT_COLUMNS = [...new Set(Object.values(INSTRUMENT_COLUMNS).flat())];

type Columns = Updateable<InterventionTable>;

/** The form's values as columns, keeping only the instrument's own fields. */
function columnsFor(instrument: Instrument, v: InterventionFieldValues): Columns {
  const all: Columns = {
    company_id: v.companyId,
    contract_type: v.contractType,
    hire_kind: v.hireKind,
    weekly_hours: v.weeklyHours,
    tutor_name: v.tutorName,
    monthly_indemnity_cents: v.monthlyIndemnityCents,
    months: v.months,
    inclusive_traineeship: v.inclusiveTraineeship ? 1 : 0,
    trainee_category: v.traineeCategory,
    course_name: v.courseName,
    provider_org_id: v.providerOrgId,
    course_hours: v.courseHours,
    completed: v.completed === null ? null : v.completed ? 1 : 0,
    certificate: v.certificate,
    business_idea: v.businessIdea,
    grant_cents: v.grantCents,
    lender: v.lender,
    loan_cents: v.loanCents,
    repayment_status: v.repaymentStatus,
    project_name: v.projectName,
    project_role: v.projectRole,
  };
  const own = new Set<string>(INSTRUMENT_COLUMNS[instrument]);
  const columns: Columns = { start_date: v.startDate, end_date: v.endDate, outcome: v.outcome, notes: v.notes };
  for (const column of ALL_INSTRUMENT_COLUMNS) (columns as Record<string, unknown>)[column] = own.has(column) ? (all as Record<string, unknown>)[column] : null;
  return columns;
}

/** The columns as the domain rules see them. */
function dataOf(instrument: Instrument, status: InterventionStatus, c: Columns): InterventionData {
  return {
    instrument,
    status,
    companyId: c.company_id ?? null,
    startDate: c.start_date ?? null,
    endDate: c.end_date ?? null,
    outcome: c.outcome ?? null,
    contractType: (c.contract_type ?? null) as ContractType | null,
    hireKind: (c.hire_kind ?? null) as HireKind | null,
    weeklyHours: c.weekly_hours ?? null,
    tutorName: c.tutor_name ?? null,
    monthlyIndemnityCents: c.monthly_indemnity_cents ?? null,
    months: c.months ?? null,
    inclusiveTraineeship: c.inclusive_traineeship === 1,
    traineeCategory: c.trainee_category ?? null,
    courseName: c.course_name ?? null,
    courseHours: c.course_hours ?? null,
    completed: c.completed == null ? null : c.completed === 1,
    certificate: c.certificate ?? null,
    businessIdea: c.business_idea ?? null,
    grantCents: c.grant_cents ?? null,
    lender: c.lender ?? null,
    loanCents: c.loan_cents ?? null,
    projectName: c.project_name ?? null,
  };
}

interface CaseRow {
  id: number;
  person_id: number;
  status: CaseStatus;
  status_date: string;
  closed_on: string | null;
  application_date: string;
}

async function loadCase(db: Db, caseId: number): Promise<CaseRow> {
  const row = await db.selectFrom('cases').select(['id', 'person_id', 'status', 'status_date', 'closed_on', 'application_date']).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Caso non trovato');
  return { ...row, status: row.status as CaseStatus };
}

function requireCaseWithPaths(c: CaseRow, doing: string): void {
  if (c.closed_on !== null || !CASE_STATUSES_WITH_PATHS.includes(c.status)) {
    throw new AppError(
      'CONFLICT',
      `Il caso è «${CASE_STATUS_LABELS[c.status]}»: ${doing} solo per un caso preso in carico (in carico o in percorso)`,
    );
  }
}

/** Checks the company, the training provider (and the need) exist; adds field errors. */
async function checkReferences(db: Db, c: Columns, fields: FieldErrors): Promise<void> {
  if (c.company_id != null) {
    const company = await db.selectFrom('companies').select('id').where('id', '=', c.company_id).executeTakeFirst();
    if (!company) fields.companyId = 'Azienda non trovata';
  }
  if (c.provider_org_id != null) {
    const org = await db.selectFrom('organisations').select('id').where('id', '=', c.provider_org_id).executeTakeFirst();
    if (!org) fields.providerOrgId = 'Ente di formazione non trovato';
  }
}

/** The rules of the domain plus those that need the case: nothing starts before the application. */
function checkAll(today: string, instrument: Instrument, status: InterventionStatus, c: Columns, theCase: CaseRow, fields: FieldErrors): void {
  const errors = checkIntervention(dataOf(instrument, status, c), today);
  for (const [field, message] of Object.entries(errors)) fields[field] ??= message;
  if (!fields.startDate && c.start_date && c.start_date < theCase.application_date) {
    fields.startDate = `L’inizio non può precedere la domanda di partecipazione (${italianDate(theCase.application_date)})`;
  }
}

/** An intervention that starts moves its case from «in carico» to «in percorso» (dated at the start, or at the case's last change if later). */
async function startPath(trx: Transaction<DB>, ctx: ServiceContext, theCase: CaseRow, start: string, what: string): Promise<void> {
  if (theCase.status !== 'in_carico') return;
  const on = start > theCase.status_date ? start : theCase.status_date;
  await trx.updateTable('cases').set({ status: 'in_percorso', status_date: on, updated_at: ctx.clock.nowIso() }).where('id', '=', theCase.id).execute();
  await insertStatusHistory(trx, ctx, { caseId: theCase.id, from: 'in_carico', to: 'in_percorso', on, note: `Avvio: ${what}` });
}

function describe(instrument: Instrument, companyName: string | null): string {
  return companyName ? `${INSTRUMENT_LABELS[instrument]} presso ${companyName}` : INSTRUMENT_LABELS[instrument];
}

async function companyName(db: Db, companyId: number | null | undefined): Promise<string | null> {
  if (companyId == null) return null;
  const row = await db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirst();
  return row?.name ?? null;
}

/**
 * Inserts an intervention for an open case taken in charge, inside the caller's transaction; returns its id.
 * Refuses (nothing written) a closed case or a case not yet taken in charge, and data breaking the rules.
 */
export async function insertIntervention(
  trx: Transaction<DB>,
  ctx: ServiceContext,
  input: { caseId: number; instrument: Instrument; needId: number | null; status: 'proposto' | 'attivo'; values: InterventionFieldValues },
): Promise<number> {
  const theCase = await loadCase(trx, input.caseId);
  requireCaseWithPaths(theCase, 'si aggiungono interventi');
  const columns = columnsFor(input.instrument, input.values);
  const fields: FieldErrors = {};
  if (input.needId !== null) {
    const need = await trx.selectFrom('needs').select(['company_id']).where('id', '=', input.needId).executeTakeFirst();
    if (!need) fields.needId = 'Fabbisogno non trovato';
    else if (columns.company_id == null && INSTRUMENT_COLUMNS[input.instrument].includes('company_id')) columns.company_id = need.company_id;
  }
  await checkReferences(trx, columns, fields);
  checkAll(ctx.clock.today(), input.instrument, input.status, columns, theCase, fields);
  throwIfAny(fields);

  const now = ctx.clock.nowIso();
  const { id } = await trx
    .insertInto('interventions')
    .values({ ...columns, case_id: theCase.id, person_id: theCase.person_id, instrument_code: input.instrument, need_id: input.needId, status: input.status, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.status === 'attivo') await startPath(trx, ctx, theCase, columns.start_date as string, describe(input.instrument, await companyName(trx, columns.company_id)));
  return id;
}

export async function createIntervention(ctx: ServiceContext, input: Input<'paths.create'>): Promise<InterventionView> {
  const { caseId, instrumentCode, needId, status, ...values } = input;
  return write(ctx, async (trx) => {
    const id = await insertIntervention(trx, ctx, { caseId, instrument: instrumentCode, needId, status, values });
    const view = await interventionView(trx, id);
    return { result: redact(ctx, 'intervention', view), audit: { action: 'crea', entity: 'intervento', entityId: id, after: view } };
  });
}

async function loadRow(db: Db, id: number) {
  const row = await db.selectFrom('interventions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Intervento non trovato');
  return row;
}

export async function updateIntervention(ctx: ServiceContext, input: Input<'paths.update'>): Promise<InterventionView> {
  const { id, ...values } = input;
  return write(ctx, async (trx) => {
    const row = await loadRow(trx, id);
    const before = await interventionView(trx, id);
    const instrument = row.instrument_code as Instrument;
    const columns = columnsFor(instrument, values);
    // a proposal withdrawn before it started keeps no start date
    if (row.status === 'interrotto' && row.start_date === null) columns.start_date = null;
    const fields: FieldErrors = {};
    await checkReferences(trx, columns, fields);
    checkAll(ctx.clock.today(), instrument, row.status, columns, await loadCase(trx, row.case_id), fields);
    throwIfAny(fields);
    await trx.updateTable('interventions').set({ ...columns, updated_at: ctx.clock.nowIso() }).where('id', '=', id).execute();
    const after = await interventionView(trx, id);
    return { result: redact(ctx, 'intervention', after), audit: { action: 'modifica', entity: 'intervento', entityId: id, before, after } };
  });
}

export async function transitionIntervention(ctx: ServiceContext, input: Input<'paths.transition'>): Promise<InterventionView> {
  const { id, to, date } = input;
  return write(ctx, async (trx) => {
    const row = await loadRow(trx, id);
    const instrument = row.instrument_code as Instrument;
    const from = row.status;
    if (!canTransitionIntervention(from, to)) {
      throw new AppError('CONFLICT', `Passaggio non ammesso: da «${INTERVENTION_STATUS_LABELS[from]}» a «${INTERVENTION_STATUS_LABELS[to]}»`);
    }
    const before = await interventionView(trx, id);
    const theCase = await loadCase(trx, row.case_id);
    const fields: FieldErrors = {};
    if (date > ctx.clock.today()) fields.date = 'La data non può essere nel futuro';
    const columns: Columns = { ...row };
    delete columns.id;
    if (to === 'attivo') {
      requireCaseWithPaths(theCase, 'si avviano interventi');
      if (!fields.date && date < theCase.application_date) fields.date = `L’inizio non può precedere la domanda di partecipazione (${italianDate(theCase.application_date)})`;
      if (row.end_date && date > row.end_date) fields.date = `L’inizio non può essere dopo la fine prevista (${italianDate(row.end_date)}): correggere prima le date`;
      columns.start_date = date;
    } else {
      if (!input.outcome) fields.outcome = 'Indicare l’esito';
      if (!fields.date && row.start_date && date < row.start_date && from === 'attivo') fields.date = `La fine non può precedere l’inizio (${italianDate(row.start_date)})`;
      columns.end_date = date;
      columns.outcome = input.outcome;
      // a proposal that never started: its planned start no longer holds
      if (from === 'proposto') columns.start_date = null;
    }
    throwIfAny(fields);
    const errors: FieldErrors = {};
    checkAll(ctx.clock.today(), instrument, to, columns, theCase, errors);
    if (Object.keys(errors).length > 0) {
      const what = to === 'attivo' ? 'Prima di avviare l’intervento' : 'Prima di chiudere l’intervento';
      fail(errors, `${what} correggere o completare i dati: ${[...new Set(Object.values(errors))].join('; ')}`);
    }
    await trx
      .updateTable('interventions')
      .set({ status: to, start_date: columns.start_date, end_date: columns.end_date, outcome: columns.outcome, updated_at: ctx.clock.nowIso() })
      .where('id', '=', id)
      .execute();
    if (to === 'attivo') await startPath(trx, ctx, theCase, date, describe(instrument, before.companyName));
    const after = await interventionView(trx, id);
    return { result: redact(ctx, 'intervention', after), audit: { action: 'cambia_stato', entity: 'intervento', entityId: id, before, after } };
  });
}
