import { sql } from 'kysely';
import type { DashboardCounts } from '../../contract/dashboard';
import { CASE_STATUSES, type CaseStatus } from '../../domain/caseStatus';
import { seesMoney } from '../../contract/roles';
import type { ServiceContext } from '../context';

const count = sql<number>`count(*)`;

/** The Cruscotto's live counts. Each is one indexed aggregate; people merged into others are not counted. */
export async function dashboardCounts(ctx: ServiceContext): Promise<DashboardCounts> {
  const db = ctx.store.db;
  const today = ctx.clock.today();
  const [people, byStatus, companies, board, needs, interventions, placements, pacts, money] = await Promise.all([
    // all people minus those merged into another record: two index-only counts instead of a table scan
    db
      .selectNoFrom((eb) => [
        sql<number>`${eb.selectFrom('people').select(count.as('n'))} - ${eb.selectFrom('people').select(count.as('m')).where('merged_into_id', 'is not', null)}`.as('n'),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom('cases').select(['status', count.as('n')]).groupBy('status').execute(),
    db.selectFrom('companies').select(count.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('board_memberships')
      .select(sql<number>`count(DISTINCT company_id)`.as('n'))
      .where('since', '<=', today)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]))
      .executeTakeFirstOrThrow(),
    db.selectFrom('needs').select(count.as('n')).where('status', 'in', ['aperto', 'in_corso']).executeTakeFirstOrThrow(),
    db.selectFrom('interventions').select(count.as('n')).where('status', '=', 'attivo').executeTakeFirstOrThrow(),
    db.selectFrom('interventions').select(count.as('n')).where('instrument_code', '=', 'inserimento').where('status', 'in', ['attivo', 'concluso']).executeTakeFirstOrThrow(),
    db.selectFrom('pacts').select(count.as('n')).where('status', 'in', ['bozza', 'stampato']).executeTakeFirstOrThrow(),
    // operators see no money (not even on the Cruscotto)
    seesMoney(ctx.caller.role) ? fundsSummary(ctx) : null,
  ]);
  const statusCounts = new Map(byStatus.map((r) => [r.status as CaseStatus, r.n]));
  const casesByStatus = CASE_STATUSES.map((status) => ({ status, count: statusCounts.get(status) ?? 0 }));
  return {
    people: people.n,
    openCases: casesByStatus.filter((s) => s.status !== 'concluso' && s.status !== 'fuori_target').reduce((a, s) => a + s.count, 0),
    casesByStatus,
    companies: companies.n,
    boardMembers: board.n,
    openNeeds: needs.n,
    activeInterventions: interventions.n,
    placements: placements.n,
    pactsToSign: pacts.n,
    funds: money,
  };
}

/** The funds, what is allocated, committed and paid: from the ledger's running totals per allocation (kept by triggers, migration 005), not its 1M rows. */
async function fundsSummary(ctx: ServiceContext): Promise<NonNullable<DashboardCounts['funds']>> {
  const db = ctx.store.db;
  const [funds, allocated, totals] = await Promise.all([
    db.selectFrom('funds').select([count.as('n'), sql<number>`coalesce(sum(amount_cents), 0)`.as('cents')]).executeTakeFirstOrThrow(),
    db.selectFrom('allocations').select(sql<number>`coalesce(sum(amount_cents), 0)`.as('cents')).executeTakeFirstOrThrow(),
    db
      .selectFrom('allocation_totals')
      .select([sql<number>`coalesce(sum(committed_cents), 0)`.as('committed'), sql<number>`coalesce(sum(paid_cents), 0)`.as('paid')])
      .executeTakeFirstOrThrow(),
  ]);
  return { count: funds.n, amountCents: funds.cents, allocatedCents: allocated.cents, committedCents: totals.committed, paidCents: totals.paid };
}
