import type { systemContract } from '../contract/system';
import { dashboardCounts } from '../services/dashboard';
import { backupDirFor, backupNow, listBackups, restoreFromBackupName, restoreFromBytes } from '../services/backup';
import { getSettings, updateSettings } from '../services/settings';
import type { dashboardContract } from '../contract/dashboard';
import type { AreaHandlers } from './handlers';

export const systemHandlers: AreaHandlers<keyof typeof systemContract | keyof typeof dashboardContract> = {
  'dashboard.counts': (_input, ctx) => dashboardCounts(ctx.store),
  'settings.get': (_input, ctx) => getSettings(ctx.store),
  'settings.update': (input, ctx) => updateSettings(ctx, input),
  'backup.list': async (_input, ctx) => listBackups(backupDirFor(ctx.store.file)),
  'backup.now': (_input, ctx) => backupNow(ctx, 'manuale'),
  'backup.restore': async (input, ctx) => {
    const result = 'fileName' in input ? await restoreFromBackupName(ctx, input.fileName) : await restoreFromBytes(ctx, input.uploadName, Buffer.from(input.contentBase64, 'base64'));
    // the restored database may have other users: everyone logs in again
    ctx.sessions.revoke();
    return result;
  },
  'audit.recent': async (input, ctx) => {
    const rows = await ctx.store.db
      .selectFrom('audit_log')
      .select(['id', 'at', 'username', 'action', 'entity', 'entity_id'])
      .orderBy('id', 'desc')
      .limit(input.limit)
      .execute();
    return rows.map((r) => ({ id: r.id, at: r.at, username: r.username, action: r.action, entity: r.entity, entityId: r.entity_id }));
  },
};
