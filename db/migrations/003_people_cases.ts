import type { Migration } from './types';

/** The band of the latest assessment of case `caseId`. */
const latestBand = (caseId: string) => `(SELECT a.band FROM assessments a WHERE a.case_id = ${caseId} ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)`;
/**
 * The current case of a person (the open one, else the latest by application date, then by id) and
 * its latest band: both NULL for a person without cases.
 */
const CURRENT_CASE_AND_BAND = `(SELECT c.id, ${latestBand('c.id')} FROM cases c WHERE c.person_id = people.id
    ORDER BY c.closed_on IS NOT NULL, c.application_date DESC, c.id DESC LIMIT 1)`;
/** The comune of domicile by name, or the city outside the metro area, of the person `row`. */
const domicileName = (row: string) => `coalesce((SELECT co.name FROM comuni co WHERE co.istat_code = ${row}.domicile_istat), ${row}.outside_metro_city)`;

/**
 * Columns and indexes for the people list (electron/services/peopleList.ts), which is people joined
 * with their current case. Three columns of people are kept by the triggers below, whoever writes
 * (services, seed, merges):
 * - `current_case_id`, the current case: the list pages over an index of cases without a correlated
 *   "which case is current" subquery per row, and people without any case (just registered) are found
 *   through an index instead of an anti-join over every person;
 * - `current_band`, the band of that case's latest assessment: the band filter is counted from an
 *   index of people instead of a subquery per case;
 * - `domicile_name`, the name the list shows as «Comune»: the comune sort follows an index.
 * Whoever writes a person may give domicile_name (the seed does): the triggers rewrite it only when it
 * is not right. A later migration that rebuilds the cases, assessments or people table must recreate
 * these triggers; one that renames a comune must update domicile_name.
 */
export const m003_people_cases: Migration = {
  id: '003_people_cases',
  up: (db) => {
    db.exec(`
ALTER TABLE people ADD COLUMN current_case_id INTEGER REFERENCES cases(id);
ALTER TABLE people ADD COLUMN current_band TEXT;
ALTER TABLE people ADD COLUMN domicile_name TEXT COLLATE NOCASE;
UPDATE people SET (current_case_id, current_band) = ${CURRENT_CASE_AND_BAND}, domicile_name = ${domicileName('people')};

CREATE TRIGGER tr_cases_current_insert AFTER INSERT ON cases BEGIN
  UPDATE people SET (current_case_id, current_band) = ${CURRENT_CASE_AND_BAND} WHERE id = NEW.person_id;
END;
CREATE TRIGGER tr_cases_current_update AFTER UPDATE OF person_id, application_date, closed_on ON cases BEGIN
  UPDATE people SET (current_case_id, current_band) = ${CURRENT_CASE_AND_BAND} WHERE id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER tr_cases_current_delete AFTER DELETE ON cases BEGIN
  UPDATE people SET (current_case_id, current_band) = ${CURRENT_CASE_AND_BAND} WHERE id = OLD.person_id;
END;

CREATE TRIGGER tr_assessments_band_insert AFTER INSERT ON assessments BEGIN
  UPDATE people SET current_band = ${latestBand('people.current_case_id')} WHERE current_case_id = NEW.case_id;
END;
CREATE TRIGGER tr_assessments_band_update AFTER UPDATE OF case_id, assessed_on, band ON assessments BEGIN
  UPDATE people SET current_band = ${latestBand('people.current_case_id')} WHERE current_case_id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER tr_assessments_band_delete AFTER DELETE ON assessments BEGIN
  UPDATE people SET current_band = ${latestBand('people.current_case_id')} WHERE current_case_id = OLD.case_id;
END;

CREATE TRIGGER tr_people_domicile_insert AFTER INSERT ON people WHEN NEW.domicile_name COLLATE BINARY IS NOT ${domicileName('NEW')} BEGIN
  UPDATE people SET domicile_name = ${domicileName('people')} WHERE id = NEW.id;
END;
CREATE TRIGGER tr_people_domicile_update AFTER UPDATE OF domicile_istat, outside_metro_city, domicile_name ON people
  WHEN NEW.domicile_name COLLATE BINARY IS NOT ${domicileName('NEW')} BEGIN
  UPDATE people SET domicile_name = ${domicileName('people')} WHERE id = NEW.id;
END;

-- joins a case to its person and answers the list's person-side filters and name, birth-date and
-- comune sorts from the index alone; with current_case_id IS NULL, the people without a case
CREATE INDEX ix_people_current_case ON people(current_case_id, merged_into_id, domicile_istat, last_name, first_name, birth_date, current_band, domicile_name);
-- counts the band filter (with districts) and joins its people to their case from the index alone
CREATE INDEX ix_people_band ON people(current_band, domicile_istat, merged_into_id, current_case_id) WHERE current_band IS NOT NULL;
-- the comune sort; with domicile_name IN (…), a district's comuni in order
CREATE INDEX ix_people_domicile_name ON people(domicile_name, last_name COLLATE NOCASE);
-- search by phone prefix: stored phones are digits only, the demo data's have a space after the prefix
CREATE INDEX ix_people_phone_digits ON people(replace(phone, ' ', '')) WHERE phone IS NOT NULL;
CREATE INDEX ix_cases_status_date ON cases(status_date);
-- "senza colloquio": open cases without a first interview
CREATE INDEX ix_cases_without_interview ON cases(application_date) WHERE first_interview_date IS NULL AND closed_on IS NULL;
-- the latest assessment band of a case, from the index alone (replaces the case_id-only index)
DROP INDEX ix_assessments_case;
CREATE INDEX ix_assessments_case_latest ON assessments(case_id, assessed_on, id, band);
`);
    // A database whose statistics were gathered (the seeded ones) gets them for the new indexes too.
    const analysed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").get();
    if (analysed) db.exec('ANALYZE people; ANALYZE cases; ANALYZE assessments;');
  },
};
