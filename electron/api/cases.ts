import type { casesContract } from '../contract/cases';
import { createCase, recordNoShow, transitionCase, updateCase } from '../services/cases/cases';
import type { AreaHandlers } from './handlers';

export const casesHandlers: AreaHandlers<keyof typeof casesContract> = {
  'cases.create': createCase,
  'cases.update': updateCase,
  'cases.transition': transitionCase,
  'cases.recordNoShow': recordNoShow,
};
