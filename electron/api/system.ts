import type { systemContract } from '../contract/system';
import { listBackups, backupNow, backupStatus, removeBackupPassphrase, restoreFromBackupName, restoreFromBytes, saveCopy, setBackupPassphrase } from '../services/system/backup';
import { auditOptions, exportAudit, listAudit, recentAudit } from '../services/system/audit';
import { anonymisePersonOnRequest, previewAnonymisation, runAnonymisation } from '../services/system/anonymisation';
import { databaseInfo } from '../services/system/database';
import { createNotice, listNotices } from '../services/system/privacyNotices';
import { referenceData } from '../services/system/reference';
import { getSettings, updateSettings } from '../services/system/settings';
import type { AreaHandlers } from './handlers';
import { systemDatabaseHandlers } from './systemDatabase';

const systemAreaHandlers: AreaHandlers<keyof typeof systemContract> = {
  'system.reference': referenceData,
  'system.database': databaseInfo,
  'system.settings.get': getSettings,
  'system.settings.update': updateSettings,
  'system.backup.list': listBackups,
  'system.backup.now': (ctx) => backupNow(ctx, { reason: 'manuale' }),
  'system.backup.restore': async (ctx, input) => {
    const result = 'fileName' in input ? await restoreFromBackupName(ctx, input) : await restoreFromBytes(ctx, input);
    // the restored database may have other users: everyone logs in again
    ctx.sessions.revoke();
    return result;
  },
  'system.backup.status': backupStatus,
  'system.backup.setPassphrase': setBackupPassphrase,
  'system.backup.removePassphrase': removeBackupPassphrase,
  'system.backup.saveCopy': saveCopy,
  'system.anonymisation.preview': previewAnonymisation,
  'system.anonymisation.run': runAnonymisation,
  'system.anonymisation.person': anonymisePersonOnRequest,
  'system.privacyNotices.list': listNotices,
  'system.privacyNotices.create': createNotice,
  'system.audit.recent': recentAudit,
  'system.audit.list': listAudit,
  'system.audit.options': auditOptions,
  'system.audit.export': exportAudit,
};

/** The system area's handlers, Impostazioni → Database's included (electron/api/systemDatabase.ts). */
export const systemHandlers = { ...systemAreaHandlers, ...systemDatabaseHandlers };
