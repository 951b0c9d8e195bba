import type { systemDatabaseContract } from '../contract/systemDatabase';
import { checkDatabaseServer, databaseChoice, saveDatabaseChoice } from '../services/system/databaseChoice';
import type { AreaHandlers } from './handlers';

export const systemDatabaseHandlers: AreaHandlers<keyof typeof systemDatabaseContract> = {
  'system.database.choice': databaseChoice,
  'system.database.check': checkDatabaseServer,
  'system.database.save': saveDatabaseChoice,
};
