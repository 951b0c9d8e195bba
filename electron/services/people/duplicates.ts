import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { DuplicateCandidate, DuplicateCheck, PersonSummary } from '../../contract/people';
import type { CaseStatus } from '../../domain/caseStatus';
import { normalizeCodiceFiscale } from '../../domain/codiceFiscale';
import { nameKey } from '../../domain/text';
import type { ServiceContext } from '../context';
import { redact } from '../privacy';

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

export const REASON_NAME = 'Stessa data di nascita e nome simile';
export const REASON_PHONE = 'Stesso telefono';
export const REASON_EMAIL = 'Stessa email';

/** Digits only, without the Italian prefix: "+39 333 123 4567", "0039 333-1234567" and "3331234567" are the same number. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0039')) return digits.slice(4);
  // "39" is also the start of some mobile prefixes (391, 392, 393): strip it only when the number is longer than an Italian one
  if (phone.trim().startsWith('+39') || (digits.startsWith('39') && digits.length > 10)) return digits.slice(2);
  return digits;
}

/** Levenshtein distance ≤ max, stopping as soon as every path exceeds it. */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return (previous[b.length] ?? Infinity) <= max;
}

/**
 * Whether a stored name key (people.name_key: surname then first name, normalised) looks like the
 * typed name: the same, surname and first name swapped, or at most two letters apart.
 */
export function similarName(lastName: string, firstName: string, storedKey: string): boolean {
  const key = nameKey(lastName) + nameKey(firstName);
  if (!key) return false;
  return storedKey === key || storedKey === nameKey(firstName) + nameKey(lastName) || withinEditDistance(key, storedKey, 2);
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

/**
 * The person holding a codice fiscale, as the record to use: when the code sits on a record merged
 * into another, the record it was merged into.
 */
export async function findByTaxCode(db: Kysely<DB>, taxCode: string): Promise<{ id: number; holderId: number; lastName: string; firstName: string } | null> {
  const holder = await db.selectFrom('people').select(['id', 'merged_into_id']).where('tax_code', '=', normalizeCodiceFiscale(taxCode)).executeTakeFirst();
  if (!holder) return null;
  const id = await resolveMerged(db, holder.id, holder.merged_into_id);
  const person = await db.selectFrom('people').select(['last_name', 'first_name']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id, holderId: holder.id, lastName: person.last_name, firstName: person.first_name };
}

/** Open cases (closed_on IS NULL: at most one per person) and who holds them: the referent (and their organisation), else the referring organisation, else the channel. */
async function openCases(db: Kysely<DB>, personIds: number[]): Promise<Map<number, NonNullable<DuplicateCandidate['openCase']>>> {
  const result = new Map<number, NonNullable<DuplicateCandidate['openCase']>>();
  if (personIds.length === 0) return result;
  const rows = await db
    .selectFrom('cases as k')
    .innerJoin('channels as ch', 'ch.code', 'k.channel_code')
    .leftJoin('users as u', 'u.id', 'k.referent_user_id')
    .leftJoin('organisations as uo', 'uo.id', 'u.organisation_id')
    .leftJoin('organisations as ro', 'ro.id', 'k.referring_org_id')
    .select(['k.id', 'k.person_id', 'k.status', 'ch.name as channel_name', 'u.full_name as referent_name', 'uo.name as referent_org', 'ro.name as referring_org'])
    .where('k.person_id', 'in', personIds)
    .where('k.closed_on', 'is', null)
    .execute();
  for (const r of rows) {
    const referent = r.referent_name ? (r.referent_org ? `${r.referent_name} (${r.referent_org})` : r.referent_name) : null;
    result.set(r.person_id, { id: r.id, status: r.status as CaseStatus, heldBy: referent ?? r.referring_org ?? r.channel_name });
  }
  return result;
}

/**
 * Before a registration: the person with the same codice fiscale, and likely duplicates among the
 * records not merged into others nor anonymised — same birth date and a similar name, same phone, or same email.
 * Candidates come from the indexes on birth_date, phone digits and email in one OR query (never a scan).
 */
export async function checkDuplicates(ctx: ServiceContext, query: DuplicateQuery): Promise<DuplicateCheck> {
  const db = ctx.store.db;
  const excludeId = query.excludeId ?? null;
  const taxCode = query.taxCode ? normalizeCodiceFiscale(query.taxCode) : '';
  const holder = taxCode ? await findByTaxCode(db, taxCode) : null;
  const sameTaxCodeId = holder && holder.id !== excludeId ? holder.id : null;

  const lastName = query.lastName ?? '';
  const firstName = query.firstName ?? '';
  const birthDate = query.birthDate && nameKey(lastName + firstName) ? query.birthDate : null;
  const phone = query.phone ? normalizePhone(query.phone) : '';
  const email = query.email ? query.email.trim().toLowerCase() : '';

  const ids = [excludeId, sameTaxCodeId].filter((v): v is number => v !== null);
  const rows =
    birthDate || phone || email
      ? await summaryQuery(db)
          .where('p.merged_into_id', 'is', null)
          // an anonymised person keeps only their birth year (as 1 January): never a likely duplicate
          .where('p.anonymised_at', 'is', null)
          .where((eb) =>
            eb.or([
              ...(birthDate ? [eb('p.birth_date', '=', birthDate)] : []),
              // ix_people_phone_digits (migration 003, partial: hence IS NOT NULL) also finds phones stored with a space after the prefix
              ...(phone ? [sql<boolean>`(p.phone IS NOT NULL AND replace(p.phone, ' ', '') = ${phone})`] : []),
              ...(email ? [sql<boolean>`p.email = ${email} COLLATE NOCASE`] : []),
            ]),
          )
          .$if(ids.length > 0, (q) => q.where('p.id', 'not in', ids))
          .execute()
      : [];

  const matches: { row: SummaryRow; reasons: string[] }[] = [];
  for (const row of rows) {
    const reasons: string[] = [];
    if (birthDate && row.birth_date === birthDate && similarName(lastName, firstName, row.name_key)) reasons.push(REASON_NAME);
    if (phone && row.phone && normalizePhone(row.phone) === phone) reasons.push(REASON_PHONE);
    if (email && row.email?.toLowerCase() === email) reasons.push(REASON_EMAIL);
    if (reasons.length > 0) matches.push({ row, reasons });
  }
  matches.sort((a, b) => b.reasons.length - a.reasons.length || a.row.name_key.localeCompare(b.row.name_key) || a.row.id - b.row.id);

  const [cases, sameTaxCode] = await Promise.all([
    openCases(db, matches.map((m) => m.row.id)),
    sameTaxCodeId === null ? null : summaryQuery(db).where('p.id', '=', sameTaxCodeId).executeTakeFirstOrThrow(),
  ]);
  return {
    sameTaxCode: sameTaxCode ? redact(ctx, 'person', toSummary(sameTaxCode)) : null,
    likely: matches.map((m) => ({ person: redact(ctx, 'person', toSummary(m.row)), reasons: m.reasons, openCase: cases.get(m.row.id) ?? null })),
  };
}
