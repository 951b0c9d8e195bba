import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB, PactTable } from '../../../db/schema';
import { AppError, throwIfAny } from '../../contract/errors';
import type {
  PactDetail,
  PactFileInfo,
  PactHistoryEntry,
  PactInterventionOption,
  PactListPage,
  PactListRow,
  PactPrefill,
  PactSortColumn,
  PactValues,
  PactView,
  pactFilter,
} from '../../contract/pacts';
import { italianDate } from '../../domain/dates';
import { formatPactNumber, modeForInstrument, PACT_NUMBER_PREFIX, splitFullName, type PactMode, type PactStatus } from '../../domain/pacts';
import { nameKey } from '../../domain/text';
import { write, type ServiceContext } from '../context';
import { unindexed } from '../../../db/dialect';
import { redact } from '../privacy';
import { claimVersion } from '../versions';
import { lockSeries } from '../numbering';
import type { z } from 'zod';

/**
 * Patti per il buon lavoro: prefill, create, edit a draft, read, list. The lifecycle (print, sign,
 * archive, cancel) and the files are in lifecycle.ts.
 */

const INTERVENTION_STATUS_LABELS: Record<string, string> = { proposto: 'proposto', attivo: 'attivo', concluso: 'concluso', interrotto: 'interrotto' };


function modesOf(row: { mode_inserimento: number; mode_tirocinio: number; mode_autoimpiego: number; mode_altro_text: string | null }): PactMode[] {
  const modes: PactMode[] = [];
  if (row.mode_inserimento) modes.push('inserimento');
  if (row.mode_tirocinio) modes.push('tirocinio');
  if (row.mode_autoimpiego) modes.push('autoimpiego');
  if (row.mode_altro_text) modes.push('altro');
  return modes;
}

function interventionLabel(row: { instrument_name: string | null; status: string | null; start_date: string | null }): string | null {
  if (!row.instrument_name) return null;
  const parts = [row.instrument_name];
  if (row.status) parts.push(INTERVENTION_STATUS_LABELS[row.status] ?? row.status);
  if (row.start_date) parts.push(`dal ${italianDate(row.start_date)}`);
  return parts.join(' · ');
}

// ---- reading one pact -----------------------------------------------------------------------------

/** One pact, whole (for the audit log and for `redact`). */
export async function pactDetail(db: Kysely<DB>, id: number): Promise<PactDetail> {
  const row = await db
    .selectFrom('pacts as pa')
    .innerJoin('companies as co', 'co.id', 'pa.company_id')
    .leftJoin('interventions as iv', 'iv.id', 'pa.intervention_id')
    .leftJoin('instruments as ins', 'ins.code', 'iv.instrument_code')
    .selectAll('pa')
    .select(['co.name as company_name', 'ins.name as instrument_name', 'iv.status as intervention_status', 'iv.start_date as intervention_start'])
    .where('pa.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Patto non trovato');
  const [history, file] = await Promise.all([
    db
      .selectFrom('pact_status_history as h')
      .leftJoin('users as u', 'u.id', 'h.user_id')
      .select(['h.from_status', 'h.to_status', 'h.changed_at', 'h.note', 'u.full_name'])
      .where('h.pact_id', '=', id)
      .orderBy('h.changed_at')
      .orderBy('h.id')
      .execute(),
    row.signed_attachment_id === null
      ? Promise.resolve(undefined)
      : db
          .selectFrom('attachments as a')
          .leftJoin('users as u', 'u.id', 'a.uploaded_by')
          .select(['a.id', 'a.file_name', 'a.mime_type', 'a.size_bytes', 'a.sha256', 'a.uploaded_at', 'u.full_name'])
          .where('a.id', '=', row.signed_attachment_id)
          .executeTakeFirst(),
  ]);
  const signedCopy: PactFileInfo | null = file
    ? { id: file.id, fileName: file.file_name, mimeType: file.mime_type, sizeBytes: file.size_bytes, sha256: file.sha256, uploadedAt: file.uploaded_at, uploadedBy: file.full_name }
    : null;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    personId: row.person_id,
    companyId: row.company_id,
    companyName: row.company_name,
    interventionId: row.intervention_id,
    interventionLabel: interventionLabel({ instrument_name: row.instrument_name, status: row.intervention_status, start_date: row.intervention_start }),
    signerName: row.signer_name,
    signerRole: row.signer_role,
    seatCity: row.seat_city,
    seatStreet: row.seat_street,
    seatNumber: row.seat_number,
    modes: modesOf(row),
    modeAltroText: row.mode_altro_text,
    personFirstName: row.person_first_name,
    personLastName: row.person_last_name,
    personBirthPlace: row.person_birth_place,
    personBirthDate: row.person_birth_date,
    personCity: row.person_city,
    personStreet: row.person_street,
    personNumber: row.person_number,
    referentUserId: row.referent_user_id,
    referentFirstName: row.referent_first_name,
    referentLastName: row.referent_last_name,
    pactDate: row.pact_date,
    pactPlace: row.pact_place,
    printedAt: row.printed_at,
    signedOn: row.signed_on,
    archivedOn: row.archived_on,
    cancelledReason: row.cancelled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signedCopy,
    history: history.map(
      (h): PactHistoryEntry => ({ fromStatus: h.from_status as PactStatus | null, toStatus: h.to_status as PactStatus, changedAt: h.changed_at, by: h.full_name, note: h.note }),
    ),
    version: row.version,
    personalDataHidden: false,
  };
}

/** pacts.get: one pact as the caller may see it; `db` is the caller's transaction when inside one. */
export async function loadPact(ctx: ServiceContext, { id }: { id: number }, db: Kysely<DB> = ctx.store.db): Promise<PactDetail> {
  return redact(ctx, 'pact', await pactDetail(db, id));
}

// ---- prefill --------------------------------------------------------------------------------------

interface PrefillInput {
  personId?: number | null;
  companyId?: number | null;
  interventionId?: number | null;
}

async function loadPerson(db: Kysely<DB>, personId: number) {
  const person = await db
    .selectFrom('people as p')
    .leftJoin('birth_places as bp', 'bp.code', 'p.birth_place_code')
    .leftJoin('cases as c', 'c.id', 'p.current_case_id')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'c.referent_user_id').on('u.active', '=', 1))
    .select([
      'p.id', 'p.first_name', 'p.last_name', 'p.birth_date', 'p.birth_place_text', 'bp.name as birth_place_name', 'bp.province as birth_province',
      'bp.kind as birth_place_kind', 'p.domicile_name', 'p.domicile_street', 'p.domicile_number', 'p.merged_into_id', 'p.anonymised_at',
      'u.id as referent_id', 'u.full_name as referent_name',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  if (person.merged_into_id !== null) {
    throw new AppError('CONFLICT', `Questa scheda è stata unita alla scheda n. ${person.merged_into_id}: preparare il patto da quella`, { personId: 'Scheda unita a un’altra' });
  }
  if (person.anonymised_at !== null) throw new AppError('CONFLICT', 'La persona è stata anonimizzata: non si può preparare un patto', { personId: 'Persona anonimizzata' });
  return person;
}

async function loadCompany(db: Kysely<DB>, companyId: number) {
  const company = await db
    .selectFrom('companies')
    .select(['id', 'name', 'vat_number', 'seat_city', 'seat_street', 'seat_number', 'legal_rep_name', 'legal_rep_role'])
    .where('id', '=', companyId)
    .executeTakeFirst();
  if (!company) throw new AppError('NOT_FOUND', 'Azienda non trovata');
  return company;
}

async function loadIntervention(db: Kysely<DB>, interventionId: number) {
  const iv = await db
    .selectFrom('interventions as i')
    .innerJoin('instruments as ins', 'ins.code', 'i.instrument_code')
    .leftJoin('cases as c', 'c.id', 'i.case_id')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'c.referent_user_id').on('u.active', '=', 1))
    .select(['i.id', 'i.person_id', 'i.company_id', 'i.instrument_code', 'u.id as referent_id', 'u.full_name as referent_name'])
    .where('i.id', '=', interventionId)
    .executeTakeFirst();
  if (!iv) throw new AppError('NOT_FOUND', 'Percorso non trovato', { interventionId: 'Percorso non trovato' });
  return iv;
}

/** The person's interventions that a pact with this company can refer to: with the company, or with none. */
async function interventionOptions(db: Kysely<DB>, personId: number, companyId: number | null): Promise<PactInterventionOption[]> {
  let q = db
    .selectFrom('interventions as i')
    .innerJoin('instruments as ins', 'ins.code', 'i.instrument_code')
    .leftJoin('companies as co', 'co.id', 'i.company_id')
    .select(['i.id', 'i.instrument_code', 'ins.name as instrument_name', 'i.company_id', 'co.name as company_name', 'i.status', 'i.start_date'])
    .where('i.person_id', '=', personId);
  if (companyId !== null) q = q.where((eb) => eb.or([eb('i.company_id', '=', companyId), eb('i.company_id', 'is', null)]));
  const rows = await q.orderBy('i.start_date', 'desc').orderBy('i.id', 'desc').limit(50).execute();
  return rows.map((r) => ({
    id: r.id,
    instrumentCode: r.instrument_code,
    instrumentName: r.instrument_name,
    companyId: r.company_id,
    companyName: r.company_name,
    status: r.status,
    startDate: r.start_date,
  }));
}

/** The IXL referent on the form: the case's referent, else the user preparing the pact. */
function referentOf(caseReferent: { id: number | null; name: string | null }, user: { id: number; fullName: string } | null) {
  const chosen = caseReferent.id !== null && caseReferent.name ? { id: caseReferent.id, name: caseReferent.name } : user && user.id > 0 ? { id: user.id, name: user.fullName } : null;
  if (!chosen) return { referentUserId: null, referentFirstName: '', referentLastName: '' };
  const { firstName, lastName } = splitFullName(chosen.name);
  return { referentUserId: chosen.id, referentFirstName: firstName, referentLastName: lastName };
}

export async function prefillPact(ctx: ServiceContext, input: PrefillInput): Promise<PactPrefill> {
  const db = ctx.store.db;
  const user = ctx.caller.userId !== null ? { id: ctx.caller.userId, fullName: ctx.caller.fullName } : null;
  let personId = input.personId ?? null;
  let companyId = input.companyId ?? null;
  const intervention = input.interventionId ? await loadIntervention(db, input.interventionId) : null;
  if (intervention) {
    if (personId !== null && personId !== intervention.person_id) {
      throw new AppError('VALIDATION', 'Il percorso scelto è di un’altra persona', { interventionId: 'Percorso di un’altra persona' });
    }
    if (companyId !== null && intervention.company_id !== null && companyId !== intervention.company_id) {
      throw new AppError('VALIDATION', 'Il percorso scelto è con un’altra azienda', { interventionId: 'Percorso con un’altra azienda' });
    }
    personId = intervention.person_id;
    companyId ??= intervention.company_id;
  }
  const [person, company] = await Promise.all([personId ? loadPerson(db, personId) : null, companyId ? loadCompany(db, companyId) : null]);
  const [interventions, existing] = await Promise.all([
    person ? interventionOptions(db, person.id, company?.id ?? null) : [],
    person && company
      ? db
          .selectFrom('pacts')
          .select(['id', 'number', 'status', 'pact_date'])
          .where('person_id', '=', person.id)
          .where('company_id', '=', company.id)
          .where('status', '!=', 'annullato')
          .orderBy('pact_date', 'desc')
          .execute()
      : [],
  ]);

  let values: PactValues | null = null;
  if (person && company) {
    const birthPlace = person.birth_place_name
      ? person.birth_place_kind === 'comune' && person.birth_province
        ? `${person.birth_place_name} (${person.birth_province})`
        : person.birth_place_name
      : person.birth_place_text;
    const mode = modeForInstrument(intervention?.instrument_code);
    values = {
      signerName: company.legal_rep_name ?? '',
      signerRole: company.legal_rep_role ?? 'Legale rappresentante',
      seatCity: company.seat_city,
      seatStreet: company.seat_street,
      seatNumber: company.seat_number,
      modes: mode ? [mode] : [],
      modeAltroText: null,
      personFirstName: person.first_name,
      personLastName: person.last_name,
      personBirthPlace: birthPlace,
      personBirthDate: person.birth_date,
      personCity: person.domicile_name,
      personStreet: person.domicile_street,
      personNumber: person.domicile_number,
      ...referentOf(
        intervention?.referent_id ? { id: intervention.referent_id, name: intervention.referent_name } : { id: person.referent_id, name: person.referent_name },
        user,
      ),
      pactDate: ctx.clock.today(),
      pactPlace: 'Bologna',
    };
  }
  return {
    person: person && { id: person.id, name: `${person.last_name} ${person.first_name}` },
    company: company && { id: company.id, name: company.name, vatNumber: company.vat_number },
    interventionId: intervention?.id ?? null,
    values,
    interventions,
    existing: existing.map((e) => ({ id: e.id, number: e.number, status: e.status, pactDate: e.pact_date })),
  };
}

// ---- create and edit ------------------------------------------------------------------------------

function columnsOf(v: PactValues): Omit<Updateable<PactTable>, 'id'> {
  return {
    signer_name: v.signerName,
    signer_role: v.signerRole,
    seat_city: v.seatCity,
    seat_street: v.seatStreet,
    seat_number: v.seatNumber,
    mode_inserimento: v.modes.includes('inserimento') ? 1 : 0,
    mode_tirocinio: v.modes.includes('tirocinio') ? 1 : 0,
    mode_autoimpiego: v.modes.includes('autoimpiego') ? 1 : 0,
    mode_altro_text: v.modes.includes('altro') ? v.modeAltroText : null,
    person_first_name: v.personFirstName,
    person_last_name: v.personLastName,
    person_birth_place: v.personBirthPlace,
    person_birth_date: v.personBirthDate,
    person_city: v.personCity,
    person_street: v.personStreet,
    person_number: v.personNumber,
    referent_user_id: v.referentUserId,
    referent_first_name: v.referentFirstName,
    referent_last_name: v.referentLastName,
    pact_date: v.pactDate,
    pact_place: v.pactPlace,
  };
}

/** What the audit keeps of a pact: the form's content without the person's birth data and address. */
function auditView(p: PactDetail | (PactValues & { number?: string })) {
  const { number, modes, modeAltroText, signerName, signerRole, seatCity, referentUserId, pactDate, pactPlace } = p as PactDetail;
  return { number, modes, modeAltroText, signerName, signerRole, seatCity, referentUserId, pactDate, pactPlace };
}

async function checkLinks(db: Kysely<DB>, input: { personId: number; companyId: number; interventionId: number | null; referentUserId: number | null }): Promise<void> {
  const fields: Record<string, string> = {};
  if (input.interventionId !== null) {
    const iv = await db.selectFrom('interventions').select(['person_id', 'company_id']).where('id', '=', input.interventionId).executeTakeFirst();
    if (!iv) fields.interventionId = 'Percorso non trovato';
    else if (iv.person_id !== input.personId) fields.interventionId = 'Il percorso scelto è di un’altra persona';
    else if (iv.company_id !== null && iv.company_id !== input.companyId) fields.interventionId = 'Il percorso scelto è con un’altra azienda';
  }
  if (input.referentUserId !== null) {
    const user = await db.selectFrom('users').select(['full_name', 'active']).where('id', '=', input.referentUserId).executeTakeFirst();
    if (!user) fields['fields.referentUserId'] = 'Referente non trovato';
    else if (user.active !== 1) fields['fields.referentUserId'] = `${user.full_name} è disattivato: scegliere un altro referente`;
  }
  throwIfAny(fields);
}

/** The next number of the year: PBL-<year>-<max sequence + 1>, inside the creating transaction (the series held until it ends). */
async function nextNumber(db: Kysely<DB>, year: number): Promise<string> {
  const prefix = `${PACT_NUMBER_PREFIX}-${year}-`;
  await lockSeries(db, prefix);
  const row = await db
    .selectFrom('pacts')
    .select(sql<number | null>`max(CAST(substr(number, ${prefix.length + 1}) AS INTEGER))`.as('seq'))
    .where('number', '>=', prefix)
    .where('number', '<', `${PACT_NUMBER_PREFIX}-${year}.`)
    .executeTakeFirstOrThrow();
  return formatPactNumber(year, (row.seq ?? 0) + 1);
}

export async function createPact(
  ctx: ServiceContext,
  input: { personId: number; companyId: number; interventionId: number | null; fields: PactValues },
): Promise<PactDetail> {
  const db = ctx.store.db;
  await Promise.all([loadPerson(db, input.personId), loadCompany(db, input.companyId)]);
  await checkLinks(db, { ...input, referentUserId: input.fields.referentUserId });
  return write(ctx, async (trx) => {
    const now = ctx.clock.nowIso();
    const number = await nextNumber(trx, Number(ctx.clock.today().slice(0, 4)));
    const { id } = await trx
      .insertInto('pacts')
      .values({
        ...(columnsOf(input.fields) as Required<Omit<Updateable<PactTable>, 'id'>>),
        number,
        company_id: input.companyId,
        person_id: input.personId,
        intervention_id: input.interventionId,
        status: 'bozza',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('pact_status_history').values({ pact_id: id, from_status: null, to_status: 'bozza', changed_at: now, user_id: ctx.caller.userId, note: null }).execute();
    const pact = await pactDetail(trx, id);
    return {
      result: redact(ctx, 'pact', pact),
      audit: { action: 'crea', entity: 'patto', entityId: id, after: { personId: input.personId, companyId: input.companyId, interventionId: input.interventionId, ...auditView(pact) } },
    };
  });
}

/** Changes a draft's fields; refused when another desk changed them since `version` was read (versions.ts). */
export async function updatePact(ctx: ServiceContext, input: { id: number; version: number; interventionId: number | null; fields: PactValues }): Promise<PactDetail> {
  const db = ctx.store.db;
  const current = await db.selectFrom('pacts').select(['person_id', 'company_id', 'status', 'number']).where('id', '=', input.id).executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND', 'Patto non trovato');
  if (current.status !== 'bozza') {
    throw new AppError('CONFLICT', `Il patto ${current.number} non è più in bozza: dopo la stampa non si modifica. Se i dati sono sbagliati, annullarlo e prepararne uno nuovo.`);
  }
  await checkLinks(db, { personId: current.person_id, companyId: current.company_id, interventionId: input.interventionId, referentUserId: input.fields.referentUserId });
  return write(ctx, async (trx) => {
    const before = await pactDetail(trx, input.id);
    // checked again inside the transaction: a print may have happened in between
    if (before.status !== 'bozza') throw new AppError('CONFLICT', `Il patto ${before.number} è stato stampato nel frattempo: non si modifica più`);
    await claimVersion(trx, ctx, { record: 'patto', entityId: input.id, id: input.id }, input.version);
    await trx
      .updateTable('pacts')
      .set({ ...columnsOf(input.fields), intervention_id: input.interventionId, updated_at: ctx.clock.nowIso() })
      .where('id', '=', input.id)
      .execute();
    const after = await pactDetail(trx, input.id);
    return { result: redact(ctx, 'pact', after), audit: { action: 'modifica', entity: 'patto', entityId: input.id, before: auditView(before), after: auditView(after) } };
  });
}

// ---- lists ----------------------------------------------------------------------------------------

export type PactFilterValues = z.output<typeof pactFilter>;
export interface PactSort {
  column: PactSortColumn;
  direction: 'asc' | 'desc';
}

const DEFAULT_SORTS: Record<PactView, PactSort> = {
  // the ones waiting longest first
  da_firmare: { column: 'pactDate', direction: 'asc' },
  firmati_mese: { column: 'signedOn', direction: 'desc' },
  tutti: { column: 'pactDate', direction: 'desc' },
};

/** The first and last day of the month of `today`. */
export function monthOf(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The pacts matching the filters other than the view, without joins: the search is the number, the
 * start of the person's "surname name" (people.name_key, an index range: accents and apostrophes do not
 * matter) or part of the company's name (companies.name_key).
 */
function filtered(db: Kysely<DB>, filter: PactFilterValues) {
  let q = db.selectFrom('pacts as pa');
  if (filter.companyId !== null) q = q.where('pa.company_id', '=', filter.companyId);
  if (filter.referentUserId !== null) q = q.where('pa.referent_user_id', '=', filter.referentUserId);
  const search = filter.search.trim();
  if (search) {
    if (/^(pbl|\d)/i.test(search) && /^[\w-]+$/.test(search)) {
      q = q.where(sql<boolean>`pa.number LIKE ${`%${likeEscape(search)}%`} ESCAPE '\\'`);
    } else {
      const key = nameKey(search);
      q = key
        ? q.where((eb) =>
            eb.or([
              eb('pa.person_id', 'in', eb.selectFrom('people').select('id').where('name_key', '>=', key).where('name_key', '<', `${key}{`)),
              eb('pa.company_id', 'in', eb.selectFrom('companies').select('id').where('name_key', 'like', `%${key}%`)),
            ]),
          )
        : q.where(sql<boolean>`1 = 0`);
    }
  }
  return q;
}

function inView<Q extends ReturnType<typeof filtered>>(db: Kysely<DB>, q: Q, view: PactView, month: { from: string; to: string }, status: PactStatus | null): Q {
  switch (view) {
    case 'da_firmare':
      return q.where('pa.status', 'in', ['bozza', 'stampato']) as Q;
    case 'firmati_mese':
      // "+": the signature date's index (a month), not the status one (most pacts are signed)
      return q
        .where('pa.signed_on', '>=', month.from)
        .where('pa.signed_on', '<=', month.to)
        .where(sql<boolean>`${unindexed(db, sql`pa.status`)} IN ('firmato', 'archiviato')`) as Q;
    case 'tutti':
      return (status ? q.where('pa.status', '=', status) : q) as Q;
  }
}

const SORT_EXPRESSIONS: Record<PactSortColumn, string> = {
  number: 'pa.number',
  pactDate: 'pa.pact_date',
  company: '(SELECT name FROM companies WHERE id = pa.company_id) COLLATE NOCASE',
  person: 'pa.person_last_name COLLATE NOCASE, pa.person_first_name COLLATE NOCASE',
  signedOn: 'pa.signed_on',
  status: 'pa.status',
};

/** One page of pacts in two steps: the ids of the page (filters and sort, no joins), then their display columns. */
export async function listPacts(ctx: ServiceContext, input: { filter: PactFilterValues; sort?: PactSort | null; page: number; pageSize: number }): Promise<PactListPage> {
  const db = ctx.store.db;
  const today = ctx.clock.today();
  const { filter } = input;
  const month = monthOf(today);
  const sort = input.sort ?? DEFAULT_SORTS[filter.view];
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const order = SORT_EXPRESSIONS[sort.column]
    .split(', ')
    .map((e) => `${e} ${direction}`)
    .join(', ');
  const count = (view: PactView) =>
    inView(db, filtered(db, filter), view, month, view === filter.view ? filter.status : null)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => r.n);
  const [keys, daFirmare, firmatiMese, tutti] = await Promise.all([
    inView(db, filtered(db, filter), filter.view, month, filter.status)
      .select('pa.id')
      .orderBy(sql.raw(order))
      .orderBy('pa.id', sort.direction)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    count('da_firmare'),
    count('firmati_mese'),
    count('tutti'),
  ]);
  const ids = keys.map((k) => k.id);
  const rows = ids.length
    ? await db
        .selectFrom('pacts as pa')
        .innerJoin('companies as co', 'co.id', 'pa.company_id')
        .select([
          'pa.id', 'pa.number', 'pa.status', 'pa.pact_date', 'pa.signed_on', 'pa.company_id', 'co.name as company_name', 'pa.person_id', 'pa.person_first_name',
          'pa.person_last_name', 'pa.referent_first_name', 'pa.referent_last_name', 'pa.mode_inserimento', 'pa.mode_tirocinio', 'pa.mode_autoimpiego', 'pa.mode_altro_text',
        ])
        .where('pa.id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const counts = { da_firmare: daFirmare, firmati_mese: firmatiMese, tutti };
  return {
    rows: ids.map((id) => {
      const r = byId.get(id) as (typeof rows)[number];
      return {
        id: r.id,
        number: r.number,
        status: r.status,
        pactDate: r.pact_date,
        signedOn: r.signed_on,
        companyId: r.company_id,
        companyName: r.company_name,
        personId: r.person_id,
        personName: `${r.person_last_name} ${r.person_first_name}`,
        referentName: `${r.referent_first_name} ${r.referent_last_name}`.trim(),
        modes: modesOf(r),
      } satisfies PactListRow;
    }),
    total: counts[filter.view],
    counts,
    month,
  };
}

/** Companies for the pact form's picker (the Aziende area has its own list). */
export async function companyOptions(ctx: ServiceContext, input: { search: string; ids: number[] }) {
  const db = ctx.store.db;
  const select = db.selectFrom('companies').select(['id', 'name', 'vat_number as vatNumber', 'seat_city as seatCity']);
  const search = input.search.trim();
  const picked = input.ids.length ? await select.where('id', 'in', input.ids).execute() : [];
  let found: typeof picked = [];
  if (search) {
    const key = nameKey(search);
    const digits = search.replace(/\s+/g, '');
    const byVat = /^\d{3,11}$/.test(digits);
    if (key || byVat) {
      found = await select
        .where((eb) => eb.or([...(key ? [eb('name_key', 'like', `%${key}%`)] : []), ...(byVat ? [eb('vat_number', 'like', `${digits}%`)] : [])]))
        .orderBy(sql`name COLLATE NOCASE`)
        .limit(20)
        .execute();
    }
  } else if (!input.ids.length) {
    found = await select.orderBy('updated_at', 'desc').limit(20).execute();
  }
  const seen = new Set<number>();
  return [...picked, ...found].filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
