import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { AnonymisationCandidate, AnonymisationPreview, AnonymisationRun } from '../../contract/system';
import { audit, type ServiceContext } from '../context';
import { auditRowsAbout, linkedRecords } from '../people/records';
import { backupDirFor, backupNow, backupsIn } from './backup';
import { readSettings } from './settings';

/**
 * Anonymisation (DOMAIN.md §11, issue 11): the one place that says what happens to each column of the
 * database when a person is anonymised — after the retention period (setting `retentionYears`, counted
 * from the close date of the person's last case; a person without any case from the registration; a
 * person with an open case never) or on a valid request (an administrator, with a reason).
 *
 * The person keeps only what the aggregate reports count: sex, birth year (the date becomes YYYY-01-01;
 * the reports count ages from the year only, see reports/facts.ts), comune of domicile (or «outside the
 * Città metropolitana»), education, nationality group, the band of their assessments and the dates and
 * codes of every event (cases, interventions, pacts, the ledger). Everything that identifies them,
 * reaches them or tells their story in words goes: names (replaced by «Anonimo» and a stable code),
 * codice fiscale, birth day and place, citizenship, address, phone, email, free text, documents.
 * It cannot be undone: a backup is taken first (it keeps the old data until it is pruned like any other).
 *
 * `ANONYMISATION_RULES` lists every column of every table with its decision; a test compares it with
 * the database's columns, so a new column must be decided here before the tests pass.
 *
 * Audit log: the rows about the person's records (the person and the records merged into them, their
 * cases, notes, documents, assessments, interventions, pacts, commitments and payments) keep who, when,
 * action, entity and id; in their before/after JSON only numbers, booleans, dates of events and codes
 * (statuses, kinds, channels, instruments…) stay, every other string becomes null and the JSON gets
 * `"anonimizzato": true`. If a removed identifier still appears in the text, the whole JSON is replaced
 * by `{"anonimizzato": true}`. One new row per person, action `people.anonymised`, says what was done
 * (mode, reason, how many rows went) without any removed value.
 */

/** What happens to a column: kept as is, emptied, replaced, reduced, or the whole row deleted. */
export type ColumnRule =
  | 'keep'
  | 'null'
  /** last_name «Anonimo», first_name the code (people, pacts); name_key empty: no name search finds them */
  | 'placeholder'
  /** birth date → 'YYYY-01-01' */
  | 'year'
  /** the row is deleted */
  | 'delete'
  /** a generic text naming the code (commitments' description, NOT NULL) */
  | 'replace'
  /** replaced only when it names the person (payments' payee: it may be a company) */
  | 'replace-if-named'
  /** the JSON is scrubbed (audit_log, see above) */
  | 'scrub'
  /** not about a person: untouched */
  | 'unrelated';

const unrelated = (...columns: string[]) => Object.fromEntries(columns.map((c) => [c, 'unrelated' as const]));

export const ANONYMISATION_RULES: Record<keyof DB, Record<string, ColumnRule>> = {
  people: {
    id: 'keep', last_name: 'placeholder', first_name: 'placeholder', name_key: 'placeholder', sex: 'keep', birth_date: 'year',
    birth_place_code: 'null', birth_place_text: 'null', tax_code: 'null', tax_code_missing_reason: 'null', citizenship: 'null',
    nationality_group: 'keep', domicile_istat: 'keep', domicile_street: 'null', domicile_number: 'null', outside_metro: 'keep',
    // the reports need only «outside the area», not which town
    outside_metro_city: 'null', phone: 'null', email: 'null', education_isced: 'keep', languages: 'null', driving_licence: 'null',
    privacy_missing_reason: 'null', cv_attachment_id: 'null', merged_into_id: 'keep', anonymised_at: 'keep',
    created_at: 'keep', updated_at: 'keep', current_case_id: 'keep', current_band: 'keep', domicile_name: 'keep', version: 'keep',
    tax_code_key: 'null',
  },
  // the doubts about the person and what their merges moved (a copy of their data): they go
  duplicate_pairs: {
    id: 'delete', person_id: 'delete', other_id: 'delete', reasons: 'delete', found_at: 'delete', dismissed_at: 'delete', dismissed_by: 'delete', dismissed_note: 'delete',
  },
  person_merges: {
    id: 'delete', kept_id: 'delete', merged_id: 'delete', merged_at: 'delete', merged_by: 'delete', snapshot_json: 'delete', unmerged_at: 'delete', unmerged_by: 'delete',
  },
  // which notice they signed and when: dates of events, kept
  privacy_acknowledgements: { id: 'keep', person_id: 'keep', notice_id: 'keep', acknowledged_on: 'keep', recorded_by: 'keep', created_at: 'keep' },
  // profile and CV: skills and work experiences go
  person_skills: { person_id: 'delete', skill: 'delete' },
  work_experiences: { id: 'delete', person_id: 'delete', employer: 'delete', role: 'delete', start_date: 'delete', end_date: 'delete', description: 'delete' },
  cases: {
    id: 'keep', person_id: 'keep', channel_code: 'keep', referring_org_id: 'keep', referring_point: 'null', application_date: 'keep',
    interview_scheduled_on: 'keep', first_interview_date: 'keep', referent_user_id: 'keep', status: 'keep', status_date: 'keep',
    out_of_target_reason: 'keep', outcome: 'keep', closed_on: 'keep', no_show_count: 'keep', created_at: 'keep', updated_at: 'keep',
  },
  case_status_history: { id: 'keep', case_id: 'keep', from_status: 'keep', to_status: 'keep', changed_on: 'keep', changed_at: 'keep', user_id: 'keep', note: 'null' },
  case_no_shows: { id: 'keep', case_id: 'keep', scheduled_on: 'keep', recorded_at: 'keep', user_id: 'keep', note: 'null' },
  notes: { id: 'delete', person_id: 'delete', case_id: 'delete', body: 'delete', created_at: 'delete', user_id: 'delete' },
  assessments: {
    id: 'keep', case_id: 'keep', person_id: 'keep', template_id: 'keep', assessed_on: 'keep', assessor_user_id: 'keep', total_points: 'keep',
    band: 'keep', fragile_above: 'keep', strong_below: 'keep', routing: 'null', notes: 'null', created_at: 'keep',
  },
  // the answers tell the person's health and social situation: only the total and the band stay
  assessment_answers: { assessment_id: 'delete', item_code: 'delete', option_code: 'delete', points: 'delete' },
  interventions: {
    id: 'keep', case_id: 'keep', person_id: 'keep', instrument_code: 'keep', company_id: 'keep', need_id: 'keep', status: 'keep',
    start_date: 'keep', end_date: 'keep', outcome: 'null', contract_type: 'keep', hire_kind: 'keep', weekly_hours: 'keep',
    // the company's tutor, not the person
    tutor_name: 'keep', monthly_indemnity_cents: 'keep', months: 'keep', inclusive_traineeship: 'keep', course_name: 'keep',
    provider_org_id: 'keep', course_hours: 'keep', completed: 'keep', certificate: 'null', business_idea: 'null', grant_cents: 'keep',
    lender: 'keep', loan_cents: 'keep', repayment_status: 'keep', project_name: 'keep', project_role: 'null', notes: 'null',
    // disability or disadvantage: health data
    trainee_category: 'null', created_at: 'keep', updated_at: 'keep',
  },
  pacts: {
    id: 'keep', version: 'keep', number: 'keep', company_id: 'keep', person_id: 'keep', intervention_id: 'keep', signer_name: 'keep', signer_role: 'keep',
    seat_city: 'keep', seat_street: 'keep', seat_number: 'keep', mode_inserimento: 'keep', mode_tirocinio: 'keep', mode_autoimpiego: 'keep',
    mode_altro_text: 'null', person_first_name: 'placeholder', person_last_name: 'placeholder', person_birth_place: 'null',
    person_birth_date: 'null', person_city: 'null', person_street: 'null', person_number: 'null', referent_user_id: 'keep',
    referent_first_name: 'keep', referent_last_name: 'keep', pact_date: 'keep', pact_place: 'keep', status: 'keep', printed_at: 'keep',
    signed_on: 'keep', signed_attachment_id: 'null', archived_on: 'keep', cancelled_reason: 'null', created_at: 'keep', updated_at: 'keep',
  },
  pact_status_history: { id: 'keep', pact_id: 'keep', from_status: 'keep', to_status: 'keep', changed_at: 'keep', user_id: 'keep', note: 'null' },
  // documents of the person, of their cases, interventions and pacts (CVs, signed copies): rows and files go
  attachments: {
    id: 'delete', owner_type: 'delete', owner_id: 'delete', file_name: 'delete', mime_type: 'delete', size_bytes: 'delete', sha256: 'delete',
    content: 'delete', note: 'delete', uploaded_at: 'delete', uploaded_by: 'delete',
  },
  // the ledger is append-only (migration 005): amounts, dates and reasons of overrides never change;
  // the description of the person's commitments and a payee that names the person are replaced
  commitments: {
    id: 'keep', allocation_id: 'keep', kind: 'keep', adjusts_id: 'keep', amount_cents: 'keep', committed_on: 'keep', act_number: 'keep',
    description: 'replace', intervention_id: 'keep', person_id: 'keep', company_id: 'keep', override_reason: 'keep', created_at: 'keep', created_by: 'keep',
  },
  payments: {
    id: 'keep', commitment_id: 'keep', kind: 'keep', adjusts_id: 'keep', amount_cents: 'keep', paid_on: 'keep', payee: 'replace-if-named',
    document_number: 'keep', description: 'null', override_reason: 'keep', created_at: 'keep', created_by: 'keep',
  },
  commitment_totals: { commitment_id: 'keep', allocation_id: 'keep', net_cents: 'keep', paid_cents: 'keep', person_id: 'keep', company_id: 'keep', intervention_id: 'keep', instrument_code: 'keep' },
  audit_log: { id: 'keep', at: 'keep', user_id: 'keep', username: 'keep', action: 'keep', entity: 'keep', entity_id: 'keep', before_json: 'scrub', after_json: 'scrub' },
  // not about a person
  districts: unrelated('code', 'name'),
  comuni: unrelated('istat_code', 'name', 'district_code', 'cadastral_code'),
  birth_places: unrelated('code', 'name', 'province', 'kind', 'nationality_group'),
  ateco_sections: unrelated('code', 'name'),
  channels: unrelated('code', 'name', 'sort'),
  organisations: unrelated('id', 'code', 'name', 'kind', 'active'),
  spending_lines: unrelated('code', 'name', 'sort'),
  instruments: unrelated('code', 'name', 'default_line_code', 'sort'),
  settings: unrelated('key', 'value'),
  privacy_notices: unrelated('id', 'version', 'text', 'valid_from', 'created_at', 'created_by'),
  users: unrelated('id', 'username', 'full_name', 'role', 'organisation_id', 'password_hash', 'active', 'created_at', 'last_login_at', 'locked_at'),
  login_throttle: unrelated('kind', 'key', 'failures', 'last_failure_at', 'wait_until'),
  assessment_templates: unrelated('id', 'code', 'version', 'title', 'definition_json', 'active', 'created_at', 'created_by'),
  companies: unrelated(
    'id', 'name', 'name_key', 'vat_number', 'tax_code', 'legal_form', 'ateco_section', 'seat_istat', 'seat_city', 'seat_street', 'seat_number',
    'size_band', 'employer_org_id', 'legal_rep_name', 'legal_rep_role', 'phone', 'email', 'pec', 'notes', 'created_at', 'updated_at', 'version',
  ),
  board_memberships: unrelated('id', 'company_id', 'since', 'until'),
  company_contacts: unrelated('id', 'company_id', 'name', 'role', 'phone', 'email'),
  needs: unrelated('id', 'company_id', 'role', 'positions', 'instrument_code', 'period_from', 'period_to', 'requirements', 'district_code', 'status', 'created_at', 'updated_at', 'version'),
  need_skills: unrelated('need_id', 'skill'),
  funds: unrelated('id', 'code', 'name', 'donor_org_id', 'amount_cents', 'start_year', 'end_year', 'notes', 'created_at'),
  allocations: unrelated('id', 'fund_id', 'year', 'line_code', 'amount_cents', 'updated_at', 'version'),
  allocation_totals: unrelated('allocation_id', 'committed_cents', 'paid_cents', 'commitment_rows', 'payment_rows'),
  allocation_months: unrelated('allocation_id', 'month', 'committed_cents', 'paid_cents'),
  payment_allocations: unrelated('allocation_id', 'paid_on', 'payment_id', 'amount_cents'),
  // reasons of budget overrides are part of the immutable ledger (migration 005 refuses any update)
  budget_overrides: unrelated('id', 'source', 'entry_id', 'commitment_id', 'allocation_id', 'left_before_cents', 'excess_cents', 'reason', 'created_at', 'created_by'),
  // a user's saved searches are not linked to a person (the search text is the user's)
  saved_filters: unrelated('id', 'user_id', 'scope', 'name', 'filter_json', 'created_at'),
  schema_migrations: unrelated('id', 'applied_at'),
};

/** The placeholder surname of an anonymised person. */
export const ANONYMOUS_LAST_NAME = 'Anonimo';
/** The stable code that replaces an anonymised person's first name: from the record's number, which is not personal data. */
export function anonymousCode(personId: number): string {
  return `AN-${String(personId).padStart(6, '0')}`;
}
/** The audit action of the row written for each anonymised person. */
export const ANONYMISED_ACTION = 'people.anonymised';

// ---- the retention rule -------------------------------------------------------------------------

/** The last day a case may have closed on to be past retention today: `today` minus `years` (29 February → 28). */
export function retentionCutoff(today: string, years: number): string {
  const [y, m, d] = today.split('-');
  const day = m === '02' && d === '29' ? '28' : d;
  return `${String(Number(y) - years).padStart(4, '0')}-${m}-${day}`;
}

function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * The people past retention on `cutoff`: not anonymised yet, not merged into another record, no open
 * case, and the last case closed on or before the cut-off — or, without any case, registered by then.
 * Plain kysely with GROUP BY/HAVING: the same on PostgreSQL.
 */
function eligible(db: Kysely<DB>, cutoff: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('cases as c', 'c.person_id', 'p.id')
    .where('p.anonymised_at', 'is', null)
    .where('p.merged_into_id', 'is', null)
    .groupBy(['p.id', 'p.last_name', 'p.first_name', 'p.created_at'])
    .having((eb) =>
      eb.and([
        eb(eb.fn.count('c.id'), '=', eb.fn.count('c.closed_on')),
        eb.or([
          eb(eb.fn.max('c.closed_on'), '<=', cutoff),
          eb.and([eb(eb.fn.count('c.id'), '=', 0), eb('p.created_at', '<', dayAfter(cutoff))]),
        ]),
      ]),
    )
    .select((eb) => [
      'p.id',
      'p.last_name',
      'p.first_name',
      'p.created_at',
      eb.fn.max('c.closed_on').as('last_closed_on'),
      eb.fn.count<number>('c.id').as('cases'),
      eb.fn.coalesce(eb.fn.max('c.closed_on'), 'p.created_at').as('sort_day'),
    ]);
}

async function countEligible(db: Kysely<DB>, cutoff: string): Promise<number> {
  const row = await db
    .selectFrom(eligible(db, cutoff).as('e'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function cutoffOf(ctx: ServiceContext): Promise<{ cutoff: string; retentionYears: number }> {
  const { retentionYears } = await readSettings(ctx.store);
  return { cutoff: retentionCutoff(ctx.clock.today(), retentionYears), retentionYears };
}

/** Who the retention rule would anonymise today: how many, and one page of them (oldest first) with the close date of their last case. */
export async function previewAnonymisation(ctx: ServiceContext, input: { page: number; pageSize: number }): Promise<AnonymisationPreview> {
  const db = ctx.store.db;
  const { cutoff, retentionYears } = await cutoffOf(ctx);
  const [total, rows] = await Promise.all([
    countEligible(db, cutoff),
    eligible(db, cutoff)
      .orderBy('sort_day')
      .orderBy('p.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  return {
    retentionYears,
    cutoff,
    total,
    rows: rows.map(
      (r): AnonymisationCandidate => ({
        personId: r.id,
        lastName: r.last_name,
        firstName: r.first_name,
        lastClosedOn: r.last_closed_on,
        registeredOn: r.created_at.slice(0, 10),
        cases: Number(r.cases),
      }),
    ),
  };
}

// ---- one person ---------------------------------------------------------------------------------

const DATE_VALUE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/;
/** Strings kept in audit JSON: codes and the names of things that are not the person. */
const KEPT_STRING_KEYS = new Set([
  'status', 'fromStatus', 'toStatus', 'from', 'to', 'kind', 'action', 'channelCode', 'channelName', 'instrumentCode', 'instrumentName',
  'instrument', 'band', 'sex', 'nationalityGroup', 'domicileIstat', 'domicileComune', 'district', 'outOfTargetReason', 'contractType',
  'hireKind', 'repaymentStatus', 'number', 'mimeType', 'ownerType', 'companyName', 'courseName', 'providerName', 'lender', 'projectName',
  'needRole', 'referentName', 'referringOrgName', 'mode', 'privacyVersion', 'lineCode', 'to_status', 'from_status',
]);
/** Dates that are not events but identify: kept out even though they look like dates. */
const BIRTH_KEYS = new Set(['birthDate', 'personBirthDate', 'birth_date', 'person_birth_date']);

function scrubValue(value: unknown, key: string | null): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (key !== null && KEPT_STRING_KEYS.has(key)) return value;
    if (key !== null && !BIRTH_KEYS.has(key) && DATE_VALUE.test(value)) return value;
    return null;
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, key));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, k)]));
  return null;
}

/** An audit row's JSON without the person's data (see the module comment); null stays null. */
export function scrubAuditJson(json: string | null, identifiers: readonly string[]): string | null {
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return JSON.stringify({ anonimizzato: true });
  }
  const scrubbed = scrubValue(parsed, null);
  const text = JSON.stringify(scrubbed !== null && typeof scrubbed === 'object' && !Array.isArray(scrubbed) ? { ...scrubbed, anonimizzato: true } : { anonimizzato: true });
  const lower = text.toLowerCase();
  return identifiers.some((id) => lower.includes(id)) ? JSON.stringify({ anonimizzato: true }) : text;
}

const count = (result: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(result.numDeletedRows ?? result.numUpdatedRows ?? 0n);

export type AnonymisationMode = 'conservazione' | 'richiesta';

/**
 * Anonymises one person (and the records merged into them) inside the caller's transaction, following
 * ANONYMISATION_RULES, and writes the `people.anonymised` audit row. Returns null, writing nothing,
 * when the person may not be anonymised (gone, merged, already anonymised, an open case): the batch
 * skips them; a request refuses them before.
 */
export async function anonymiseInTransaction(
  trx: Transaction<DB>,
  ctx: ServiceContext,
  personId: number,
  how: { mode: AnonymisationMode; reason: string | null; cutoff: string | null },
): Promise<{ code: string } | null> {
  const person = await trx.selectFrom('people').select(['id', 'merged_into_id', 'anonymised_at']).where('id', '=', personId).executeTakeFirst();
  if (!person || person.merged_into_id !== null || person.anonymised_at !== null) return null;
  const open = await trx.selectFrom('cases').select('id').where('person_id', '=', personId).where('closed_on', 'is', null).executeTakeFirst();
  if (open) return null;

  // the person and every record merged into them (they hold copies of the same data)
  const records = await trx
    .selectFrom('people')
    .select(['id', 'last_name', 'first_name', 'tax_code', 'phone', 'email', 'domicile_street', 'birth_date'])
    .where((eb) => eb.or([eb('id', '=', personId), eb('merged_into_id', '=', personId)]))
    .execute();
  const ids = records.map((r) => r.id);
  const identifiers = records
    .flatMap((r) => [r.last_name, `${r.first_name} ${r.last_name}`, `${r.last_name} ${r.first_name}`, r.tax_code, r.phone, r.email, r.domicile_street])
    .filter((v): v is string => typeof v === 'string' && v.trim().length >= 3)
    .map((v) => v.toLowerCase());
  const namesThePerson = (text: string | null) => {
    if (!text) return false;
    const lower = text.toLowerCase();
    return records.some(
      (r) => (lower.includes(r.last_name.toLowerCase()) && lower.includes(r.first_name.toLowerCase())) || (r.tax_code !== null && lower.includes(r.tax_code.toLowerCase())),
    );
  };

  const linked = await linkedRecords(trx, ids);
  const { cases: caseIds, interventions: interventionIds, pacts: pactIds, assessments: assessmentIds, documents: documentIds, commitments: commitmentIds } = linked;
  const payments = linked.payments.length > 0 ? await trx.selectFrom('payments').select(['id', 'payee']).where('id', 'in', linked.payments).execute() : [];

  const code = anonymousCode(personId);
  const now = ctx.clock.nowIso();
  const removed: Record<string, number> = {};

  // people: the rule of ANONYMISATION_RULES.people
  for (const r of records) {
    await trx
      .updateTable('people')
      .set({
        last_name: ANONYMOUS_LAST_NAME,
        first_name: anonymousCode(r.id),
        name_key: '',
        birth_date: r.birth_date ? `${r.birth_date.slice(0, 4)}-01-01` : null,
        birth_place_code: null,
        birth_place_text: null,
        tax_code: null,
        tax_code_key: null,
        tax_code_missing_reason: null,
        citizenship: null,
        domicile_street: null,
        domicile_number: null,
        outside_metro_city: null,
        phone: null,
        email: null,
        languages: null,
        driving_licence: null,
        privacy_missing_reason: null,
        cv_attachment_id: null,
        anonymised_at: now,
        updated_at: now,
      })
      .where('id', '=', r.id)
      .execute();
  }
  removed.duplicatePairs = count(await trx.deleteFrom('duplicate_pairs').where((eb) => eb.or([eb('person_id', 'in', ids), eb('other_id', 'in', ids)])).executeTakeFirst());
  removed.merges = count(await trx.deleteFrom('person_merges').where((eb) => eb.or([eb('kept_id', 'in', ids), eb('merged_id', 'in', ids)])).executeTakeFirst());
  removed.skills = count(await trx.deleteFrom('person_skills').where('person_id', 'in', ids).executeTakeFirst());
  removed.workExperiences = count(await trx.deleteFrom('work_experiences').where('person_id', 'in', ids).executeTakeFirst());
  removed.notes = count(await trx.deleteFrom('notes').where('person_id', 'in', ids).executeTakeFirst());
  if (caseIds.length > 0) {
    await trx.updateTable('cases').set({ referring_point: null }).where('id', 'in', caseIds).execute();
    await trx.updateTable('case_status_history').set({ note: null }).where('case_id', 'in', caseIds).execute();
    await trx.updateTable('case_no_shows').set({ note: null }).where('case_id', 'in', caseIds).execute();
  }
  if (assessmentIds.length > 0) {
    await trx.updateTable('assessments').set({ routing: null, notes: null }).where('id', 'in', assessmentIds).execute();
    removed.assessmentAnswers = count(await trx.deleteFrom('assessment_answers').where('assessment_id', 'in', assessmentIds).executeTakeFirst());
  }
  if (interventionIds.length > 0) {
    await trx
      .updateTable('interventions')
      .set({ outcome: null, notes: null, certificate: null, business_idea: null, project_role: null, trainee_category: null })
      .where('id', 'in', interventionIds)
      .execute();
  }
  if (pactIds.length > 0) {
    await trx
      .updateTable('pacts')
      .set({
        person_last_name: ANONYMOUS_LAST_NAME,
        person_first_name: code,
        person_birth_place: null,
        person_birth_date: null,
        person_city: null,
        person_street: null,
        person_number: null,
        mode_altro_text: null,
        cancelled_reason: null,
        signed_attachment_id: null,
      })
      .where('id', 'in', pactIds)
      .execute();
    await trx.updateTable('pact_status_history').set({ note: null }).where('pact_id', 'in', pactIds).execute();
  }
  removed.documents = documentIds.length > 0 ? count(await trx.deleteFrom('attachments').where('id', 'in', documentIds).executeTakeFirst()) : 0;
  if (commitmentIds.length > 0) {
    await trx.updateTable('commitments').set({ description: `Impegno per persona anonimizzata (${code})` }).where('id', 'in', commitmentIds).execute();
    await trx.updateTable('payments').set({ description: null }).where('commitment_id', 'in', commitmentIds).execute();
    for (const p of payments) {
      if (namesThePerson(p.payee)) await trx.updateTable('payments').set({ payee: `Persona anonimizzata (${code})` }).where('id', '=', p.id).execute();
    }
  }

  // the audit rows about these records
  const auditRows = await auditRowsAbout(trx, linked).select(['id', 'before_json', 'after_json']).execute();
  let scrubbed = 0;
  for (const row of auditRows) {
    const before = scrubAuditJson(row.before_json, identifiers);
    const after = scrubAuditJson(row.after_json, identifiers);
    if (before === row.before_json && after === row.after_json) continue;
    await trx.updateTable('audit_log').set({ before_json: before, after_json: after }).where('id', '=', row.id).execute();
    scrubbed++;
  }
  removed.auditRowsScrubbed = scrubbed;

  await audit(trx, ctx, {
    action: ANONYMISED_ACTION,
    entity: 'persona',
    entityId: personId,
    after: {
      code,
      mode: how.mode,
      ...(how.reason !== null && { reason: how.reason }),
      ...(how.cutoff !== null && { cutoff: how.cutoff }),
      ...(ids.length > 1 && { mergedRecords: ids.filter((id) => id !== personId) }),
      removed,
    },
  });
  return { code };
}

// ---- the entry points ---------------------------------------------------------------------------

const BACKUP_REASON = 'prima-anonimizzazione' as const;
/** How many people one transaction anonymises: each batch is committed (and audited) on its own. */
const PEOPLE_PER_TRANSACTION = 100;

/** The backup a continued run names: one taken before an anonymisation, in the last day. */
function checkContinuation(ctx: ServiceContext, fileName: string): void {
  const found = backupsIn(backupDirFor(ctx.store.file)).find((b) => b.fileName === fileName);
  const recent = found && ctx.clock.now().getTime() - Date.parse(found.createdAt) < 24 * 60 * 60 * 1000;
  if (!found || !fileName.endsWith(`-${BACKUP_REASON}.sqlite`) || !recent) {
    throw new AppError('VALIDATION', 'Il backup indicato non è quello eseguito prima di questa anonimizzazione: ricominciare, verrà eseguito un nuovo backup', { backupFileName: 'Backup non valido' });
  }
}

/**
 * Anonymises up to `batchSize` of the people past retention (oldest first), in transactions of
 * PEOPLE_PER_TRANSACTION people. The first call (no backupFileName) takes the backup before anything
 * else; the interface calls again with it while `remaining` > 0, showing the progress.
 */
export async function runAnonymisation(ctx: ServiceContext, input: { batchSize: number; backupFileName?: string | undefined }): Promise<AnonymisationRun> {
  const db = ctx.store.db;
  const { cutoff } = await cutoffOf(ctx);
  let backup: string;
  if (input.backupFileName) {
    checkContinuation(ctx, input.backupFileName);
    backup = input.backupFileName;
  } else {
    backup = (await backupNow(ctx, { reason: BACKUP_REASON })).fileName;
  }
  const ids = (await eligible(db, cutoff).orderBy('sort_day').orderBy('p.id').limit(input.batchSize).execute()).map((r) => r.id);
  let anonymised = 0;
  for (let start = 0; start < ids.length; start += PEOPLE_PER_TRANSACTION) {
    const chunk = ids.slice(start, start + PEOPLE_PER_TRANSACTION);
    anonymised += await db.transaction().execute(async (trx) => {
      let n = 0;
      for (const id of chunk) if (await anonymiseInTransaction(trx, ctx, id, { mode: 'conservazione', reason: null, cutoff })) n++;
      return n;
    });
  }
  return { backup, anonymised, remaining: await countEligible(db, cutoff) };
}

/** Anonymises one person now, on a valid request (e.g. a GDPR erasure request), with its reason; a backup first. */
export async function anonymisePersonOnRequest(ctx: ServiceContext, input: { personId: number; reason: string }): Promise<{ backup: string; personId: number; code: string }> {
  const db = ctx.store.db;
  const person = await db.selectFrom('people').select(['id', 'merged_into_id', 'anonymised_at']).where('id', '=', input.personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  if (person.anonymised_at !== null) throw new AppError('CONFLICT', 'La persona è già stata anonimizzata');
  if (person.merged_into_id !== null) throw new AppError('CONFLICT', `Questa scheda è stata unita alla scheda n. ${person.merged_into_id}: anonimizzare quella`);
  const open = await db.selectFrom('cases').select('id').where('person_id', '=', input.personId).where('closed_on', 'is', null).executeTakeFirst();
  if (open) throw new AppError('CONFLICT', 'La persona ha un caso aperto: chiuderlo prima di anonimizzarla');
  const backup = (await backupNow(ctx, { reason: BACKUP_REASON })).fileName;
  const done = await db.transaction().execute((trx) => anonymiseInTransaction(trx, ctx, input.personId, { mode: 'richiesta', reason: input.reason, cutoff: null }));
  if (!done) throw new AppError('CONFLICT', 'La persona non si può anonimizzare in questo momento: riprovare');
  return { backup, personId: input.personId, code: done.code };
}
