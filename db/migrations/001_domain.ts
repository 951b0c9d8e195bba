import type { Migration } from './types';

/**
 * The whole domain of DOMAIN.md in one first migration, so later areas extend rather than rewrite it.
 * Money columns are INTEGER cents; dates are 'YYYY-MM-DD' text; timestamps ISO 8601 text (UTC).
 * Landed migrations are never edited: add a new one.
 */
export const m001_domain: Migration = {
  id: '001_domain',
  up: (db) => {
    db.exec(`
-- reference data ---------------------------------------------------------------------------------
CREATE TABLE districts (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE comuni (
  istat_code TEXT PRIMARY KEY CHECK (length(istat_code) = 6),
  name TEXT NOT NULL UNIQUE,
  district_code TEXT NOT NULL REFERENCES districts(code),
  cadastral_code TEXT
);
-- birth places: Italian comuni and foreign countries, by cadastral (Belfiore) code used in the codice fiscale
CREATE TABLE birth_places (
  code TEXT PRIMARY KEY CHECK (length(code) = 4),
  name TEXT NOT NULL,
  province TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('comune', 'estero')),
  nationality_group TEXT CHECK (nationality_group IN ('IT', 'UE', 'EXTRA_UE'))
);
CREATE TABLE ateco_sections (
  code TEXT PRIMARY KEY CHECK (length(code) = 1),
  name TEXT NOT NULL
);
CREATE TABLE channels (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('firmatario', 'associazione_imprese', 'sindacato', 'accoglienza', 'caritas', 'servizi_sociali', 'formazione', 'finanziatore', 'altro')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE TABLE spending_lines (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE instruments (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  default_line_code TEXT NOT NULL REFERENCES spending_lines(code),
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- users and audit --------------------------------------------------------------------------------
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('amministratore', 'coordinatore', 'operatore', 'finanza', 'sola_lettura')),
  organisation_id INTEGER REFERENCES organisations(id),
  -- NULL: the account cannot log in until an administrator sets a password
  password_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  last_login_at TEXT
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  username TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX ix_audit_entity ON audit_log(entity, entity_id);
CREATE INDEX ix_audit_at ON audit_log(at);

-- people and cases -------------------------------------------------------------------------------
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  -- normalised "lastname firstname" (no accents, apostrophes, spaces) for search and duplicate checks
  name_key TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date TEXT,
  birth_place_code TEXT REFERENCES birth_places(code),
  birth_place_text TEXT,
  tax_code TEXT UNIQUE CHECK (tax_code IS NULL OR length(tax_code) = 16),
  tax_code_missing_reason TEXT,
  citizenship TEXT,
  nationality_group TEXT CHECK (nationality_group IN ('IT', 'UE', 'EXTRA_UE')),
  domicile_istat TEXT REFERENCES comuni(istat_code),
  domicile_street TEXT,
  domicile_number TEXT,
  outside_metro INTEGER NOT NULL DEFAULT 0 CHECK (outside_metro IN (0, 1)),
  outside_metro_city TEXT,
  phone TEXT,
  email TEXT,
  education_isced INTEGER CHECK (education_isced BETWEEN 0 AND 8),
  languages TEXT,
  driving_licence TEXT,
  privacy_accepted_on TEXT,
  privacy_version TEXT,
  cv_attachment_id INTEGER,
  merged_into_id INTEGER REFERENCES people(id),
  anonymised_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (tax_code IS NOT NULL OR tax_code_missing_reason IS NOT NULL OR anonymised_at IS NOT NULL)
);
CREATE INDEX ix_people_name_key ON people(name_key);
CREATE INDEX ix_people_last_name ON people(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX ix_people_birth_date ON people(birth_date);
CREATE INDEX ix_people_phone ON people(phone) WHERE phone IS NOT NULL;
CREATE INDEX ix_people_email ON people(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX ix_people_domicile ON people(domicile_istat);
CREATE INDEX ix_people_merged ON people(merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE person_skills (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  skill TEXT NOT NULL,
  PRIMARY KEY (person_id, skill)
) WITHOUT ROWID;
CREATE INDEX ix_person_skills_skill ON person_skills(skill, person_id);

CREATE TABLE work_experiences (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  employer TEXT,
  role TEXT NOT NULL,
  start_date TEXT,
  end_date TEXT,
  description TEXT
);
CREATE INDEX ix_work_experiences_person ON work_experiences(person_id);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  channel_code TEXT NOT NULL REFERENCES channels(code),
  referring_org_id INTEGER REFERENCES organisations(id),
  referring_point TEXT,
  application_date TEXT NOT NULL,
  interview_scheduled_on TEXT,
  first_interview_date TEXT,
  referent_user_id INTEGER REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('iscritto', 'colloquio_fissato', 'valutato', 'in_carico', 'fuori_target', 'in_percorso', 'concluso')),
  status_date TEXT NOT NULL,
  out_of_target_reason TEXT CHECK (out_of_target_reason IN ('fragile', 'profilo_forte')),
  outcome TEXT CHECK (outcome IN ('assunto', 'autoimpiego', 'ritirato', 'non_reperibile', 'altro_servizio')),
  closed_on TEXT,
  no_show_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- at most one open case per person
CREATE UNIQUE INDEX ux_cases_one_open ON cases(person_id) WHERE closed_on IS NULL;
CREATE INDEX ix_cases_person ON cases(person_id);
CREATE INDEX ix_cases_status ON cases(status, application_date);
CREATE INDEX ix_cases_application_date ON cases(application_date);
CREATE INDEX ix_cases_channel ON cases(channel_code);
CREATE INDEX ix_cases_referent ON cases(referent_user_id);

CREATE TABLE case_status_history (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  changed_on TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  note TEXT
);
CREATE INDEX ix_case_status_history_case ON case_status_history(case_id, changed_on);

CREATE TABLE case_no_shows (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  scheduled_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  note TEXT
);
CREATE INDEX ix_case_no_shows_case ON case_no_shows(case_id);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  case_id INTEGER REFERENCES cases(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id)
);
CREATE INDEX ix_notes_person ON notes(person_id);

-- L.R. 14/2015 assessment ------------------------------------------------------------------------
CREATE TABLE assessment_templates (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  -- dimensions, items and options with points, as JSON
  definition_json TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (code, version)
);
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  template_id INTEGER NOT NULL REFERENCES assessment_templates(id),
  assessed_on TEXT NOT NULL,
  assessor_user_id INTEGER REFERENCES users(id),
  total_points INTEGER NOT NULL,
  band TEXT NOT NULL CHECK (band IN ('fragile', 'target', 'forte')),
  fragile_above INTEGER NOT NULL,
  strong_below INTEGER NOT NULL,
  routing TEXT,
  notes TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_assessments_person ON assessments(person_id, assessed_on);
CREATE INDEX ix_assessments_case ON assessments(case_id);
CREATE TABLE assessment_answers (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item_code TEXT NOT NULL,
  option_code TEXT NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (assessment_id, item_code)
) WITHOUT ROWID;

-- companies --------------------------------------------------------------------------------------
CREATE TABLE companies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  vat_number TEXT NOT NULL UNIQUE CHECK (length(vat_number) = 11),
  tax_code TEXT,
  legal_form TEXT,
  ateco_section TEXT REFERENCES ateco_sections(code),
  seat_istat TEXT REFERENCES comuni(istat_code),
  seat_city TEXT NOT NULL,
  seat_street TEXT,
  seat_number TEXT,
  size_band TEXT CHECK (size_band IN ('micro', 'piccola', 'media', 'grande')),
  employer_org_id INTEGER REFERENCES organisations(id),
  legal_rep_name TEXT,
  legal_rep_role TEXT,
  phone TEXT,
  email TEXT,
  pec TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_companies_name_key ON companies(name_key);
CREATE INDEX ix_companies_ateco ON companies(ateco_section);
CREATE INDEX ix_companies_seat ON companies(seat_istat);

-- Board di imprese membership periods; a company with no open period is "collaborating"
CREATE TABLE board_memberships (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  since TEXT NOT NULL,
  until TEXT
);
CREATE INDEX ix_board_memberships_company ON board_memberships(company_id);

CREATE TABLE company_contacts (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT,
  phone TEXT,
  email TEXT
);
CREATE INDEX ix_company_contacts_company ON company_contacts(company_id);

CREATE TABLE needs (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  role TEXT NOT NULL,
  positions INTEGER NOT NULL CHECK (positions > 0),
  instrument_code TEXT NOT NULL REFERENCES instruments(code),
  period_from TEXT,
  period_to TEXT,
  requirements TEXT,
  district_code TEXT REFERENCES districts(code),
  status TEXT NOT NULL CHECK (status IN ('aperto', 'in_corso', 'chiuso', 'annullato')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_needs_company ON needs(company_id);
CREATE INDEX ix_needs_status ON needs(status);
CREATE TABLE need_skills (
  need_id INTEGER NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
  skill TEXT NOT NULL,
  PRIMARY KEY (need_id, skill)
) WITHOUT ROWID;

-- paths: interventions by instrument -------------------------------------------------------------
CREATE TABLE interventions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  instrument_code TEXT NOT NULL REFERENCES instruments(code),
  company_id INTEGER REFERENCES companies(id),
  need_id INTEGER REFERENCES needs(id),
  status TEXT NOT NULL CHECK (status IN ('proposto', 'attivo', 'concluso', 'interrotto')),
  start_date TEXT,
  end_date TEXT,
  outcome TEXT,
  -- inserimento
  contract_type TEXT CHECK (contract_type IN ('indeterminato', 'determinato', 'apprendistato', 'intermittente', 'somministrazione')),
  hire_kind TEXT CHECK (hire_kind IN ('primo', 'nuovo_contratto', 'proroga')),
  weekly_hours INTEGER,
  -- tirocinio
  tutor_name TEXT,
  monthly_indemnity_cents INTEGER,
  months INTEGER,
  inclusive_traineeship INTEGER CHECK (inclusive_traineeship IN (0, 1)),
  -- formazione
  course_name TEXT,
  provider_org_id INTEGER REFERENCES organisations(id),
  course_hours INTEGER,
  completed INTEGER CHECK (completed IN (0, 1)),
  certificate TEXT,
  -- autoimpiego / credito
  business_idea TEXT,
  grant_cents INTEGER,
  lender TEXT,
  loan_cents INTEGER,
  repayment_status TEXT,
  -- pon
  project_name TEXT,
  project_role TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_interventions_case ON interventions(case_id);
CREATE INDEX ix_interventions_person ON interventions(person_id);
CREATE INDEX ix_interventions_company ON interventions(company_id);
CREATE INDEX ix_interventions_instrument ON interventions(instrument_code, status, start_date);

-- Patto per il buon lavoro -----------------------------------------------------------------------
CREATE TABLE pacts (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  intervention_id INTEGER REFERENCES interventions(id),
  signer_name TEXT NOT NULL,
  signer_role TEXT NOT NULL,
  seat_city TEXT NOT NULL,
  seat_street TEXT,
  seat_number TEXT,
  mode_inserimento INTEGER NOT NULL DEFAULT 0 CHECK (mode_inserimento IN (0, 1)),
  mode_tirocinio INTEGER NOT NULL DEFAULT 0 CHECK (mode_tirocinio IN (0, 1)),
  mode_autoimpiego INTEGER NOT NULL DEFAULT 0 CHECK (mode_autoimpiego IN (0, 1)),
  mode_altro_text TEXT,
  -- the person's data as printed on the pact
  person_first_name TEXT NOT NULL,
  person_last_name TEXT NOT NULL,
  person_birth_place TEXT,
  person_birth_date TEXT,
  person_city TEXT,
  person_street TEXT,
  person_number TEXT,
  referent_user_id INTEGER REFERENCES users(id),
  referent_first_name TEXT NOT NULL,
  referent_last_name TEXT NOT NULL,
  pact_date TEXT NOT NULL,
  pact_place TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('bozza', 'stampato', 'firmato', 'archiviato', 'annullato')),
  printed_at TEXT,
  signed_on TEXT,
  signed_attachment_id INTEGER,
  archived_on TEXT,
  cancelled_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_pacts_status ON pacts(status, pact_date);
CREATE INDEX ix_pacts_company ON pacts(company_id);
CREATE INDEX ix_pacts_person ON pacts(person_id);
CREATE INDEX ix_pacts_referent ON pacts(referent_user_id);
CREATE TABLE pact_status_history (
  id INTEGER PRIMARY KEY,
  pact_id INTEGER NOT NULL REFERENCES pacts(id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  note TEXT
);
CREATE INDEX ix_pact_status_history_pact ON pact_status_history(pact_id);

-- attachments (CVs, signed pacts, documents), stored in the database with their checksum ----------
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  owner_type TEXT NOT NULL CHECK (owner_type IN ('person', 'case', 'company', 'pact', 'intervention')),
  owner_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  note TEXT,
  uploaded_at TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id)
);
CREATE INDEX ix_attachments_owner ON attachments(owner_type, owner_id);

-- money ------------------------------------------------------------------------------------------
CREATE TABLE funds (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  donor_org_id INTEGER REFERENCES organisations(id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  start_year INTEGER NOT NULL,
  end_year INTEGER NOT NULL,
  notes TEXT,
  created_at TEXT NOT NULL,
  CHECK (end_year >= start_year)
);
CREATE TABLE allocations (
  id INTEGER PRIMARY KEY,
  fund_id INTEGER NOT NULL REFERENCES funds(id),
  year INTEGER NOT NULL,
  line_code TEXT NOT NULL REFERENCES spending_lines(code),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  updated_at TEXT NOT NULL,
  UNIQUE (fund_id, year, line_code)
);
-- commitments (impegni): never edited in place; reductions, cancellations and corrections are new
-- rows with a signed amount that point at the commitment they adjust
CREATE TABLE commitments (
  id INTEGER PRIMARY KEY,
  allocation_id INTEGER NOT NULL REFERENCES allocations(id),
  kind TEXT NOT NULL CHECK (kind IN ('impegno', 'riduzione', 'annullamento', 'rettifica')),
  adjusts_id INTEGER REFERENCES commitments(id),
  amount_cents INTEGER NOT NULL,
  committed_on TEXT NOT NULL,
  act_number TEXT,
  description TEXT NOT NULL,
  intervention_id INTEGER REFERENCES interventions(id),
  person_id INTEGER REFERENCES people(id),
  company_id INTEGER REFERENCES companies(id),
  override_reason TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  CHECK ((kind = 'impegno') = (adjusts_id IS NULL))
);
CREATE INDEX ix_commitments_allocation ON commitments(allocation_id, committed_on, amount_cents);
CREATE INDEX ix_commitments_adjusts ON commitments(adjusts_id) WHERE adjusts_id IS NOT NULL;
CREATE INDEX ix_commitments_intervention ON commitments(intervention_id) WHERE intervention_id IS NOT NULL;
CREATE INDEX ix_commitments_person ON commitments(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX ix_commitments_company ON commitments(company_id) WHERE company_id IS NOT NULL;
-- payments (liquidazioni) settle part of a commitment; same append-only rule
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  commitment_id INTEGER NOT NULL REFERENCES commitments(id),
  kind TEXT NOT NULL CHECK (kind IN ('liquidazione', 'storno', 'rettifica')),
  adjusts_id INTEGER REFERENCES payments(id),
  amount_cents INTEGER NOT NULL,
  paid_on TEXT NOT NULL,
  payee TEXT NOT NULL,
  document_number TEXT,
  description TEXT,
  override_reason TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX ix_payments_commitment ON payments(commitment_id, paid_on, amount_cents);
CREATE INDEX ix_payments_paid_on ON payments(paid_on);

-- saved list filters per user --------------------------------------------------------------------
CREATE TABLE saved_filters (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  name TEXT NOT NULL,
  filter_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, scope, name)
);
`);
  },
};
