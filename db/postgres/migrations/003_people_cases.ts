import type { PgMigration } from './types';

/**
 * SQLite's 003_people_cases: people's current case, its band and the name of the comune of domicile,
 * kept by triggers whoever writes. The functions below hold the rules once; the triggers carry the
 * same names as on SQLite. The domicile name is set BEFORE the row is written (PostgreSQL's AFTER
 * trigger would update the row again and fire itself).
 */
export const p003_people_cases: PgMigration = {
  id: '003_people_cases',
  up: async (c) => {
    await c.query(`
ALTER TABLE people ADD COLUMN current_case_id integer REFERENCES cases(id) DEFERRABLE;
ALTER TABLE people ADD COLUMN current_band TEXT;
ALTER TABLE people ADD COLUMN domicile_name TEXT COLLATE nocase;

-- the current case of a person (the open one, else the latest by application date, then by id) and its latest band
CREATE FUNCTION ixl_person_current(person integer) RETURNS void LANGUAGE sql AS $$
  UPDATE people SET (current_case_id, current_band) = (SELECT c.id, (SELECT a.band FROM assessments a WHERE a.case_id = c.id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)
    FROM cases c WHERE c.person_id = people.id ORDER BY c.closed_on IS NOT NULL, c.application_date DESC, c.id DESC LIMIT 1)
  WHERE id = person;
$$;
CREATE FUNCTION ixl_case_band(case_ integer) RETURNS void LANGUAGE sql AS $$
  UPDATE people SET current_band = (SELECT a.band FROM assessments a WHERE a.case_id = people.current_case_id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)
  WHERE current_case_id = case_;
$$;

CREATE FUNCTION ixl_cases_current() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM ixl_person_current(NEW.person_id); END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.person_id <> NEW.person_id) THEN PERFORM ixl_person_current(OLD.person_id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tr_cases_current_insert AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION ixl_cases_current();
CREATE TRIGGER tr_cases_current_update AFTER UPDATE OF person_id, application_date, closed_on ON cases FOR EACH ROW EXECUTE FUNCTION ixl_cases_current();
CREATE TRIGGER tr_cases_current_delete AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION ixl_cases_current();

CREATE FUNCTION ixl_assessments_band() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM ixl_case_band(NEW.case_id); END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.case_id <> NEW.case_id) THEN PERFORM ixl_case_band(OLD.case_id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tr_assessments_band_insert AFTER INSERT ON assessments FOR EACH ROW EXECUTE FUNCTION ixl_assessments_band();
CREATE TRIGGER tr_assessments_band_update AFTER UPDATE OF case_id, assessed_on, band ON assessments FOR EACH ROW EXECUTE FUNCTION ixl_assessments_band();
CREATE TRIGGER tr_assessments_band_delete AFTER DELETE ON assessments FOR EACH ROW EXECUTE FUNCTION ixl_assessments_band();

CREATE FUNCTION ixl_people_domicile() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.domicile_name := coalesce((SELECT co.name FROM comuni co WHERE co.istat_code = NEW.domicile_istat), NEW.outside_metro_city);
  RETURN NEW;
END $$;
CREATE TRIGGER tr_people_domicile_insert BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION ixl_people_domicile();
CREATE TRIGGER tr_people_domicile_update BEFORE UPDATE OF domicile_istat, outside_metro_city, domicile_name ON people FOR EACH ROW EXECUTE FUNCTION ixl_people_domicile();

CREATE INDEX ix_people_current_case ON people(current_case_id, merged_into_id, domicile_istat, last_name, first_name, birth_date, current_band, domicile_name);
CREATE INDEX ix_people_band ON people(current_band, domicile_istat, merged_into_id, current_case_id) WHERE current_band IS NOT NULL;
CREATE INDEX ix_people_domicile_name ON people(domicile_name, last_name COLLATE nocase);
CREATE INDEX ix_people_phone_digits ON people(replace(phone, ' ', '')) WHERE phone IS NOT NULL;
CREATE INDEX ix_cases_status_date ON cases(status_date);
CREATE INDEX ix_cases_without_interview ON cases(application_date) WHERE first_interview_date IS NULL AND closed_on IS NULL;
DROP INDEX ix_assessments_case;
CREATE INDEX ix_assessments_case_latest ON assessments(case_id, assessed_on, id, band);
`);
  },
};
