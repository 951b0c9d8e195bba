import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { CompanyContact } from '../../contract/companies';
import { write, type ServiceContext } from '../context';
import { requireCompany } from './companies';

/** Referenti: the people to talk to at a company (HR, the shift supervisor, the owner). */

export interface ContactData {
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
}

const PHONE = /^\+?[0-9 ./-]{6,20}$/;

function check(data: ContactData): void {
  if (data.phone && !PHONE.test(data.phone)) {
    throw new AppError('VALIDATION', 'Numero di telefono non valido: solo cifre, spazi e +', { phone: 'Numero di telefono non valido: solo cifre, spazi e +' });
  }
}

export async function companyContacts(db: Kysely<DB> | Transaction<DB>, companyId: number): Promise<CompanyContact[]> {
  const rows = await db.selectFrom('company_contacts').select(['id', 'company_id', 'name', 'role', 'phone', 'email']).where('company_id', '=', companyId).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, companyId: r.company_id, name: r.name, role: r.role, phone: r.phone, email: r.email }));
}

async function requireContact(db: Kysely<DB> | Transaction<DB>, id: number): Promise<CompanyContact> {
  const r = await db.selectFrom('company_contacts').select(['id', 'company_id', 'name', 'role', 'phone', 'email']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', 'Referente non trovato');
  return { id: r.id, companyId: r.company_id, name: r.name, role: r.role, phone: r.phone, email: r.email };
}

export async function addContact(ctx: ServiceContext, input: ContactData & { companyId: number }): Promise<CompanyContact> {
  check(input);
  return write(ctx, async (trx) => {
    await requireCompany(trx, input.companyId);
    const { id } = await trx
      .insertInto('company_contacts')
      .values({ company_id: input.companyId, name: input.name, role: input.role, phone: input.phone, email: input.email })
      .returning('id')
      .executeTakeFirstOrThrow();
    const contact: CompanyContact = { id, companyId: input.companyId, name: input.name, role: input.role, phone: input.phone, email: input.email };
    return { result: contact, audit: { action: 'crea', entity: 'referente_azienda', entityId: id, after: contact } };
  });
}

export async function updateContact(ctx: ServiceContext, input: ContactData & { id: number }): Promise<CompanyContact> {
  check(input);
  return write(ctx, async (trx) => {
    const before = await requireContact(trx, input.id);
    await trx.updateTable('company_contacts').set({ name: input.name, role: input.role, phone: input.phone, email: input.email }).where('id', '=', input.id).execute();
    const after: CompanyContact = { ...before, name: input.name, role: input.role, phone: input.phone, email: input.email };
    return { result: after, audit: { action: 'modifica', entity: 'referente_azienda', entityId: input.id, before, after } };
  });
}

export async function removeContact(ctx: ServiceContext, { id }: { id: number }): Promise<{ ok: true }> {
  return write(ctx, async (trx) => {
    const before = await requireContact(trx, id);
    await trx.deleteFrom('company_contacts').where('id', '=', id).execute();
    return { result: { ok: true as const }, audit: { action: 'elimina', entity: 'referente_azienda', entityId: id, before } };
  });
}
