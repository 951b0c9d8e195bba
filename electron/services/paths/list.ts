import { sql, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { InterventionListRow, InterventionsPage, interventionsFilter } from '../../contract/paths';
import type { ServiceContext } from '../context';
import {
  CONTRACT_TYPE_LABELS,
  HIRE_KIND_LABELS,
  REPAYMENT_STATUS_LABELS,
  type ContractType,
  type HireKind,
  type Instrument,
  type InterventionStatus,
  type RepaymentStatus,
} from '../../domain/paths';
import { formatEuro } from '../../domain/money';
import { nameKey } from '../../domain/text';
import { daysFromInterview } from './paths';

/**
 * Percorsi: every intervention of every person, newest first (by the start, or for a proposal without
 * a date by the day it was recorded),
 * filtered by instrument, status, company and period, paged in SQL: the keys of one page over the
 * indexes of migration 007, then the display columns of those rows. Names only, no personal data.
 */

type Filter = z.output<typeof interventionsFilter>;

/**
 * The order of the list: the start, or for a proposal without one the day it was recorded (indexed,
 * migration 007). A period filter keeps only interventions with a start: then the start alone is the
 * same order, and the indexes on the dates answer it without reading the rows.
 */
const sortKey = (filter: Filter) => (filter.from !== null || filter.to !== null ? sql`i.start_date` : sql`coalesce(i.start_date, substr(i.created_at, 1, 10))`);

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

function conditions(filter: Filter): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [];
  if (filter.instruments.length > 0) where.push(sql`i.instrument_code IN (${list(filter.instruments)})`);
  if (filter.statuses.length > 0) where.push(sql`i.status IN (${list(filter.statuses)})`);
  if (filter.companyId !== null) where.push(sql`i.company_id = ${filter.companyId}`);
  const key = nameKey(filter.company);
  if (key) where.push(sql`i.company_id IN (SELECT id FROM companies WHERE instr(name_key, ${key}) > 0)`);
  else if (filter.company.trim()) where.push(sql`1 = 0`);
  // under way in the period: started by its end, not ended before its start
  if (filter.to !== null) where.push(sql`i.start_date IS NOT NULL AND i.start_date <= ${filter.to}`);
  if (filter.from !== null) where.push(sql`i.start_date IS NOT NULL AND (i.end_date IS NULL OR i.end_date >= ${filter.from})`);
  return where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
}

interface DisplayRow {
  id: number;
  person_id: number;
  last_name: string;
  first_name: string;
  instrument_code: string;
  instrument_name: string;
  company_id: number | null;
  company_name: string | null;
  status: InterventionStatus;
  start_date: string | null;
  end_date: string | null;
  contract_type: string | null;
  hire_kind: string | null;
  weekly_hours: number | null;
  monthly_indemnity_cents: number | null;
  months: number | null;
  inclusive_traineeship: 0 | 1 | null;
  course_name: string | null;
  business_idea: string | null;
  grant_cents: number | null;
  lender: string | null;
  loan_cents: number | null;
  repayment_status: string | null;
  project_name: string | null;
  project_role: string | null;
  first_interview_date: string | null;
}

/** One line about the intervention: contract, indemnity and months, course, idea, loan, project. */
export function interventionDetail(r: Omit<DisplayRow, 'id' | 'person_id' | 'last_name' | 'first_name' | 'instrument_name' | 'company_id' | 'company_name' | 'status' | 'start_date' | 'end_date' | 'first_interview_date'>): string | null {
  const parts: (string | null)[] = [];
  switch (r.instrument_code as Instrument) {
    case 'inserimento':
      parts.push(r.contract_type ? CONTRACT_TYPE_LABELS[r.contract_type as ContractType] : null, r.hire_kind ? HIRE_KIND_LABELS[r.hire_kind as HireKind] : null);
      if (r.weekly_hours !== null) parts.push(`${r.weekly_hours} ore/sett.`);
      break;
    case 'tirocinio':
      if (r.monthly_indemnity_cents !== null) parts.push(`${formatEuro(r.monthly_indemnity_cents)}/mese`);
      if (r.months !== null) parts.push(`${r.months} ${r.months === 1 ? 'mese' : 'mesi'}`);
      if (r.inclusive_traineeship === 1) parts.push('di inclusione');
      break;
    case 'formazione':
      parts.push(r.course_name);
      break;
    case 'autoimpiego':
      parts.push(r.business_idea, r.grant_cents !== null ? `contributo ${formatEuro(r.grant_cents)}` : null);
      break;
    case 'credito':
      parts.push(r.lender, r.loan_cents !== null ? formatEuro(r.loan_cents) : null, r.repayment_status ? REPAYMENT_STATUS_LABELS[r.repayment_status as RepaymentStatus] : null);
      break;
    case 'pon':
      parts.push(r.project_name, r.project_role);
      break;
  }
  const text = parts.filter((p): p is string => Boolean(p)).join(' · ');
  return text || null;
}

export async function listInterventions(ctx: ServiceContext, input: { filter: Filter; page: number; pageSize: number }): Promise<InterventionsPage> {
  const db = ctx.store.db;
  const where = conditions(input.filter);
  const offset = (input.page - 1) * input.pageSize;
  const [keys, count] = await Promise.all([
    sql<{ id: number }>`SELECT i.id FROM interventions i ${where} ORDER BY ${sortKey(input.filter)} DESC, i.id DESC LIMIT ${input.pageSize} OFFSET ${offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n FROM interventions i ${where}`.execute(db),
  ]);
  const ids = keys.rows.map((r) => r.id);
  const display =
    ids.length === 0
      ? []
      : (
          await sql<DisplayRow>`
      SELECT i.id, i.person_id, p.last_name, p.first_name, i.instrument_code, ins.name AS instrument_name, i.company_id, co.name AS company_name,
        i.status, i.start_date, i.end_date, i.contract_type, i.hire_kind, i.weekly_hours, i.monthly_indemnity_cents, i.months,
        i.inclusive_traineeship, i.course_name, i.business_idea, i.grant_cents, i.lender, i.loan_cents, i.repayment_status,
        i.project_name, i.project_role, c.first_interview_date
      FROM interventions i
      JOIN people p ON p.id = i.person_id
      JOIN cases c ON c.id = i.case_id
      JOIN instruments ins ON ins.code = i.instrument_code
      LEFT JOIN companies co ON co.id = i.company_id
      WHERE i.id IN (${sql.join(ids)})`.execute(db)
        ).rows;
  const byId = new Map(display.map((r) => [r.id, r]));
  const rows: InterventionListRow[] = ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        personId: r.person_id,
        personName: `${r.last_name} ${r.first_name}`,
        instrumentCode: r.instrument_code as Instrument,
        instrumentName: r.instrument_name,
        companyId: r.company_id,
        companyName: r.company_name,
        status: r.status,
        startDate: r.start_date,
        endDate: r.end_date,
        detail: interventionDetail(r),
        daysFromFirstInterview: daysFromInterview(r, r.first_interview_date),
      },
    ];
  });
  return { rows, total: count.rows[0]?.n ?? 0 };
}
