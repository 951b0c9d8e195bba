import type { PgMigration } from './types';

/** SQLite's 015_record_versions, the same DDL: `version` on the five editable records, 1 for every existing row. */
export const p015_record_versions: PgMigration = {
  id: '015_record_versions',
  up: async (c) => {
    for (const table of ['people', 'companies', 'needs', 'pacts', 'allocations']) {
      await c.query(`ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1`);
    }
  },
};
