import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { DuplicateCandidate, DuplicateCheck, PersonSummary } from '../../contract/people';
import type { CaseStatus } from '../../domain/caseStatus';
import { normalizeCodiceFiscale, taxCodeKey } from '../../domain/codiceFiscale';
import { nameKey } from '../../domain/text';
import { AppError } from '../../contract/errors';
import type { ServiceContext } from '../context';
import { redact } from '../privacy';
import { duplicateReasons, keyed, nearbyBirthDates, normalizePhone, reasonLabels, type DuplicateReason } from './duplicateRules';

/** What the registration form knows so far; every part is optional. */
export interface DuplicateQuery {
  taxCode?: string | null;
  lastName?: string;
  firstName?: string;
  birthDate?: string | null;
  phone?: string | null;
  email?: string | null;
  excludeId?: number | null;
}

const summaryColumns = ['p.id', 'p.last_name', 'p.first_name', 'p.birth_date', 'p.tax_code', 'p.phone', 'p.email', 'p.name_key', 'c.name as comune_name', 'p.outside_metro_city'] as const;

function summaryQuery(db: Kysely<DB>) {
  return db.selectFrom('people as p').leftJoin('comuni as c', 'c.istat_code', 'p.domicile_istat').select(summaryColumns);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): PersonSummary {
  return {
    id: row.id,
    lastName: row.last_name,
    firstName: row.first_name,
    birthDate: row.birth_date,
    taxCode: row.tax_code,
    comune: row.comune_name ?? row.outside_metro_city,
  };
}

/** Follows merged_into_id to the record that was kept (a merged record's history points there). */
async function resolveMerged(db: Kysely<DB>, personId: number, mergedIntoId: number | null): Promise<number> {
  let id = personId;
  let next = mergedIntoId;
  for (let hops = 0; next !== null && hops < 20; hops++) {
    id = next;
    const row = await db.selectFrom('people').select('merged_into_id').where('id', '=', id).executeTakeFirst();
    next = row?.merged_into_id ?? null;
  }
  return id;
}

/** Who holds a codice fiscale; `sameForm` is false when the record holds another form of the code (plain ↔ omocodic). */
export interface TaxCodeHolder {
  /** the record to use: the holder, or the record it was merged into */
  id: number;
  holderId: number;
  lastName: string;
  firstName: string;
  sameForm: boolean;
}

/**
 * The person holding a codice fiscale in any of its forms (people.tax_code_key, migration 018), as the
 * record to use: when the code sits on a record merged into another, the record it was merged into.
 * The exact form first: records that migration 018 found holding two forms of one code keep theirs.
 */
export async function findByTaxCode(db: Kysely<DB>, taxCode: string): Promise<TaxCodeHolder | null> {
  const code = normalizeCodiceFiscale(taxCode);
  const rows = await db
    .selectFrom('people')
    .select(['id', 'tax_code', 'merged_into_id'])
    .where((eb) => eb.or([eb('tax_code', '=', code), eb('tax_code_key', '=', taxCodeKey(code))]))
    .execute();
  const holder = rows.find((r) => r.tax_code === code) ?? rows[0];
  if (!holder) return null;
  const id = await resolveMerged(db, holder.id, holder.merged_into_id);
  const person = await db.selectFrom('people').select(['last_name', 'first_name']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id, holderId: holder.id, lastName: person.last_name, firstName: person.first_name, sameForm: holder.tax_code === code };
}

type OpenCase = NonNullable<DuplicateCandidate['openCase']>;

/**
 * Who holds an open case, as the warnings name it. Until cases have a holding organisation of their
 * own (issue 13, part 2): the referent's organisation, else the referring organisation or point.
 */
function holdingOrganisation(r: { referent_org: string | null; referring_org: string | null; referring_point: string | null }): string | null {
  return r.referent_org ?? r.referring_org ?? r.referring_point;
}

/** Open cases (closed_on IS NULL: at most one per person), with the organisation holding them and the referent. */
export async function openCases(db: Kysely<DB>, personIds: number[]): Promise<Map<number, OpenCase>> {
  const result = new Map<number, OpenCase>();
  if (personIds.length === 0) return result;
  const rows = await db
    .selectFrom('cases as k')
    .innerJoin('channels as ch', 'ch.code', 'k.channel_code')
    .leftJoin('users as u', 'u.id', 'k.referent_user_id')
    .leftJoin('organisations as uo', 'uo.id', 'u.organisation_id')
    .leftJoin('organisations as ro', 'ro.id', 'k.referring_org_id')
    .select(['k.id', 'k.person_id', 'k.status', 'k.referring_point', 'ch.name as channel_name', 'u.full_name as referent_name', 'uo.name as referent_org', 'ro.name as referring_org'])
    .where('k.person_id', 'in', personIds)
    .where('k.closed_on', 'is', null)
    .execute();
  for (const r of rows) {
    const organisation = holdingOrganisation(r);
    const heldBy = [organisation, r.referent_name && (organisation ? `referente ${r.referent_name}` : r.referent_name)].filter(Boolean).join(' — ');
    result.set(r.person_id, { id: r.id, status: r.status as CaseStatus, heldBy: heldBy || r.channel_name, organisation, referent: r.referent_name });
  }
  return result;
}

/**
 * The refusal of a registration whose codice fiscale is another form (plain or omocodic) of one
 * already registered: one person, whose record is named (fields.existingId) with who holds their case.
 */
export async function sameCodeOtherForm(db: Kysely<DB>, holder: TaxCodeHolder): Promise<AppError> {
  const held = (await openCases(db, [holder.id])).get(holder.id);
  const message =
    `Persona già registrata: ${holder.lastName} ${holder.firstName} (scheda n. ${holder.id}) ha lo stesso codice fiscale in un’altra forma (omocodica o ordinaria)` +
    (held ? `, seguita da ${held.heldBy}` : '') +
    '. Aprire la scheda esistente invece di registrarla di nuovo.';
  return new AppError('CONFLICT', message, { taxCode: message, existingId: String(holder.id) });
}

/** A likely duplicate of what was typed: the record and the rules it meets (duplicateRules.ts). */
export interface LikelyDuplicate {
  row: SummaryRow;
  reasons: DuplicateReason[];
}

/**
 * Likely duplicates of what the registration form holds, among the records not merged into others nor
 * anonymised (duplicateRules.ts: a similar name born the same day, the same name born a day apart or
 * with month and day swapped, the same phone or email), most reasons first. Candidates come from the
 * indexes on birth_date, phone digits and email in one OR query (never a scan).
 */
export async function findLikelyDuplicates(db: Kysely<DB>, query: DuplicateQuery, excludeIds: number[]): Promise<LikelyDuplicate[]> {
  const typed = keyed({
    lastName: query.lastName ?? '',
    firstName: query.firstName ?? '',
    birthDate: query.birthDate && nameKey((query.lastName ?? '') + (query.firstName ?? '')) ? query.birthDate : null,
    taxCodeKey: null,
    phone: query.phone ? normalizePhone(query.phone) : null,
    email: query.email ? query.email.trim().toLowerCase() : null,
  });
  const { birthDate, phone, email } = typed;
  if (!birthDate && !phone && !email) return [];
  const rows = await summaryQuery(db)
    .where('p.merged_into_id', 'is', null)
    // an anonymised person keeps only their birth year (as 1 January): never a likely duplicate
    .where('p.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(birthDate ? [eb('p.birth_date', 'in', nearbyBirthDates(birthDate))] : []),
        // ix_people_phone_digits (migration 003, partial: hence IS NOT NULL) also finds phones stored with a space after the prefix
        ...(phone ? [sql<boolean>`(p.phone IS NOT NULL AND replace(p.phone, ' ', '') = ${phone})`] : []),
        ...(email ? [sql<boolean>`p.email = ${email} COLLATE NOCASE`] : []),
      ]),
    )
    .$if(excludeIds.length > 0, (q) => q.where('p.id', 'not in', excludeIds))
    .execute();
  return rows
    .map((row) => ({ row, reasons: duplicateReasons(typed, keyed({ lastName: row.last_name, firstName: row.first_name, birthDate: row.birth_date, taxCodeKey: null, phone: row.phone, email: row.email })) }))
    .filter((m) => m.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || a.row.name_key.localeCompare(b.row.name_key) || a.row.id - b.row.id);
}

/** People as the duplicate warnings and the list of doubles show them, with their open case; personal data as the caller may see it. */
export async function duplicateCandidates(ctx: ServiceContext, ids: number[]): Promise<Map<number, DuplicateCandidate['person'] & { openCase: DuplicateCandidate['openCase'] }>> {
  const result = new Map<number, DuplicateCandidate['person'] & { openCase: DuplicateCandidate['openCase'] }>();
  if (ids.length === 0) return result;
  const [rows, cases] = await Promise.all([summaryQuery(ctx.store.db).where('p.id', 'in', ids).execute(), openCases(ctx.store.db, ids)]);
  for (const row of rows) result.set(row.id, { ...redact(ctx, 'person', toSummary(row)), openCase: cases.get(row.id) ?? null });
  return result;
}

/** Before a registration: the person with the same codice fiscale (in any form), and likely duplicates (findLikelyDuplicates). */
export async function checkDuplicates(ctx: ServiceContext, query: DuplicateQuery): Promise<DuplicateCheck> {
  const db = ctx.store.db;
  const excludeId = query.excludeId ?? null;
  const holder = query.taxCode ? await findByTaxCode(db, query.taxCode) : null;
  const sameTaxCodeId = holder && holder.id !== excludeId ? holder.id : null;
  const matches = await findLikelyDuplicates(db, query, [excludeId, sameTaxCodeId].filter((v): v is number => v !== null));
  const cases = await openCases(db, [...matches.map((m) => m.row.id), ...(sameTaxCodeId === null ? [] : [sameTaxCodeId])]);
  const sameTaxCode = sameTaxCodeId === null ? null : await summaryQuery(db).where('p.id', '=', sameTaxCodeId).executeTakeFirstOrThrow();
  return {
    sameTaxCode: sameTaxCode ? redact(ctx, 'person', toSummary(sameTaxCode)) : null,
    sameTaxCodeCase: sameTaxCodeId === null ? null : (cases.get(sameTaxCodeId) ?? null),
    likely: matches.map((m) => ({ person: redact(ctx, 'person', toSummary(m.row)), reasons: reasonLabels(m.reasons), openCase: cases.get(m.row.id) ?? null })),
  };
}
