import type { Migration } from './types';

/**
 * A version per editable record (issue 12, several desks on one database): people, companies, needs,
 * pacts and allocations get `version`, 1 when created and raised by one with every save of the record's
 * data (electron/services/versions.ts). A save carries the version its form loaded and is refused when
 * the record moved on in between, so one desk never silently overwrites another's changes.
 * Portable DDL (PostgreSQL's 015_record_versions is the same).
 */
export const m015_record_versions: Migration = {
  id: '015_record_versions',
  up: (db) => {
    for (const table of ['people', 'companies', 'needs', 'pacts', 'allocations']) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1`);
    }
  },
};
