import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types';

/*
 * The texts below are those of today's 003 (after commit ede5deb), character for character: a
 * repaired database must end with the very schema of a new one (006_people_cases_repair.test.ts
 * compares them). They are written out here, not imported, because a landed migration never changes.
 */
const latestBand = (caseId: string) => `(SELECT a.band FROM assessments a WHERE a.case_id = ${caseId} ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)`;
const CURRENT_CASE_AND_BAND = `(SELECT c.id, ${latestBand('c.id')} FROM cases c WHERE c.person_id = people.id
    ORDER BY c.closed_on IS NOT NULL, c.application_date DESC, c.id DESC LIMIT 1)`;
const domicileName = (row: string) => `coalesce((SELECT co.name FROM comuni co WHERE co.istat_code = ${row}.domicile_istat), ${row}.outside_metro_city)`;

const COLUMNS: readonly (readonly [string, string])[] = [
  ['current_band', 'ALTER TABLE people ADD COLUMN current_band TEXT'],
  ['domicile_name', 'ALTER TABLE people ADD COLUMN domicile_name TEXT COLLATE NOCASE'],
];

/** Triggers and indexes that commit ede5deb added to 003 or changed in it (the first 003 had the three tr_cases_current_* and ix_people_current_case without the band). */
const OBJECTS: readonly (readonly ['trigger' | 'index', string, string])[] = [
  ['trigger', 'tr_cases_current_insert', `CREATE TRIGGER tr_cases_current_insert AFTER INSERT ON cases BEGIN
  UPDATE people SET (current_case_id, current_band) = ${CURRENT_CASE_AND_BAND} WHERE id = NEW.person_id;
END`],
  ['trigger', 'tr_cases_current_update', `CREATE TRIGGER tr_cases_current_update AFTER UPDATE OF person_id, application_date, closed_on ON cases BEGIN
  UPDATE people SET (current_case_id, current_band) = ${CURRENT_CASE_AND_BAND} WHERE id IN (OLD.person_id, NEW.person_id);
END`],
  ['trigger', 'tr_cases_current_delete', `CREATE TRIGGER tr_cases_current_delete AFTER DELETE ON cases BEGIN
  UPDATE people SET (current_case_id, current_band) = ${CURRENT_CASE_AND_BAND} WHERE id = OLD.person_id;
END`],
  ['trigger', 'tr_assessments_band_insert', `CREATE TRIGGER tr_assessments_band_insert AFTER INSERT ON assessments BEGIN
  UPDATE people SET current_band = ${latestBand('people.current_case_id')} WHERE current_case_id = NEW.case_id;
END`],
  ['trigger', 'tr_assessments_band_update', `CREATE TRIGGER tr_assessments_band_update AFTER UPDATE OF case_id, assessed_on, band ON assessments BEGIN
  UPDATE people SET current_band = ${latestBand('people.current_case_id')} WHERE current_case_id IN (OLD.case_id, NEW.case_id);
END`],
  ['trigger', 'tr_assessments_band_delete', `CREATE TRIGGER tr_assessments_band_delete AFTER DELETE ON assessments BEGIN
  UPDATE people SET current_band = ${latestBand('people.current_case_id')} WHERE current_case_id = OLD.case_id;
END`],
  ['trigger', 'tr_people_domicile_insert', `CREATE TRIGGER tr_people_domicile_insert AFTER INSERT ON people WHEN NEW.domicile_name COLLATE BINARY IS NOT ${domicileName('NEW')} BEGIN
  UPDATE people SET domicile_name = ${domicileName('people')} WHERE id = NEW.id;
END`],
  ['trigger', 'tr_people_domicile_update', `CREATE TRIGGER tr_people_domicile_update AFTER UPDATE OF domicile_istat, outside_metro_city, domicile_name ON people
  WHEN NEW.domicile_name COLLATE BINARY IS NOT ${domicileName('NEW')} BEGIN
  UPDATE people SET domicile_name = ${domicileName('people')} WHERE id = NEW.id;
END`],
  ['index', 'ix_people_current_case', 'CREATE INDEX ix_people_current_case ON people(current_case_id, merged_into_id, domicile_istat, last_name, first_name, birth_date, current_band, domicile_name)'],
  ['index', 'ix_people_band', 'CREATE INDEX ix_people_band ON people(current_band, domicile_istat, merged_into_id, current_case_id) WHERE current_band IS NOT NULL'],
  ['index', 'ix_people_domicile_name', 'CREATE INDEX ix_people_domicile_name ON people(domicile_name, last_name COLLATE NOCASE)'],
];

/** Brings the people-list part of the schema to today's 003; true when anything was missing or different. */
export function repairPeopleCases(db: BetterSqlite3.Database): boolean {
  const columns = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('people') as { name: string }[]).map((c) => c.name));
  const missing = COLUMNS.filter(([name]) => !columns.has(name));
  const stale = OBJECTS.filter(([type, name, sql]) => {
    const row = db.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').get(type, name) as { sql: string } | undefined;
    return row?.sql !== sql;
  });
  if (missing.length === 0 && stale.length === 0) return false;

  for (const [, sql] of missing) db.exec(sql);
  // Values written while a trigger was missing may be stale: all three columns are recomputed.
  db.exec(`UPDATE people SET (current_case_id, current_band) = ${CURRENT_CASE_AND_BAND}, domicile_name = ${domicileName('people')}`);
  for (const [type, name, sql] of stale) {
    db.exec(`DROP ${type.toUpperCase()} IF EXISTS ${name}`);
    db.exec(sql);
  }
  const analysed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").get();
  if (analysed) db.exec('ANALYZE people; ANALYZE cases; ANALYZE assessments;');
  return true;
}

/**
 * Repair of 003, which was edited after it had landed: its first version (commit ff4813e) had only
 * `people.current_case_id`; commit ede5deb added `current_band` and `domicile_name`, their triggers
 * and indexes to the same file, so a database migrated with the first 003 never got them (and 007,
 * which indexes current_band, fails on it). This step adds what is absent, puts right the triggers
 * and the index that changed, and fills the values; on any other database it changes nothing.
 *
 * Why 006 and not 010: ids should only grow, but the repair must run before 007, the first migration
 * that needs current_band, and 006 was never used. A database already past 009 applies it late, as a
 * no-op (user_version never goes down: migrate.ts keeps the highest id).
 */
export const m006_people_cases_repair: Migration = {
  id: '006_people_cases_repair',
  up: (db) => {
    repairPeopleCases(db);
  },
};
