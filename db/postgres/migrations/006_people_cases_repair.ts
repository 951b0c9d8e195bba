import type { PgMigration } from './types';

/**
 * SQLite's 006 repairs databases that ran the first version of 003 (a landed migration edited
 * afterwards). No PostgreSQL database ever ran that version: nothing to repair, the id is recorded.
 */
export const p006_people_cases_repair: PgMigration = {
  id: '006_people_cases_repair',
  up: async () => {},
};
