import type { PgMigration } from './types';

/** SQLite's 007_paths: the traineeship's category and the indexes of the Percorsi list and of matching. */
export const p007_paths: PgMigration = {
  id: '007_paths',
  up: async (c) => {
    await c.query(`
ALTER TABLE interventions ADD COLUMN trainee_category TEXT CHECK (trainee_category IN ('ordinario', 'svantaggiato', 'disabile'));

-- Percorsi list: newest first by the start, or for a proposal without one the day it was recorded;
-- whole, or filtered by status, company or instrument
CREATE INDEX ix_interventions_sort ON interventions(coalesce(start_date, substr(created_at, 1, 10)), id);
CREATE INDEX ix_interventions_status_sort ON interventions(status, coalesce(start_date, substr(created_at, 1, 10)), id);
DROP INDEX ix_interventions_company;
CREATE INDEX ix_interventions_company_sort ON interventions(company_id, coalesce(start_date, substr(created_at, 1, 10)), id);
CREATE INDEX ix_interventions_instrument_sort ON interventions(instrument_code, coalesce(start_date, substr(created_at, 1, 10)), id);
-- Percorsi list: «in corso nel periodo» (started by its end, not ended before its start), counted from the indexes alone
CREATE INDEX ix_interventions_period ON interventions(start_date, end_date);
DROP INDEX ix_interventions_instrument;
CREATE INDEX ix_interventions_instrument ON interventions(instrument_code, status, start_date, end_date);
-- matching: the open cases taken in charge by person, and the people in target, each from a narrow index
CREATE INDEX ix_cases_open_person ON cases(person_id, id, status, status_date, closed_on) WHERE closed_on IS NULL AND status IN ('in_carico', 'in_percorso');
CREATE INDEX ix_people_target ON people(id, current_case_id, domicile_istat, current_band, merged_into_id) WHERE current_band = 'target' AND merged_into_id IS NULL;
-- matching: people with an intervention under way are left out; proposals already made for a need
CREATE INDEX ix_interventions_active ON interventions(person_id) WHERE status = 'attivo';
CREATE INDEX ix_interventions_need ON interventions(need_id, status, person_id) WHERE need_id IS NOT NULL;
-- matching: the latest assessment's points and thresholds (readiness) from the index alone
DROP INDEX ix_assessments_case_latest;
CREATE INDEX ix_assessments_case_latest ON assessments(case_id, assessed_on, id, band, total_points, strong_below, fragile_above);
-- matching: experience in the need's role, from the index alone
DROP INDEX ix_work_experiences_person;
CREATE INDEX ix_work_experiences_person ON work_experiences(person_id, role COLLATE NOCASE);
-- matching compares skills without case: the people with a need's skills, the needs asking for a person's
CREATE INDEX ix_person_skills_lower ON person_skills(lower(skill), person_id);
CREATE INDEX ix_need_skills_lower ON need_skills(lower(skill), need_id);
`);
  },
};
