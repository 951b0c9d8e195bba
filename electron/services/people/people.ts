import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB, NationalityGroup, PersonTable } from '../../../db/schema';
import { AppError, fail } from '../../contract/errors';
import type { PersonDetail, personInput, PrivacyAcknowledgement, registrationPrivacyFields, WorkExperience } from '../../contract/people';
import type { NoticeVersion } from '../../domain/privacyNotices';
import { decodeCodiceFiscale, taxCodeKey, validateCodiceFiscale } from '../../domain/codiceFiscale';
import { nameKey } from '../../domain/text';
import { audit, write, type AuditEntry, type ServiceContext } from '../context';
import { findByTaxCode, findLikelyDuplicates, sameCodeOtherForm, type TaxCodeHolder } from './duplicates';
import { normalizePhone, type DuplicateReason } from './duplicateRules';
import { recordPairs } from './duplicatePairs';
import { insertAcknowledgement, personAcknowledgements } from './privacyAcknowledgements';
import { redact } from '../privacy';
import { answerDuplicates } from '../uniqueRules';
import { checkVersion, claimVersion } from '../versions';
import { noticeForSignature } from '../system/privacyNotices';

/** A person's data as the contract parses it; validatePerson returns it normalised as stored (codice fiscale uppercase, phone digits only, lists without repeats, experiences newest first). */
export type PersonData = z.output<typeof personInput>;
type ExperienceData = PersonData['workExperiences'][number];
/** The privacy notice at registration, as the contract parses it (signed on a day, or why it is missing). */
export type RegistrationPrivacyData = z.output<z.ZodObject<typeof registrationPrivacyFields>>;

/**
 * Newest first: by start (or end, when the start is unknown), an ongoing job before one that ended,
 * then by content, so that the same experiences always come out in the same order.
 */
function newestExperienceFirst(a: ExperienceData, b: ExperienceData): number {
  const start = (e: ExperienceData) => e.startDate ?? e.endDate ?? '';
  const end = (e: ExperienceData) => e.endDate ?? '9999-12-31';
  return (
    start(b).localeCompare(start(a)) ||
    end(b).localeCompare(end(a)) ||
    a.role.localeCompare(b.role) ||
    (a.employer ?? '').localeCompare(b.employer ?? '') ||
    (a.description ?? '').localeCompare(b.description ?? '')
  );
}

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

/** Compares the data encoded in a valid codice fiscale with the person's; returns field errors. */
function taxCodeMismatch(taxCode: string, p: PersonData): Record<string, string> {
  const decoded = decodeCodiceFiscale(taxCode);
  // The code has two digits for the year: compare year within the century, month and day.
  if (decoded.birthDate && decoded.birthDate.slice(2) !== p.birthDate.slice(2)) {
    return { taxCode: 'Il codice fiscale non corrisponde alla data di nascita indicata', birthDate: 'Non corrisponde al codice fiscale' };
  }
  if (decoded.sex !== p.sex) return { taxCode: 'Il codice fiscale non corrisponde al sesso indicato', sex: 'Non corrisponde al codice fiscale' };
  if (p.birthPlaceCode && decoded.birthPlaceCode !== p.birthPlaceCode) {
    return { taxCode: 'Il codice fiscale non corrisponde al luogo di nascita indicato', birthPlaceCode: 'Non corrisponde al codice fiscale' };
  }
  return {};
}

/**
 * Checks a person's data against the rules and the reference lists, and returns it normalised as it
 * is stored. Throws VALIDATION with a message per field; reads only.
 */
async function validatePerson(ctx: ServiceContext, input: PersonData): Promise<PersonData> {
  const db = ctx.store.db;
  const fields: Record<string, string> = {};
  let taxCode: string | null = null;
  if (input.taxCode) {
    const result = validateCodiceFiscale(input.taxCode);
    if (result.ok) {
      taxCode = result.value;
      Object.assign(fields, taxCodeMismatch(taxCode, input));
    } else fields.taxCode = result.error;
  } else if (!input.taxCodeMissingReason) {
    fields.taxCodeMissingReason = 'Indicare perché manca il codice fiscale';
  }
  if (input.birthDate > ctx.clock.today()) fields.birthDate ??= 'La data di nascita non può essere nel futuro';

  const [birthPlace, comune] = await Promise.all([
    input.birthPlaceCode ? db.selectFrom('birth_places').select('nationality_group').where('code', '=', input.birthPlaceCode).executeTakeFirst() : undefined,
    input.domicileIstat ? db.selectFrom('comuni').select('istat_code').where('istat_code', '=', input.domicileIstat).executeTakeFirst() : undefined,
  ]);
  if (input.birthPlaceCode && !birthPlace) fields.birthPlaceCode ??= 'Luogo di nascita non presente nell’elenco';

  if (input.outsideMetro) {
    if (input.domicileIstat) fields.domicileIstat = 'Con il domicilio fuori dalla Città metropolitana non si indica un comune dell’area';
    if (!input.outsideMetroCity) fields.outsideMetroCity = 'Indicare il comune di domicilio fuori dalla Città metropolitana';
  } else if (!input.domicileIstat) {
    fields.domicileIstat = 'Indicare il comune di domicilio, oppure segnare il domicilio fuori dalla Città metropolitana';
  } else if (!comune) {
    fields.domicileIstat = 'Comune di domicilio non presente nell’elenco';
  }

  const phone = input.phone ? normalizePhone(input.phone) : null;
  if (phone !== null && (phone.length < 6 || phone.length > 15)) fields.phone = 'Numero di telefono non valido';

  if (Object.keys(fields).length > 0) fail(fields);
  return {
    ...input,
    taxCode,
    taxCodeMissingReason: taxCode ? null : input.taxCodeMissingReason,
    nationalityGroup: input.nationalityGroup ?? (birthPlace?.nationality_group as NationalityGroup | null | undefined) ?? null,
    outsideMetroCity: input.outsideMetro ? input.outsideMetroCity : null,
    phone,
    languages: distinct(input.languages),
    skills: distinct(input.skills),
    workExperiences: [...input.workExperiences].sort(newestExperienceFirst),
  };
}

type PersonColumns = Omit<
  PersonTable,
  'id' | 'version' | 'created_at' | 'updated_at' | 'cv_attachment_id' | 'merged_into_id' | 'anonymised_at' | 'outside_metro' | 'current_case_id' | 'current_band' | 'domicile_name' | 'privacy_missing_reason'
> & { outside_metro: 0 | 1 };

function toColumns(p: PersonData): PersonColumns {
  return {
    last_name: p.lastName,
    first_name: p.firstName,
    name_key: nameKey(`${p.lastName} ${p.firstName}`),
    sex: p.sex,
    birth_date: p.birthDate,
    birth_place_code: p.birthPlaceCode,
    birth_place_text: p.birthPlaceText,
    tax_code: p.taxCode,
    tax_code_key: p.taxCode ? taxCodeKey(p.taxCode) : null,
    tax_code_missing_reason: p.taxCodeMissingReason,
    citizenship: p.citizenship,
    nationality_group: p.nationalityGroup,
    domicile_istat: p.domicileIstat,
    domicile_street: p.domicileStreet,
    domicile_number: p.domicileNumber,
    outside_metro: p.outsideMetro ? 1 : 0,
    outside_metro_city: p.outsideMetroCity,
    phone: p.phone,
    email: p.email,
    education_isced: p.educationIsced,
    languages: p.languages.length > 0 ? JSON.stringify(p.languages) : null,
    driving_licence: p.drivingLicence,
  };
}

/** people.languages: a JSON array; records loaded in bulk may hold a comma-separated list. */
function parseLanguages(text: string | null): string[] {
  if (!text) return [];
  if (text.startsWith('[')) return (JSON.parse(text) as unknown[]).map(String);
  return text
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A person with the names of their birth place, comune and district, for toPersonDetail. */
export function personDetailQuery(db: Kysely<DB>) {
  return db
    .selectFrom('people as p')
    .leftJoin('birth_places as bp', 'bp.code', 'p.birth_place_code')
    .leftJoin('comuni as c', 'c.istat_code', 'p.domicile_istat')
    .leftJoin('districts as d', 'd.code', 'c.district_code')
    .selectAll('p')
    .select(['bp.name as birth_place_name', 'c.name as comune_name', 'd.name as district_name']);
}
export type PersonDetailRow = Awaited<ReturnType<ReturnType<typeof personDetailQuery>['executeTakeFirstOrThrow']>>;

/** What a person has besides their row: skills, work experiences, signed privacy notices. */
interface PersonExtras {
  skills: string[];
  workExperiences: WorkExperience[];
  privacyAcknowledgements: PrivacyAcknowledgement[];
}

function toStored(row: PersonDetailRow, { skills, workExperiences }: Pick<PersonExtras, 'skills' | 'workExperiences'>): PersonData {
  return {
    lastName: row.last_name,
    firstName: row.first_name,
    sex: row.sex,
    birthDate: row.birth_date ?? '',
    birthPlaceCode: row.birth_place_code,
    birthPlaceText: row.birth_place_text,
    taxCode: row.tax_code,
    taxCodeMissingReason: row.tax_code_missing_reason,
    citizenship: row.citizenship,
    nationalityGroup: row.nationality_group,
    domicileIstat: row.domicile_istat,
    domicileStreet: row.domicile_street,
    domicileNumber: row.domicile_number,
    outsideMetro: row.outside_metro === 1,
    outsideMetroCity: row.outside_metro_city,
    phone: row.phone,
    email: row.email,
    educationIsced: row.education_isced,
    languages: parseLanguages(row.languages),
    drivingLicence: row.driving_licence,
    skills,
    workExperiences: workExperiences.map(({ employer, role, startDate, endDate, description }) => ({ employer, role, startDate, endDate, description })),
  };
}

/** The one mapping from a person's row (personDetailQuery) to what leaves the services, personal data hidden from callers who may not see it. */
export function toPersonDetail(ctx: ServiceContext, row: PersonDetailRow, { skills, workExperiences, privacyAcknowledgements }: PersonExtras): PersonDetail {
  const detail: PersonDetail = {
    id: row.id,
    lastName: row.last_name,
    firstName: row.first_name,
    sex: row.sex,
    birthDate: row.birth_date,
    birthPlaceCode: row.birth_place_code,
    birthPlaceName: row.birth_place_name ?? row.birth_place_text,
    taxCode: row.tax_code,
    taxCodeMissingReason: row.tax_code_missing_reason,
    citizenship: row.citizenship,
    nationalityGroup: row.nationality_group,
    domicileIstat: row.domicile_istat,
    domicileComune: row.comune_name,
    district: row.district_name,
    domicileStreet: row.domicile_street,
    domicileNumber: row.domicile_number,
    outsideMetro: row.outside_metro === 1,
    outsideMetroCity: row.outside_metro_city,
    phone: row.phone,
    email: row.email,
    educationIsced: row.education_isced,
    languages: parseLanguages(row.languages),
    drivingLicence: row.driving_licence,
    skills,
    workExperiences,
    cvDocumentId: row.cv_attachment_id,
    privacyAcknowledgements,
    privacyMissingReason: row.privacy_missing_reason,
    mergedIntoId: row.merged_into_id,
    anonymisedAt: row.anonymised_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    personalDataHidden: false,
  };
  return redact(ctx, 'person', detail);
}

export async function personSkills(db: Kysely<DB>, personId: number): Promise<string[]> {
  const rows = await db.selectFrom('person_skills').select('skill').where('person_id', '=', personId).orderBy('skill').execute();
  return rows.map((r) => r.skill);
}

/** A person's work experiences, newest first. */
export async function personWorkExperiences(db: Kysely<DB>, personId: number): Promise<WorkExperience[]> {
  const rows = await db
    .selectFrom('work_experiences')
    .select(['id', 'employer', 'role', 'start_date', 'end_date', 'description'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  return rows
    .map((r) => ({ id: r.id, employer: r.employer, role: r.role, startDate: r.start_date, endDate: r.end_date, description: r.description }))
    .sort(newestExperienceFirst);
}

async function personExtras(db: Kysely<DB>, personId: number): Promise<PersonExtras> {
  const [skills, workExperiences, privacyAcknowledgements] = await Promise.all([
    personSkills(db, personId),
    personWorkExperiences(db, personId),
    personAcknowledgements(db, personId),
  ]);
  return { skills, workExperiences, privacyAcknowledgements };
}

/** A person's detail as the caller may see it; NOT_FOUND when there is no such person. */
export async function getPersonDetail(ctx: ServiceContext, id: number): Promise<PersonDetail> {
  const db = ctx.store.db;
  const [row, extras] = await Promise.all([personDetailQuery(db).where('p.id', '=', id).executeTakeFirst(), personExtras(db, id)]);
  if (!row) throw new AppError('NOT_FOUND', 'Persona non trovata');
  return toPersonDetail(ctx, row, extras);
}

async function insertSkills(trx: Transaction<DB>, personId: number, skills: string[]): Promise<void> {
  if (skills.length > 0) await trx.insertInto('person_skills').values(skills.map((skill) => ({ person_id: personId, skill }))).execute();
}

async function insertWorkExperiences(trx: Transaction<DB>, personId: number, experiences: ExperienceData[]): Promise<void> {
  if (experiences.length === 0) return;
  await trx
    .insertInto('work_experiences')
    .values(
      experiences.map((e) => ({ person_id: personId, employer: e.employer, role: e.role, start_date: e.startDate, end_date: e.endDate, description: e.description })),
    )
    .execute();
}

function personLabel(p: { lastName: string; firstName: string; id: number }): string {
  return `${p.lastName} ${p.firstName} (scheda n. ${p.id})`;
}

/** The refusal of a codice fiscale that another person holds. */
function taxCodeTaken(holder: { lastName: string; firstName: string; id: number }): AppError {
  const message = `Codice fiscale già registrato per ${personLabel(holder)}`;
  return new AppError('CONFLICT', message, { taxCode: message });
}
/** The privacy notice of a new person: the version signed and the day, or why it is missing. */
type PreparedPrivacy = { notice: NoticeVersion; day: string; missingReason: null } | { notice: null; day: null; missingReason: string };

/** A person checked and normalised, ready to be written; or the person already registered with the same codice fiscale. */
export type PreparedPerson = { existingId: number } | { existingId: null; person: PersonData; privacy: PreparedPrivacy; audit: AuditEntry; doubts: { otherId: number; reasons: DuplicateReason[] }[] };

/** The registration's notice: the version in force on the day signed (or the one named), else the reason it is missing. */
async function preparePrivacy(ctx: ServiceContext, input: RegistrationPrivacyData): Promise<PreparedPrivacy> {
  if (input.privacyAcknowledgedOn === null) return { notice: null, day: null, missingReason: input.privacyMissingReason ?? '' };
  const notice = await noticeForSignature(ctx, { day: input.privacyAcknowledgedOn, noticeId: input.privacyNoticeId }, { day: 'privacyAcknowledgedOn', notice: 'privacyNoticeId' });
  return { notice, day: input.privacyAcknowledgedOn, missingReason: null };
}

/**
 * Checks a new person: a codice fiscale already registered gives that person, the same code in another
 * form (plain or omocodic) is refused naming them; likely duplicates must have been acknowledged as
 * different people; the privacy notice is signed (a version in force that day) or its absence explained
 * (the contract refuses neither). Reads only. An import calls this, as people.create does, for each person.
 */
export async function preparePerson(ctx: ServiceContext, input: PersonData & RegistrationPrivacyData & { acknowledgedDuplicates: number[] }): Promise<PreparedPerson> {
  const { acknowledgedDuplicates, privacyAcknowledgedOn, privacyNoticeId, privacyMissingReason, ...data } = input;
  const person = await validatePerson(ctx, data);
  // callers who may not see personal data only get it hidden in the summaries: the names used below never are
  const likely = await findLikelyDuplicates(ctx.store.db, person, []);
  // looked up after the likely duplicates: the same person registered meanwhile from another desk is
  // that person (below), not a doubt to confirm
  const privacy = await preparePrivacy(ctx, { privacyAcknowledgedOn, privacyNoticeId, privacyMissingReason });
  if (person.taxCode) {
    const existing = await findByTaxCode(ctx.store.db, person.taxCode);
    if (existing?.sameForm) return { existingId: existing.id };
    if (existing) throw await sameCodeOtherForm(ctx.store.db, existing);
  }
  const acknowledged = new Set(acknowledgedDuplicates);
  const unacknowledged = likely.filter((d) => !acknowledged.has(d.row.id));
  if (unacknowledged.length > 0) {
    throw new AppError('CONFLICT', 'Possibile doppione: confermare che si tratta di una persona diversa', {
      acknowledgedDuplicates: `Possibili doppioni: ${unacknowledged.map((d) => personLabel({ id: d.row.id, lastName: d.row.last_name, firstName: d.row.first_name })).join(', ')}`,
    });
  }
  const after = {
    ...person,
    ...(privacy.notice ? { privacyVersion: privacy.notice.version, privacyAcknowledgedOn: privacy.day } : { privacyMissingReason: privacy.missingReason }),
    ...(likely.length > 0 && { confirmedDifferentFrom: likely.map((d) => d.row.id) }),
  };
  // the doubts the operator set aside go to the coordinators' list of possible doubles all the same
  const doubts = likely.map((d) => ({ otherId: d.row.id, reasons: d.reasons }));
  return { existingId: null, person, privacy, audit: { action: 'crea', entity: 'persona', after }, doubts };
}

/** Writes a prepared person with their skills, work experiences and signed notice, and its audit row; returns the id. */
export async function insertPerson(trx: Transaction<DB>, ctx: ServiceContext, prepared: Extract<PreparedPerson, { existingId: null }>): Promise<number> {
  const { person, privacy } = prepared;
  const now = ctx.clock.nowIso();
  const { id } = await trx
    .insertInto('people')
    .values({ ...toColumns(person), privacy_missing_reason: privacy.missingReason, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertSkills(trx, id, person.skills);
  await insertWorkExperiences(trx, id, person.workExperiences);
  if (privacy.notice) await insertAcknowledgement(trx, ctx, id, privacy.notice, privacy.day);
  await recordPairs(trx, id, prepared.doubts, ctx.clock.nowIso());
  await audit(trx, ctx, { ...prepared.audit, entityId: id });
  return id;
}

/**
 * Who holds a codice fiscale that the database refused as a duplicate (`error`): another desk wrote it
 * between this save's check and its write.
 */
export async function taxCodeHolder(db: Kysely<DB>, taxCode: string | null, error: unknown): Promise<TaxCodeHolder> {
  const holder = taxCode ? await findByTaxCode(db, taxCode) : null;
  if (!holder) throw error;
  return holder;
}

/**
 * A registration that another desk's, with the same codice fiscale, beat to the database: the same form
 * gives that person (as when found before); another form is refused naming them (sameCodeOtherForm).
 */
export async function registeredMeanwhile(db: Kysely<DB>, taxCode: string | null, error: unknown): Promise<number> {
  const holder = await taxCodeHolder(db, taxCode, error);
  if (!holder.sameForm) throw await sameCodeOtherForm(db, holder);
  return holder.id;
}

/**
 * Registers a person without opening a case (people.register does both). A codice fiscale already
 * registered returns that person (created: false) and writes nothing.
 */
export async function createPerson(ctx: ServiceContext, input: PersonData & RegistrationPrivacyData & { acknowledgedDuplicates: number[] }): Promise<{ created: boolean; personId: number }> {
  const prepared = await preparePerson(ctx, input);
  if (prepared.existingId !== null) return { created: false, personId: prepared.existingId };
  return answerDuplicates<{ created: boolean; personId: number }>(
    async () => ({ created: true, personId: await ctx.store.db.transaction().execute((trx) => insertPerson(trx, ctx, prepared)) }),
    {
      codice_fiscale: async (error) => ({ created: false, personId: await registeredMeanwhile(ctx.store.db, prepared.person.taxCode, error) }),
      codice_fiscale_forma: async (error) => ({ created: false, personId: await registeredMeanwhile(ctx.store.db, prepared.person.taxCode, error) }),
    },
  );
}

/** The fields whose value changed, before and after. */
function changes(before: PersonData, after: PersonData): { before: Partial<PersonData>; after: Partial<PersonData> } {
  const diff = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of Object.keys(after) as (keyof PersonData)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      diff.before[key] = before[key];
      diff.after[key] = after[key];
    }
  }
  return diff as { before: Partial<PersonData>; after: Partial<PersonData> };
}

/**
 * Changes a person's data (skills and work experiences replaced); returns the person as the caller may
 * see them. `version` is the one the form read: a person changed since is refused (versions.ts).
 */
export async function updatePerson(ctx: ServiceContext, input: PersonData & { id: number; version: number }): Promise<PersonDetail> {
  const db = ctx.store.db;
  const { id, version, ...data } = input;
  const person = await validatePerson(ctx, data);
  const [row, extras] = await Promise.all([personDetailQuery(db).where('p.id', '=', id).executeTakeFirst(), personExtras(db, id)]);
  if (!row) throw new AppError('NOT_FOUND', 'Persona non trovata');
  if (row.merged_into_id !== null) throw new AppError('CONFLICT', `Questa scheda è stata unita alla scheda n. ${row.merged_into_id}: modificare quella`);
  if (row.anonymised_at !== null) throw new AppError('CONFLICT', 'La persona è stata anonimizzata: i suoi dati non si modificano');
  const change = { record: 'persona', entityId: id } as const;
  await checkVersion(db, ctx, change, row.version, version);

  // The code may sit on a record merged into this one: then it moves here.
  let takeTaxCodeFrom: number | null = null;
  if (person.taxCode && person.taxCode !== row.tax_code) {
    const holder = await findByTaxCode(db, person.taxCode);
    if (holder && holder.id !== id) throw taxCodeTaken(holder);
    if (holder) takeTaxCodeFrom = holder.holderId;
  }

  const diff = changes(toStored(row, extras), person);
  if (Object.keys(diff.after).length === 0) return getPersonDetail(ctx, id);
  const save = () =>
    write(ctx, async (trx) => {
      await claimVersion(trx, ctx, { ...change, id }, version);
      if (takeTaxCodeFrom !== null) {
        await trx
          .updateTable('people')
          .set({ tax_code: null, tax_code_key: null, tax_code_missing_reason: `Codice fiscale spostato sulla scheda n. ${id}` })
          .where('id', '=', takeTaxCodeFrom)
          .execute();
      }
      // an unchanged code keeps its key: a record left without one by migration 018 stays editable
      const { tax_code_key, ...columns } = toColumns(person);
      await trx
        .updateTable('people')
        .set({ ...columns, ...(person.taxCode !== row.tax_code && { tax_code_key }), updated_at: ctx.clock.nowIso() })
        .where('id', '=', id)
        .execute();
      if ('skills' in diff.after) {
        await trx.deleteFrom('person_skills').where('person_id', '=', id).execute();
        await insertSkills(trx, id, person.skills);
      }
      if ('workExperiences' in diff.after) {
        await trx.deleteFrom('work_experiences').where('person_id', '=', id).execute();
        await insertWorkExperiences(trx, id, person.workExperiences);
      }
      return { result: undefined, audit: { action: 'modifica', entity: 'persona', entityId: id, before: diff.before, after: diff.after } };
    });
  // another desk may give the same code to another person at the same instant
  const taken = async (error: unknown) => {
    throw taxCodeTaken(await taxCodeHolder(db, person.taxCode, error));
  };
  await answerDuplicates(save, { codice_fiscale: taken, codice_fiscale_forma: taken });
  return getPersonDetail(ctx, id);
}
