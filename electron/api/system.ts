import type { systemContract } from '../contract/system';
import { dashboardCounts } from '../services/dashboard/dashboard';
import { backupDirFor, backupNow, listBackups, restoreFromBackupName, restoreFromBytes } from '../services/system/backup';
import { getSettings, updateSettings } from '../services/system/settings';
import type { dashboardContract } from '../contract/dashboard';
import type { AreaHandlers } from './handlers';

export const systemHandlers: AreaHandlers<keyof typeof systemContract | keyof typeof dashboardContract> = {
  'dashboard.counts': (_input, ctx) => dashboardCounts(ctx.store),
  'system.settings.get': (_input, ctx) => getSettings(ctx.store),
  'system.settings.update': (input, ctx) => updateSettings(ctx, input),
  'system.backup.list': async (_input, ctx) => listBackups(backupDirFor(ctx.store.file)),
  'system.backup.now': (_input, ctx) => backupNow(ctx, 'manuale'),
  'system.backup.restore': async (input, ctx) => {
    const result = 'fileName' in input ? await restoreFromBackupName(ctx, input.fileName) : await restoreFromBytes(ctx, input.uploadName, Buffer.from(input.contentBase64, 'base64'));
    // the restored database may have other users: everyone logs in again
    ctx.sessions.revoke();
    return result;
  },
  'system.audit.recent': async (input, ctx) => {
    const rows = await ctx.store.db
      .selectFrom('audit_log')
      .select(['id', 'at', 'username', 'action', 'entity', 'entity_id'])
      .orderBy('id', 'desc')
      .limit(input.limit)
      .execute();
    return rows.map((r) => ({ id: r.id, at: r.at, username: r.username, action: r.action, entity: r.entity, entityId: r.entity_id }));
  },
};
