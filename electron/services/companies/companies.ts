import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { CompanyTable, DB } from '../../../db/schema';
import { AppError, fail } from '../../contract/errors';
import type { CompanyDetail, companyInput, SizeBand } from '../../contract/companies';
import { validateCodiceFiscale } from '../../domain/codiceFiscale';
import { validatePartitaIva } from '../../domain/partitaIva';
import { nameKey } from '../../domain/text';
import { write, type ServiceContext } from '../context';
import { answerDuplicates } from '../uniqueRules';
import { checkVersion, claimVersion } from '../versions';

/** A company's data as the contract parses it (partita IVA already checked and normalised to 11 digits). */
export type CompanyData = z.output<typeof companyInput>;


/** The refusal of a partita IVA already registered: names the company, and carries its id for a link. */
export function duplicateVat(existing: { id: number; name: string }): AppError {
  const message = `Partita IVA già registrata per «${existing.name}» (azienda n. ${existing.id})`;
  return new AppError('CONFLICT', message, { vatNumber: message, existingId: String(existing.id) });
}

/** The company holding a partita IVA (other than `excludeId`), if any. */
export async function findByVat(db: Kysely<DB> | Transaction<DB>, vat: string, excludeId: number | null = null): Promise<{ id: number; name: string } | null> {
  let query = db.selectFrom('companies').select(['id', 'name']).where('vat_number', '=', vat);
  if (excludeId !== null) query = query.where('id', '!=', excludeId);
  return (await query.executeTakeFirst()) ?? null;
}

/** companies.checkVat: a partita IVA that is not valid yet finds nothing. */
export async function checkVat(ctx: ServiceContext, { vatNumber, excludeId }: { vatNumber: string; excludeId?: number | null }): Promise<{ existing: { id: number; name: string } | null }> {
  const valid = validatePartitaIva(vatNumber);
  return { existing: valid.ok ? await findByVat(ctx.store.db, valid.value, excludeId ?? null) : null };
}

/** A company's codice fiscale: 11 digits (a partita IVA) or a person's 16-character code. */
function normaliseTaxCode(text: string): { ok: true; value: string } | { ok: false; error: string } {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (/^\d+$/.test(compact)) {
    const vat = validatePartitaIva(compact);
    return vat.ok ? vat : { ok: false, error: `Codice fiscale dell’azienda: ${vat.error.replace(/^La partita IVA/, 'il codice numerico')}` };
  }
  const cf = validateCodiceFiscale(compact);
  return cf.ok ? { ok: true, value: cf.value } : { ok: false, error: cf.error };
}

const PHONE = /^\+?[0-9 ./-]{6,20}$/;

/** What validateCompany adds: the seat's city name as stored. */
export interface ValidCompany extends CompanyData {
  seatCityName: string;
}

/** Checks a company's data against the rules and the reference lists; reads only. Throws VALIDATION with a message per field. */
export async function validateCompany(db: Kysely<DB>, input: CompanyData): Promise<ValidCompany> {
  const fields: Record<string, string> = {};
  const [comune, ateco, org] = await Promise.all([
    input.seatIstat ? db.selectFrom('comuni').select(['name']).where('istat_code', '=', input.seatIstat).executeTakeFirst() : undefined,
    input.atecoSection ? db.selectFrom('ateco_sections').select('code').where('code', '=', input.atecoSection).executeTakeFirst() : undefined,
    input.employerOrgId !== null ? db.selectFrom('organisations').select(['kind', 'active']).where('id', '=', input.employerOrgId).executeTakeFirst() : undefined,
  ]);
  let seatCityName = '';
  if (input.outsideMetro) {
    if (input.seatIstat) fields.seatIstat = 'Con la sede fuori dalla Città metropolitana non si indica un comune dell’area';
    if (!input.seatCity) fields.seatCity = 'Indicare il comune della sede fuori dalla Città metropolitana';
    seatCityName = input.seatCity ?? '';
  } else if (!input.seatIstat) {
    fields.seatIstat = 'Indicare il comune della sede, oppure segnare la sede fuori dalla Città metropolitana';
  } else if (!comune) {
    fields.seatIstat = 'Comune della sede non presente nell’elenco';
  } else {
    seatCityName = comune.name;
  }
  if (input.atecoSection && !ateco) fields.atecoSection = 'Sezione ATECO non presente nell’elenco';
  if (input.employerOrgId !== null && (!org || org.kind !== 'associazione_imprese' || org.active !== 1)) {
    fields.employerOrgId = 'Scegliere una delle associazioni di imprese dell’elenco';
  }
  let taxCode: string | null = null;
  if (input.taxCode) {
    const result = normaliseTaxCode(input.taxCode);
    if (result.ok) taxCode = result.value;
    else fields.taxCode = result.error;
  }
  if (input.phone && !PHONE.test(input.phone)) fields.phone = 'Numero di telefono non valido: solo cifre, spazi e +';
  if (Object.keys(fields).length > 0) fail(fields);
  return { ...input, taxCode, seatIstat: input.outsideMetro ? null : input.seatIstat, seatCity: input.outsideMetro ? input.seatCity : null, seatCityName };
}

type CompanyColumns = Omit<CompanyTable, 'id' | 'version' | 'created_at' | 'updated_at'>;

function toColumns(c: ValidCompany): CompanyColumns {
  return {
    name: c.name,
    name_key: nameKey(c.name),
    vat_number: c.vatNumber,
    tax_code: c.taxCode,
    legal_form: c.legalForm,
    ateco_section: c.atecoSection,
    seat_istat: c.seatIstat,
    seat_city: c.seatCityName,
    seat_street: c.seatStreet,
    seat_number: c.seatNumber,
    size_band: c.sizeBand,
    employer_org_id: c.employerOrgId,
    legal_rep_name: c.legalRepName,
    legal_rep_role: c.legalRepRole,
    phone: c.phone,
    email: c.email,
    pec: c.pec,
    notes: c.notes,
  };
}

/** The audit's picture of a company: its fields as the contract names them. */
function auditView(c: ValidCompany): Record<string, unknown> {
  const { seatCityName, seatCity: _typed, ...rest } = c;
  return { ...rest, seatCity: seatCityName };
}

function detailQuery(db: Kysely<DB>) {
  return db
    .selectFrom('companies as c')
    .leftJoin('ateco_sections as a', 'a.code', 'c.ateco_section')
    .leftJoin('comuni as co', 'co.istat_code', 'c.seat_istat')
    .leftJoin('districts as d', 'd.code', 'co.district_code')
    .leftJoin('organisations as o', 'o.id', 'c.employer_org_id')
    .selectAll('c')
    .select(['a.name as ateco_name', 'd.code as district_code', 'd.name as district_name', 'o.name as org_name']);
}

/** A company's registry data; NOT_FOUND when there is no such company. */
export async function getCompanyDetail(db: Kysely<DB>, id: number): Promise<CompanyDetail> {
  const r = await detailQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', 'Azienda non trovata');
  return {
    id: r.id,
    name: r.name,
    vatNumber: r.vat_number,
    taxCode: r.tax_code,
    legalForm: r.legal_form,
    atecoSection: r.ateco_section,
    atecoName: r.ateco_name,
    seatIstat: r.seat_istat,
    seatCity: r.seat_city,
    outsideMetro: r.seat_istat === null,
    seatDistrictCode: r.district_code,
    seatDistrict: r.district_name,
    seatStreet: r.seat_street,
    seatNumber: r.seat_number,
    sizeBand: r.size_band as SizeBand | null,
    employerOrgId: r.employer_org_id,
    employerOrgName: r.org_name,
    legalRepName: r.legal_rep_name,
    legalRepRole: r.legal_rep_role,
    phone: r.phone,
    email: r.email,
    pec: r.pec,
    notes: r.notes,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A company's data as stored, in the contract's shape, for the audit's before/after. */
function storedData(d: CompanyDetail): Record<string, unknown> {
  return {
    name: d.name,
    vatNumber: d.vatNumber,
    taxCode: d.taxCode,
    legalForm: d.legalForm,
    atecoSection: d.atecoSection,
    seatIstat: d.seatIstat,
    outsideMetro: d.outsideMetro,
    seatCity: d.seatCity,
    seatStreet: d.seatStreet,
    seatNumber: d.seatNumber,
    sizeBand: d.sizeBand,
    employerOrgId: d.employerOrgId,
    legalRepName: d.legalRepName,
    legalRepRole: d.legalRepRole,
    phone: d.phone,
    email: d.email,
    pec: d.pec,
    notes: d.notes,
  };
}

/** The refusal of a partita IVA that the database refused as a duplicate (`error`): another desk wrote it between this save's check and its write. */
async function vatTakenMeanwhile(db: Kysely<DB>, vat: string, excludeId: number | null, error: unknown): Promise<never> {
  const existing = await findByVat(db, vat, excludeId);
  throw existing ? duplicateVat(existing) : error;
}

/** Registers a company, and its entry in the Board when `boardSince` is given. A partita IVA already registered is refused. */
export async function createCompany(ctx: ServiceContext, input: CompanyData & { boardSince: string | null }): Promise<{ companyId: number }> {
  const { boardSince, ...data } = input;
  const company = await validateCompany(ctx.store.db, data);
  if (boardSince && boardSince > ctx.clock.today()) fail({ boardSince: 'La data di ingresso nel Board non può essere nel futuro' });
  const register = () =>
    write(ctx, async (trx) => {
      // checked inside the transaction; two desks on one PostgreSQL server may still both pass it: answered below
      const existing = await findByVat(trx, company.vatNumber);
      if (existing) throw duplicateVat(existing);
      const now = ctx.clock.nowIso();
      const { id } = await trx
        .insertInto('companies')
        .values({ ...toColumns(company), created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (boardSince) await trx.insertInto('board_memberships').values({ company_id: id, since: boardSince, until: null }).execute();
      return { result: { companyId: id }, audit: { action: 'crea', entity: 'azienda', entityId: id, after: { ...auditView(company), ...(boardSince && { boardSince }) } } };
    });
  return answerDuplicates(register, { partita_iva: (error) => vatTakenMeanwhile(ctx.store.db, company.vatNumber, null, error) });
}

/**
 * Changes a company's registry data; a partita IVA of another company is refused, and so is a company
 * changed since `version` was read (versions.ts). Nothing changed: nothing written.
 */
export async function updateCompany(ctx: ServiceContext, input: CompanyData & { id: number; version: number }): Promise<CompanyDetail> {
  const db = ctx.store.db;
  const { id, version, ...data } = input;
  const company = await validateCompany(db, data);
  const current = await getCompanyDetail(db, id);
  const change = { record: 'azienda', entityId: id } as const;
  await checkVersion(db, ctx, change, current.version, version);
  const before = storedData(current);
  const after = auditView(company);
  const diff = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      diff.before[key] = before[key];
      diff.after[key] = after[key];
    }
  }
  if (Object.keys(diff.after).length === 0) return current;
  const save = () =>
    write(ctx, async (trx) => {
      await claimVersion(trx, ctx, { ...change, id }, version);
      const existing = await findByVat(trx, company.vatNumber, id);
      if (existing) throw duplicateVat(existing);
      await trx
        .updateTable('companies')
        .set({ ...toColumns(company), updated_at: ctx.clock.nowIso() })
        .where('id', '=', id)
        .execute();
      return { result: undefined, audit: { action: 'modifica', entity: 'azienda', entityId: id, before: diff.before, after: diff.after } };
    });
  await answerDuplicates(save, { partita_iva: (error) => vatTakenMeanwhile(db, company.vatNumber, id, error) });
  return getCompanyDetail(db, id);
}

/** NOT_FOUND unless the company exists; returns its name. */
export async function requireCompany(db: Kysely<DB> | Transaction<DB>, id: number): Promise<{ id: number; name: string }> {
  const row = await db.selectFrom('companies').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Azienda non trovata');
  return row;
}
