import { AppError } from '../contract/errors';
import type { Role } from '../contract/roles';
import { exportPeople } from '../services/people/export';
import { DEFAULT_SORT, listPeople } from '../services/people/list';
import { personPage } from '../services/people/page';
import { deleteFilter, listSavedFilters, saveFilter } from '../services/people/savedFilters';
import type { AreaHandlers, CallContext } from './handlers';

type Methods = 'people.get' | 'people.list' | 'people.export' | 'people.savedFilters.list' | 'people.savedFilters.save' | 'people.savedFilters.delete';

function roleOf(ctx: CallContext): Role {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
  return ctx.user.role;
}

export const peopleReadHandlers: AreaHandlers<Methods> = {
  'people.get': (input, ctx) => personPage(ctx.store.db, input.id, roleOf(ctx)),
  'people.list': (input, ctx) => listPeople(ctx.store.db, input, roleOf(ctx)),
  'people.export': (input, ctx) => exportPeople(ctx, { filter: input.filter, sort: input.sort ?? DEFAULT_SORT }, roleOf(ctx)),
  'people.savedFilters.list': (_input, ctx) => listSavedFilters(ctx),
  'people.savedFilters.save': (input, ctx) => saveFilter(ctx, input),
  'people.savedFilters.delete': (input, ctx) => deleteFilter(ctx, input.id),
};
