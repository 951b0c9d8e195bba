import type { pathsContract } from '../contract/paths';
import { createIntervention, loadIntervention, personPath, transitionIntervention, updateIntervention } from '../services/paths/paths';
import { listInterventions } from '../services/paths/list';
import type { AreaHandlers } from './handlers';

export const pathsHandlers: AreaHandlers<keyof typeof pathsContract> = {
  'paths.list': listInterventions,
  'paths.forPerson': personPath,
  'paths.get': (ctx, input) => loadIntervention(ctx, input),
  'paths.create': createIntervention,
  'paths.update': updateIntervention,
  'paths.transition': transitionIntervention,
};
