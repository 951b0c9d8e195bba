import { AppError } from '../contract/errors';
import type { pathsContract } from '../contract/paths';
import type { Role } from '../contract/roles';
import { createIntervention, loadIntervention, personPath, transitionIntervention, updateIntervention } from '../services/paths/paths';
import { listInterventions } from '../services/paths/list';
import { matchNeed, matchPerson, proposeFromMatch } from '../services/matching/matching';
import type { AreaHandlers, CallContext } from './handlers';

function roleOf(ctx: CallContext): Role {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
  return ctx.user.role;
}

export const pathsHandlers: AreaHandlers<keyof typeof pathsContract> = {
  'paths.list': (input, ctx) => listInterventions(ctx.store.db, input),
  'paths.forPerson': (input, ctx) => personPath(ctx.store.db, input.personId, roleOf(ctx)),
  'paths.get': (input, ctx) => loadIntervention(ctx.store.db, input.id, roleOf(ctx)),
  'paths.create': (input, ctx) => createIntervention(ctx, roleOf(ctx), input),
  'paths.update': (input, ctx) => updateIntervention(ctx, roleOf(ctx), input),
  'paths.transition': (input, ctx) => transitionIntervention(ctx, roleOf(ctx), input),
  'matching.need': (input, ctx) => matchNeed(ctx.store.db, input.needId, input.limit),
  'matching.person': (input, ctx) => matchPerson(ctx.store.db, input.personId, input.limit),
  'matching.propose': (input, ctx) => proposeFromMatch(ctx, roleOf(ctx), input),
};
