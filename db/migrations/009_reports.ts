import type { Migration } from './types';

/**
 * A person's reported attributes packed in one integer (decoded by electron/services/reports/facts.ts):
 * bit 0 woman; bits 8–9 nationality group (0 unknown, 1 IT, 2 UE, 3 EXTRA_UE); bits 10–13 ISCED level
 * (15 unknown); bits 14–23 comune of domicile as ISTAT code − 37000 (0 unknown, 1023 outside the Città
 * metropolitana). Bits 1–7 are left for the age, which depends on the day it is counted on.
 * Written here once: the report queries use these very texts, so SQLite reads the values from the
 * index instead of computing them for each of 100,000 rows.
 */
export const REPORT_PERSON_KEY = `((sex = 'F') | ((CASE nationality_group WHEN 'IT' THEN 1 WHEN 'UE' THEN 2 WHEN 'EXTRA_UE' THEN 3 ELSE 0 END) << 8) | (coalesce(education_isced, 15) << 10) | ((CASE WHEN outside_metro = 1 THEN 1023 WHEN domicile_istat IS NULL THEN 0 ELSE CAST(domicile_istat AS INTEGER) - 37000 END) << 14))`;
/** A 'YYYY-MM-DD' column as the integer YYYYMMDD: (day − birth) / 10000 is the age in full years. */
export const reportDayNumber = (column: string) => `CAST(replace(${column}, '-', '') AS INTEGER)`;

/**
 * Reports for the Tavolo di coordinamento (electron/services/reports/facts.ts): covering indexes, so
 * that the programme to date on the xl database (100,000 people and cases, 300,000 interventions) is
 * counted from narrow indexes instead of the wide rows of people, cases and interventions:
 * - people's packed attributes and birth day by id;
 * - cases by application date (registrations), by channel, and by routing outcome of the first interview;
 * - interventions by instrument and start (placements, self-employment), training by course, and the
 *   interventions that took place by company (companies involved, hiring, first collaboration);
 * - missed appointments by date.
 */
export const m009_reports: Migration = {
  id: '009_reports',
  up: (db) => {
    db.exec(`
CREATE INDEX ix_people_report ON people(id, ${REPORT_PERSON_KEY}, ${reportDayNumber('birth_date')});
CREATE INDEX ix_cases_report_application ON cases(application_date, person_id, ${reportDayNumber('application_date')});
CREATE INDEX ix_cases_report_channel ON cases(channel_code, application_date);
CREATE INDEX ix_cases_report_interview ON cases(status, out_of_target_reason, first_interview_date) WHERE first_interview_date IS NOT NULL;
CREATE INDEX ix_interventions_report ON interventions(instrument_code, start_date, status, person_id, case_id, contract_type, hire_kind, grant_cents, ${reportDayNumber('start_date')});
CREATE INDEX ix_interventions_report_training ON interventions(course_name, status, completed, start_date) WHERE instrument_code = 'formazione';
CREATE INDEX ix_interventions_report_company ON interventions(company_id, start_date, coalesce(end_date, '9999-12-31'), instrument_code, status)
  WHERE company_id IS NOT NULL AND status IN ('attivo', 'concluso', 'interrotto');
CREATE INDEX ix_case_no_shows_report ON case_no_shows(scheduled_on, case_id);
`);
    // A database whose statistics were gathered (the seeded ones) gets them for the new indexes too.
    const analysed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").get();
    if (analysed) db.exec('ANALYZE people; ANALYZE cases; ANALYZE interventions; ANALYZE case_no_shows;');
  },
};
