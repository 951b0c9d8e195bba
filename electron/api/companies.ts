import type { companiesContract } from '../contract/companies';
import { checkVat, createCompany, updateCompany } from '../services/companies/companies';
import { addBoardPeriod, removeBoardPeriod, updateBoardPeriod } from '../services/companies/board';
import { addContact, removeContact, updateContact } from '../services/companies/contacts';
import { listCompanies, searchCompanies } from '../services/companies/list';
import { companyPage } from '../services/companies/page';
import { createNeed, getNeed, setNeedStatus, updateNeed } from '../services/companies/needs';
import { listOpenNeeds } from '../services/companies/needsList';
import type { AreaHandlers } from './handlers';

export const companiesHandlers: AreaHandlers<keyof typeof companiesContract> = {
  'companies.list': (input, ctx) => listCompanies(ctx.store.db, input),
  'companies.search': (input, ctx) => searchCompanies(ctx.store.db, input.text, input.limit),
  'companies.checkVat': (input, ctx) => checkVat(ctx.store.db, input.vatNumber, input.excludeId ?? null),
  'companies.get': (input, ctx) => companyPage(ctx.store.db, input.id),
  'companies.create': (input, ctx) => createCompany(ctx, input),
  'companies.update': (input, ctx) => updateCompany(ctx, input),
  'companies.contacts.add': (input, ctx) => addContact(ctx, input),
  'companies.contacts.update': (input, ctx) => updateContact(ctx, input),
  'companies.contacts.remove': (input, ctx) => removeContact(ctx, input.id),
  'companies.board.add': (input, ctx) => addBoardPeriod(ctx, input),
  'companies.board.update': (input, ctx) => updateBoardPeriod(ctx, input),
  'companies.board.remove': (input, ctx) => removeBoardPeriod(ctx, input.id),
  'companies.needs.create': (input, ctx) => createNeed(ctx, input),
  'companies.needs.update': (input, ctx) => updateNeed(ctx, input),
  'companies.needs.setStatus': (input, ctx) => setNeedStatus(ctx, input),
  'companies.needs.get': (input, ctx) => getNeed(ctx.store.db, input.id),
  'companies.needs.listOpen': (input, ctx) => listOpenNeeds(ctx.store.db, input),
};
