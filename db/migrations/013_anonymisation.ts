import type { Migration } from './types';

/**
 * Anonymisation (electron/services/system/anonymisation.ts, issue 11). `people.anonymised_at` is in
 * the schema since 001 (with the CHECK that lets an anonymised person have neither a codice fiscale
 * nor a reason for its absence); this migration adds what finding the people to anonymise needs:
 * - the people already anonymised, by date (a partial index: few rows until the first run);
 * - every case of a person with its close date, so «the last case closed before the retention cut-off,
 *   and none open» is read from an index instead of the wide rows of cases.
 * Portable DDL only (a PostgreSQL version of every migration exists alongside).
 */
export const m013_anonymisation: Migration = {
  id: '013_anonymisation',
  up: (db) => {
    db.exec(`
CREATE INDEX ix_people_anonymised ON people(anonymised_at) WHERE anonymised_at IS NOT NULL;
CREATE INDEX ix_cases_person_closed ON cases(person_id, closed_on);
`);
  },
};
