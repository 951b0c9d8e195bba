import { AppError } from '../../contract/errors';
import { peopleFilter, type SavedFilter } from '../../contract/people';
import { write, type ServiceContext } from '../context';
import type { PeopleFilterValues } from './list';

/** Saved filters of the people list. Each user sees and changes only their own. */
const SCOPE = 'people';

function userOf(ctx: ServiceContext): number {
  if (ctx.caller.userId === null) throw new AppError('FORBIDDEN', 'I filtri salvati sono personali: accedere con il proprio utente');
  return ctx.caller.userId;
}

/** The user's filters by name. A filter saved by an older version that no longer reads is left out. */
export async function listSavedFilters(ctx: ServiceContext): Promise<SavedFilter[]> {
  const rows = await ctx.store.db
    .selectFrom('saved_filters')
    .select(['id', 'name', 'filter_json'])
    .where('user_id', '=', userOf(ctx))
    .where('scope', '=', SCOPE)
    .orderBy('name')
    .execute();
  return rows.flatMap((r) => {
    const parsed = peopleFilter.safeParse(JSON.parse(r.filter_json));
    return parsed.success ? [{ id: r.id, name: r.name, filter: parsed.data }] : [];
  });
}

/** Saves a filter; one with the same name is replaced. */
export async function saveFilter(ctx: ServiceContext, input: { name: string; filter: PeopleFilterValues }): Promise<SavedFilter> {
  const userId = userOf(ctx);
  return write(ctx, async (trx) => {
    const before = await trx
      .selectFrom('saved_filters')
      .select(['id', 'filter_json'])
      .where('user_id', '=', userId)
      .where('scope', '=', SCOPE)
      .where('name', '=', input.name)
      .executeTakeFirst();
    const filterJson = JSON.stringify(input.filter);
    const { id } = await trx
      .insertInto('saved_filters')
      .values({ user_id: userId, scope: SCOPE, name: input.name, filter_json: filterJson, created_at: ctx.clock.nowIso() })
      .onConflict((oc) => oc.columns(['user_id', 'scope', 'name']).doUpdateSet({ filter_json: filterJson }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const result: SavedFilter = { id, name: input.name, filter: input.filter };
    return {
      result,
      audit: {
        action: before ? 'modifica' : 'crea',
        entity: 'filtro_salvato',
        entityId: id,
        before: before ? { name: input.name, filter: JSON.parse(before.filter_json) as unknown } : undefined,
        after: { name: input.name, filter: input.filter },
      },
    };
  });
}

/** Deletes one of the user's filters; someone else's is NOT_FOUND, as if it did not exist. */
export async function deleteFilter(ctx: ServiceContext, { id }: { id: number }): Promise<{ ok: true }> {
  const userId = userOf(ctx);
  return write(ctx, async (trx) => {
    const row = await trx
      .selectFrom('saved_filters')
      .select(['name', 'filter_json'])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('scope', '=', SCOPE)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'Filtro salvato non trovato');
    await trx.deleteFrom('saved_filters').where('id', '=', id).execute();
    return {
      result: { ok: true as const },
      audit: { action: 'elimina', entity: 'filtro_salvato', entityId: id, before: { name: row.name, filter: JSON.parse(row.filter_json) as unknown } },
    };
  });
}
