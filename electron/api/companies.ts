import type { companiesContract } from '../contract/companies';
import type { AreaHandlers } from './handlers';

export const companiesHandlers: AreaHandlers<keyof typeof companiesContract> = {};
