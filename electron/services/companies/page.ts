import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { CompanyMoney, CompanyPact, CompanyPage, CompanyPlacement } from '../../contract/companies';
import { getCompanyDetail } from './companies';
import { boardInfo } from './board';
import { companyContacts } from './contacts';
import { companyNeeds } from './needs';
import type { ServiceContext } from '../context';

/**
 * The company page: registry, Board, contacts, needs, the people placed there (names only), its pacts
 * and the money spent on it. Read-only: the ledgers belong to the budget area.
 */

/** Interventions at the company, newest first: the person's name only (no personal data). */
export async function companyPlacements(db: Kysely<DB>, companyId: number): Promise<CompanyPlacement[]> {
  const { rows } = await sql<{
    id: number;
    person_id: number;
    last_name: string;
    first_name: string;
    instrument_code: string;
    instrument_name: string;
    status: CompanyPlacement['status'];
    start_date: string | null;
    end_date: string | null;
    need_id: number | null;
  }>`SELECT i.id, i.person_id, p.last_name, p.first_name, i.instrument_code, ins.name AS instrument_name, i.status, i.start_date, i.end_date, i.need_id
    FROM interventions i JOIN people p ON p.id = i.person_id JOIN instruments ins ON ins.code = i.instrument_code
    WHERE i.company_id = ${companyId}
    ORDER BY coalesce(i.start_date, substr(i.created_at, 1, 10)) DESC, i.id DESC`.execute(db);
  return rows.map((r) => ({
    interventionId: r.id,
    personId: r.person_id,
    personName: `${r.last_name} ${r.first_name}`,
    instrumentCode: r.instrument_code,
    instrumentName: r.instrument_name,
    status: r.status,
    startDate: r.start_date,
    endDate: r.end_date,
    needId: r.need_id,
  }));
}

export async function companyPacts(db: Kysely<DB>, companyId: number): Promise<CompanyPact[]> {
  const { rows } = await sql<{ id: number; number: string; person_id: number; last_name: string; first_name: string; status: CompanyPact['status']; pact_date: string; signed_on: string | null }>`
    SELECT pa.id, pa.number, pa.person_id, p.last_name, p.first_name, pa.status, pa.pact_date, pa.signed_on
    FROM pacts pa JOIN people p ON p.id = pa.person_id
    WHERE pa.company_id = ${companyId}
    ORDER BY pa.pact_date DESC, pa.id DESC`.execute(db);
  return rows.map((r) => ({ id: r.id, number: r.number, personId: r.person_id, personName: `${r.last_name} ${r.first_name}`, status: r.status, pactDate: r.pact_date, signedOn: r.signed_on }));
}

/**
 * Commitments linked to the company directly (commitments.company_id) or through one of its
 * interventions, with the rows that adjust them (reductions, cancellations, corrections: signed
 * amounts), and the payments against all of these (storni are negative). Each row counts once.
 */
export async function companyMoney(db: Kysely<DB>, companyId: number): Promise<CompanyMoney> {
  const { rows } = await sql<{ committed: number; commitments: number; paid: number; payments: number }>`
    WITH linked(id) AS (
      SELECT id FROM commitments WHERE company_id = ${companyId}
      UNION
      SELECT cm.id FROM interventions i JOIN commitments cm ON cm.intervention_id = i.id WHERE i.company_id = ${companyId}
    ),
    rows(id) AS (
      SELECT id FROM linked
      UNION
      SELECT cm.id FROM commitments cm WHERE cm.adjusts_id IN (SELECT id FROM linked)
    )
    SELECT
      (SELECT coalesce(sum(amount_cents), 0) FROM commitments WHERE id IN (SELECT id FROM rows)) AS committed,
      (SELECT count(*) FROM commitments WHERE id IN (SELECT id FROM rows) AND kind = 'impegno') AS commitments,
      (SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE commitment_id IN (SELECT id FROM rows)) AS paid,
      (SELECT count(*) FROM payments WHERE commitment_id IN (SELECT id FROM rows) AND kind = 'liquidazione') AS payments`.execute(db);
  const r = rows[0] ?? { committed: 0, commitments: 0, paid: 0, payments: 0 };
  return { committedCents: r.committed, paidCents: r.paid, commitments: r.commitments, payments: r.payments };
}

/** companies.get: the company page with its Board periods, contacts, needs, placements, pacts and money. */
export async function companyPage(ctx: ServiceContext, { id }: { id: number }): Promise<CompanyPage> {
  const db = ctx.store.db;
  const company = await getCompanyDetail(db, id);
  const [board, contacts, needs, placements, pacts, money] = await Promise.all([
    boardInfo(db, id, ctx.clock.today()),
    companyContacts(db, id),
    companyNeeds(db, id),
    companyPlacements(db, id),
    companyPacts(db, id),
    companyMoney(db, id),
  ]);
  return { company, board, contacts, needs, placements, pacts, money };
}
