import { AppError } from '../contract/errors';
import type { pathsContract } from '../contract/paths';
import type { Role } from '../contract/roles';
import { createIntervention, loadIntervention, personPath, transitionIntervention, updateIntervention } from '../services/interventions';
import { listInterventions } from '../services/interventionsList';
import { matchNeed, matchPerson, proposeFromMatch } from '../services/matching';
import type { AreaHandlers, CallContext } from './handlers';

function roleOf(ctx: CallContext): Role {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
  return ctx.user.role;
}

export const pathsHandlers: AreaHandlers<keyof typeof pathsContract> = {
  'interventions.list': (input, ctx) => listInterventions(ctx.store.db, input),
  'interventions.forPerson': (input, ctx) => personPath(ctx.store.db, input.personId, roleOf(ctx)),
  'interventions.get': (input, ctx) => loadIntervention(ctx.store.db, input.id, roleOf(ctx)),
  'interventions.create': (input, ctx) => createIntervention(ctx, roleOf(ctx), input),
  'interventions.update': (input, ctx) => updateIntervention(ctx, roleOf(ctx), input),
  'interventions.transition': (input, ctx) => transitionIntervention(ctx, roleOf(ctx), input),
  'matching.need': (input, ctx) => matchNeed(ctx.store.db, input.needId, input.limit),
  'matching.person': (input, ctx) => matchPerson(ctx.store.db, input.personId, input.limit),
  'matching.propose': (input, ctx) => proposeFromMatch(ctx, roleOf(ctx), input),
};
