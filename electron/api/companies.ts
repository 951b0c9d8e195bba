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
  'companies.list': listCompanies,
  'companies.search': searchCompanies,
  'companies.checkVat': checkVat,
  'companies.get': companyPage,
  'companies.create': createCompany,
  'companies.update': updateCompany,
  'companies.contacts.add': addContact,
  'companies.contacts.update': updateContact,
  'companies.contacts.remove': removeContact,
  'companies.board.add': addBoardPeriod,
  'companies.board.update': updateBoardPeriod,
  'companies.board.remove': removeBoardPeriod,
  'companies.needs.create': createNeed,
  'companies.needs.update': updateNeed,
  'companies.needs.setStatus': setNeedStatus,
  'companies.needs.get': getNeed,
  'companies.needs.listOpen': listOpenNeeds,
};
