import type { Migration } from './types';

/** The current case of a person: the open one, else the latest by application date (then by id). */
const CURRENT_CASE_OF_PERSON = `(SELECT c.id FROM cases c WHERE c.person_id = people.id
    ORDER BY c.closed_on IS NOT NULL, c.application_date DESC, c.id DESC LIMIT 1)`;

/**
 * Indexes for the people list (electron/services/peopleList.ts), which is people joined with their
 * current case. `people.current_case_id` denormalises that case and is kept by the triggers below,
 * whoever writes the cases (services, seed, merges): with it the list pages over an index of cases
 * without a correlated "which case is current" subquery per row, and people without any case (just
 * registered) are found through an index instead of an anti-join over every person.
 * A later migration that rebuilds the cases table must recreate these triggers.
 */
export const m003_people_cases: Migration = {
  id: '003_people_cases',
  up: (db) => {
    db.exec(`
ALTER TABLE people ADD COLUMN current_case_id INTEGER REFERENCES cases(id);
UPDATE people SET current_case_id = ${CURRENT_CASE_OF_PERSON};

CREATE TRIGGER tr_cases_current_insert AFTER INSERT ON cases BEGIN
  UPDATE people SET current_case_id = ${CURRENT_CASE_OF_PERSON} WHERE id = NEW.person_id;
END;
CREATE TRIGGER tr_cases_current_update AFTER UPDATE OF person_id, application_date, closed_on ON cases BEGIN
  UPDATE people SET current_case_id = ${CURRENT_CASE_OF_PERSON} WHERE id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER tr_cases_current_delete AFTER DELETE ON cases BEGIN
  UPDATE people SET current_case_id = ${CURRENT_CASE_OF_PERSON} WHERE id = OLD.person_id;
END;

-- joins a case to its person and answers the list's person-side filters and name/birth-date sorts
-- from the index alone; with current_case_id IS NULL, the people without a case
CREATE INDEX ix_people_current_case ON people(current_case_id, merged_into_id, domicile_istat, last_name, first_name, birth_date);
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
