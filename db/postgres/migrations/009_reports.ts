import type { PgMigration } from './types';

/**
 * A person's reported attributes packed in one integer, as SQLite's 009 (decoded by
 * electron/services/reports/facts.ts): bit 0 woman; bits 8–9 nationality group; bits 10–13 ISCED
 * level (15 unknown); bits 14–23 comune of domicile as ISTAT code − 37000 (1023 outside the area).
 * PostgreSQL's booleans are not integers, hence the CASE for bit 0.
 */
export const PG_REPORT_PERSON_KEY = `((CASE WHEN sex = 'F' THEN 1 ELSE 0 END) | ((CASE nationality_group WHEN 'IT' THEN 1 WHEN 'UE' THEN 2 WHEN 'EXTRA_UE' THEN 3 ELSE 0 END) << 8) | (coalesce(education_isced, 15) << 10) | ((CASE WHEN outside_metro = 1 THEN 1023 WHEN domicile_istat IS NULL THEN 0 ELSE CAST(domicile_istat AS INTEGER) - 37000 END) << 14))`;
/** A 'YYYY-MM-DD' column as the integer YYYYMMDD. */
export const pgReportDayNumber = (column: string) => `CAST(replace(${column}, '-', '') AS INTEGER)`;

/** SQLite's 009_reports: the covering indexes of the Tavolo reports. */
export const p009_reports: PgMigration = {
  id: '009_reports',
  up: async (c) => {
    await c.query(`
CREATE INDEX ix_people_report ON people(id, (${PG_REPORT_PERSON_KEY}), (${pgReportDayNumber('birth_date')}));
CREATE INDEX ix_cases_report_application ON cases(application_date, person_id, (${pgReportDayNumber('application_date')}));
CREATE INDEX ix_cases_report_channel ON cases(channel_code, application_date);
CREATE INDEX ix_cases_report_interview ON cases(status, out_of_target_reason, first_interview_date) WHERE first_interview_date IS NOT NULL;
CREATE INDEX ix_interventions_report ON interventions(instrument_code, start_date, status, person_id, case_id, contract_type, hire_kind, grant_cents, (${pgReportDayNumber('start_date')}));
CREATE INDEX ix_interventions_report_training ON interventions(course_name, status, completed, start_date) WHERE instrument_code = 'formazione';
CREATE INDEX ix_interventions_report_company ON interventions(company_id, start_date, (coalesce(end_date, '9999-12-31')), instrument_code, status)
  WHERE company_id IS NOT NULL AND status IN ('attivo', 'concluso', 'interrotto');
CREATE INDEX ix_case_no_shows_report ON case_no_shows(scheduled_on, case_id);
`);
  },
};
