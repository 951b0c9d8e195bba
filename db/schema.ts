import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table types, mirroring db/migrations. Booleans are 0/1 integers, money integer cents,
 * dates 'YYYY-MM-DD', timestamps ISO 8601 text.
 */
type Id = Generated<number>;
type Flag = 0 | 1;

export interface DistrictTable { code: string; name: string }
export interface ComuneTable { istat_code: string; name: string; district_code: string; cadastral_code: string | null }
export interface BirthPlaceTable { code: string; name: string; province: string | null; kind: 'comune' | 'estero'; nationality_group: NationalityGroup | null }
export interface AtecoSectionTable { code: string; name: string }
export interface ChannelTable { code: string; name: string; sort: number }
export interface OrganisationTable { id: Id; code: string; name: string; kind: string; active: Generated<Flag> }
export interface SpendingLineTable { code: string; name: string; sort: number }
export interface InstrumentTable { code: string; name: string; default_line_code: string; sort: number }
export interface SettingTable { key: string; value: string }

export type NationalityGroup = 'IT' | 'UE' | 'EXTRA_UE';

export interface UserTable {
  id: Id;
  username: string;
  full_name: string;
  role: string;
  organisation_id: number | null;
  password_hash: string | null;
  active: Generated<Flag>;
  created_at: string;
  last_login_at: string | null;
  /** set after too many failed logins; an administrator clears it */
  locked_at: string | null;
}

/** The login throttle's state: consecutive failures per account (user name as typed) and per host. */
export interface LoginThrottleTable {
  kind: 'account' | 'host';
  key: string;
  failures: number;
  last_failure_at: string | null;
  wait_until: string | null;
}

export interface AuditLogTable {
  id: Id;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface PersonTable {
  id: Id;
  last_name: string;
  first_name: string;
  name_key: string;
  sex: 'M' | 'F';
  birth_date: string | null;
  birth_place_code: string | null;
  birth_place_text: string | null;
  tax_code: string | null;
  tax_code_missing_reason: string | null;
  citizenship: string | null;
  nationality_group: NationalityGroup | null;
  domicile_istat: string | null;
  domicile_street: string | null;
  domicile_number: string | null;
  outside_metro: Generated<Flag>;
  outside_metro_city: string | null;
  phone: string | null;
  email: string | null;
  education_isced: number | null;
  languages: string | null;
  driving_licence: string | null;
  /** Why the person was registered without the signed privacy notice; emptied when they sign one (privacy_acknowledgements). */
  privacy_missing_reason: string | null;
  cv_attachment_id: number | null;
  /** The open case, else the latest one: kept by triggers on cases (migration 003) for the lists. */
  current_case_id: ColumnType<number | null, never, never>;
  /** The band of the current case's latest assessment, and the comune (or outside town) name: also kept by triggers. */
  current_band: ColumnType<'fragile' | 'target' | 'forte' | null, never, never>;
  domicile_name: ColumnType<string | null, never, never>;
  merged_into_id: number | null;
  /** Set once by the anonymisation (electron/services/system/anonymisation.ts): the person keeps only what the reports count. */
  anonymised_at: string | null;
  /** migration 015: raised by one with every save of the record's data (electron/services/versions.ts) */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** migration 018: taxCodeKey(tax_code), unique (the plain and omocodic forms are one person); null without a code */
  tax_code_key: string | null;
}
/** migration 018: two records that may be one person; `reasons` lists duplicate rule codes, comma-separated. */
export interface DuplicatePairTable {
  id: Id;
  person_id: number;
  other_id: number;
  reasons: string;
  found_at: string;
  dismissed_at: string | null;
  dismissed_by: number | null;
  dismissed_note: string | null;
}
/** migration 018: one merge and what it moved (snapshot_json), so it can be undone within 30 days. */
export interface PersonMergeTable {
  id: Id;
  kept_id: number;
  merged_id: number;
  merged_at: string;
  merged_by: number | null;
  snapshot_json: string;
  unmerged_at: string | null;
  unmerged_by: number | null;
}
/** A version of the privacy notice (informativa), in force from `valid_from` until the next version's (migration 012). */
export interface PrivacyNoticeTable { id: Id; version: string; text: string; valid_from: string; created_at: string; created_by: number | null }
/** A person signed a version of the notice on a day; a later version signed is another row. */
export interface PrivacyAcknowledgementTable { id: Id; person_id: number; notice_id: number; acknowledged_on: string; recorded_by: number | null; created_at: string }
export interface PersonSkillTable { person_id: number; skill: string }
export interface WorkExperienceTable { id: Id; person_id: number; employer: string | null; role: string; start_date: string | null; end_date: string | null; description: string | null }

export interface CaseTable {
  id: Id;
  person_id: number;
  channel_code: string;
  referring_org_id: number | null;
  referring_point: string | null;
  application_date: string;
  interview_scheduled_on: string | null;
  first_interview_date: string | null;
  referent_user_id: number | null;
  status: string;
  status_date: string;
  out_of_target_reason: string | null;
  outcome: string | null;
  closed_on: string | null;
  no_show_count: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface CaseStatusHistoryTable { id: Id; case_id: number; from_status: string | null; to_status: string; changed_on: string; changed_at: string; user_id: number | null; note: string | null }
export interface CaseNoShowTable { id: Id; case_id: number; scheduled_on: string; recorded_at: string; user_id: number | null; note: string | null }
export interface NoteTable { id: Id; person_id: number; case_id: number | null; body: string; created_at: string; user_id: number | null }

export interface AssessmentTemplateTable { id: Id; code: string; version: number; title: string; definition_json: string; active: Generated<Flag>; created_at: string; created_by: number | null }
export interface AssessmentTable {
  id: Id;
  case_id: number;
  person_id: number;
  template_id: number;
  assessed_on: string;
  assessor_user_id: number | null;
  total_points: number;
  band: 'fragile' | 'target' | 'forte';
  fragile_above: number;
  strong_below: number;
  routing: string | null;
  notes: string | null;
  created_at: string;
}
export interface AssessmentAnswerTable { assessment_id: number; item_code: string; option_code: string; points: number }

export interface CompanyTable {
  id: Id;
  name: string;
  name_key: string;
  vat_number: string;
  tax_code: string | null;
  legal_form: string | null;
  ateco_section: string | null;
  seat_istat: string | null;
  seat_city: string;
  seat_street: string | null;
  seat_number: string | null;
  size_band: 'micro' | 'piccola' | 'media' | 'grande' | null;
  employer_org_id: number | null;
  legal_rep_name: string | null;
  legal_rep_role: string | null;
  phone: string | null;
  email: string | null;
  pec: string | null;
  notes: string | null;
  /** migration 015: raised by one with every save of the record's data (electron/services/versions.ts) */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface BoardMembershipTable { id: Id; company_id: number; since: string; until: string | null }
export interface CompanyContactTable { id: Id; company_id: number; name: string; role: string | null; phone: string | null; email: string | null }
export interface NeedTable {
  id: Id;
  company_id: number;
  role: string;
  positions: number;
  instrument_code: string;
  period_from: string | null;
  period_to: string | null;
  requirements: string | null;
  district_code: string | null;
  status: 'aperto' | 'in_corso' | 'chiuso' | 'annullato';
  /** migration 015: raised by one with every save of the record's data (electron/services/versions.ts) */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface NeedSkillTable { need_id: number; skill: string }

export interface InterventionTable {
  id: Id;
  case_id: number;
  person_id: number;
  instrument_code: string;
  company_id: number | null;
  need_id: number | null;
  status: 'proposto' | 'attivo' | 'concluso' | 'interrotto';
  start_date: string | null;
  end_date: string | null;
  outcome: string | null;
  contract_type: string | null;
  hire_kind: 'primo' | 'nuovo_contratto' | 'proroga' | null;
  weekly_hours: number | null;
  tutor_name: string | null;
  monthly_indemnity_cents: number | null;
  months: number | null;
  inclusive_traineeship: Flag | null;
  course_name: string | null;
  provider_org_id: number | null;
  course_hours: number | null;
  completed: Flag | null;
  certificate: string | null;
  business_idea: string | null;
  grant_cents: number | null;
  lender: string | null;
  loan_cents: number | null;
  repayment_status: string | null;
  project_name: string | null;
  project_role: string | null;
  notes: string | null;
  /** migration 007: 'ordinario' | 'svantaggiato' | 'disabile' (traineeship length); null = ordinary */
  trainee_category: 'ordinario' | 'svantaggiato' | 'disabile' | null;
  created_at: string;
  updated_at: string;
}

export type PactStatus = 'bozza' | 'stampato' | 'firmato' | 'archiviato' | 'annullato';
export interface PactTable {
  id: Id;
  number: string;
  company_id: number;
  person_id: number;
  intervention_id: number | null;
  signer_name: string;
  signer_role: string;
  seat_city: string;
  seat_street: string | null;
  seat_number: string | null;
  mode_inserimento: Flag;
  mode_tirocinio: Flag;
  mode_autoimpiego: Flag;
  mode_altro_text: string | null;
  person_first_name: string;
  person_last_name: string;
  person_birth_place: string | null;
  person_birth_date: string | null;
  person_city: string | null;
  person_street: string | null;
  person_number: string | null;
  referent_user_id: number | null;
  referent_first_name: string;
  referent_last_name: string;
  pact_date: string;
  pact_place: string;
  status: PactStatus;
  printed_at: string | null;
  signed_on: string | null;
  signed_attachment_id: number | null;
  archived_on: string | null;
  cancelled_reason: string | null;
  /** migration 015: raised by one with every save of the record's data (electron/services/versions.ts) */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface PactStatusHistoryTable { id: Id; pact_id: number; from_status: string | null; to_status: string; changed_at: string; user_id: number | null; note: string | null }

export interface AttachmentTable {
  id: Id;
  owner_type: 'person' | 'case' | 'company' | 'pact' | 'intervention';
  owner_id: number;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  note: string | null;
  uploaded_at: string;
  uploaded_by: number | null;
}

export interface FundTable { id: Id; code: string; name: string; donor_org_id: number | null; amount_cents: number; start_year: number; end_year: number; notes: string | null; created_at: string }
export interface AllocationTable { id: Id; fund_id: number; year: number; line_code: string; amount_cents: number; updated_at: string; /** migration 015 */ version: Generated<number> }
export interface CommitmentTable {
  id: Id;
  allocation_id: number;
  kind: 'impegno' | 'riduzione' | 'annullamento' | 'rettifica';
  adjusts_id: number | null;
  amount_cents: number;
  committed_on: string;
  act_number: string | null;
  description: string;
  intervention_id: number | null;
  person_id: number | null;
  company_id: number | null;
  override_reason: string | null;
  created_at: string;
  created_by: number | null;
}
export interface PaymentTable {
  id: Id;
  commitment_id: number;
  kind: 'liquidazione' | 'storno' | 'rettifica';
  adjusts_id: number | null;
  amount_cents: number;
  paid_on: string;
  payee: string;
  document_number: string | null;
  description: string | null;
  override_reason: string | null;
  created_at: string;
  created_by: number | null;
}
/** Running totals of the budget, kept by the triggers of migration 005 (never written by the services). */
export interface AllocationTotalsTable { allocation_id: number; committed_cents: number; paid_cents: number; commitment_rows: number; payment_rows: number }
export interface CommitmentTotalsTable {
  commitment_id: number;
  allocation_id: number;
  net_cents: number;
  paid_cents: number;
  person_id: number | null;
  company_id: number | null;
  intervention_id: number | null;
  instrument_code: string | null;
}
export interface PaymentAllocationTable { allocation_id: number; paid_on: string; payment_id: number; amount_cents: number }
export interface AllocationMonthTable { allocation_id: number; month: string; committed_cents: number; paid_cents: number }
export interface BudgetOverrideTable {
  id: Id;
  source: 'impegno' | 'liquidazione';
  entry_id: number;
  commitment_id: number;
  allocation_id: number;
  left_before_cents: number;
  excess_cents: number;
  reason: string;
  created_at: string;
  created_by: number | null;
}
export interface SavedFilterTable { id: Id; user_id: number; scope: string; name: string; filter_json: string; created_at: string }
export interface SchemaMigrationTable { id: string; applied_at: string }

export interface DB {
  districts: DistrictTable;
  comuni: ComuneTable;
  birth_places: BirthPlaceTable;
  ateco_sections: AtecoSectionTable;
  channels: ChannelTable;
  organisations: OrganisationTable;
  spending_lines: SpendingLineTable;
  instruments: InstrumentTable;
  settings: SettingTable;
  users: UserTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  people: PersonTable;
  privacy_notices: PrivacyNoticeTable;
  privacy_acknowledgements: PrivacyAcknowledgementTable;
  person_skills: PersonSkillTable;
  duplicate_pairs: DuplicatePairTable;
  person_merges: PersonMergeTable;
  work_experiences: WorkExperienceTable;
  cases: CaseTable;
  case_status_history: CaseStatusHistoryTable;
  case_no_shows: CaseNoShowTable;
  notes: NoteTable;
  assessment_templates: AssessmentTemplateTable;
  assessments: AssessmentTable;
  assessment_answers: AssessmentAnswerTable;
  companies: CompanyTable;
  board_memberships: BoardMembershipTable;
  company_contacts: CompanyContactTable;
  needs: NeedTable;
  need_skills: NeedSkillTable;
  interventions: InterventionTable;
  pacts: PactTable;
  pact_status_history: PactStatusHistoryTable;
  attachments: AttachmentTable;
  funds: FundTable;
  allocations: AllocationTable;
  commitments: CommitmentTable;
  payments: PaymentTable;
  allocation_totals: AllocationTotalsTable;
  commitment_totals: CommitmentTotalsTable;
  allocation_months: AllocationMonthTable;
  payment_allocations: PaymentAllocationTable;
  budget_overrides: BudgetOverrideTable;
  saved_filters: SavedFilterTable;
  schema_migrations: SchemaMigrationTable;
}
