import type { AuditRow } from '../../contract/system';
import type { ServiceContext } from '../context';

/** The newest rows of the audit log, for the administrator. */
export async function recentAudit(ctx: ServiceContext, input: { limit: number }): Promise<AuditRow[]> {
  const rows = await ctx.store.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'username', 'action', 'entity', 'entity_id'])
    .orderBy('id', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, username: r.username, action: r.action, entity: r.entity, entityId: r.entity_id }));
}
