import type { DatabaseInfo } from '../../contract/system';
import type { ServiceContext } from '../context';

/** The database in use; its location only for administrators (it names the server and the database). */
export function databaseInfo(ctx: ServiceContext): Promise<DatabaseInfo> {
  const { store } = ctx;
  return Promise.resolve({
    engine: store.engine,
    location: ctx.caller.role === 'amministratore' ? store.describe() : null,
    link: store.changes().link,
  });
}
