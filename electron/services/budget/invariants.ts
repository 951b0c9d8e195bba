import { sql } from 'kysely';
import type { Store } from '../../../db/connection';

/**
 * Checks of the Bilancio invariants straight in SQL, recomputing everything from the ledger (used by
 * the tests, and handy against a real database): the running totals of migration 005 equal the sums
 * of the ledger; allocations never exceed their fund; on every allocation Σ paid ≤ Σ committed ≤
 * allocated unless an override is recorded there; every amount is an integer. Returns the problems,
 * in Italian, empty when all is well. On PostgreSQL the money columns are `bigint`: integers by type.
 */
export async function totalsMismatches(store: Store): Promise<string[]> {
  const checks: [string, string][] = [
    [
      'totali per assegnazione diversi dal registro',
      `SELECT count(*) FROM allocations a LEFT JOIN allocation_totals t ON t.allocation_id = a.id
       WHERE t.allocation_id IS NULL
          OR t.committed_cents <> (SELECT coalesce(sum(c.amount_cents), 0) FROM commitments c WHERE c.allocation_id = a.id)
          OR t.commitment_rows <> (SELECT count(*) FROM commitments c WHERE c.allocation_id = a.id)
          OR t.paid_cents <> (SELECT coalesce(sum(p.amount_cents), 0) FROM payments p JOIN commitments c ON c.id = p.commitment_id WHERE c.allocation_id = a.id)
          OR t.payment_rows <> (SELECT count(*) FROM payments p JOIN commitments c ON c.id = p.commitment_id WHERE c.allocation_id = a.id)`,
    ],
    ['totali per assegnazione senza assegnazione', 'SELECT count(*) FROM allocation_totals t WHERE NOT EXISTS (SELECT 1 FROM allocations a WHERE a.id = t.allocation_id)'],
    [
      'totali per impegno diversi dal registro',
      `SELECT count(*) FROM commitments c LEFT JOIN commitment_totals t ON t.commitment_id = c.id
       WHERE c.kind = 'impegno' AND (t.commitment_id IS NULL
          OR t.allocation_id <> c.allocation_id
          OR t.net_cents <> c.amount_cents + (SELECT coalesce(sum(r.amount_cents), 0) FROM commitments r WHERE r.adjusts_id = c.id)
          OR t.paid_cents <> (SELECT coalesce(sum(p.amount_cents), 0) FROM payments p WHERE p.commitment_id = c.id)
          OR t.person_id IS DISTINCT FROM c.person_id OR t.company_id IS DISTINCT FROM c.company_id OR t.intervention_id IS DISTINCT FROM c.intervention_id
          OR t.instrument_code IS DISTINCT FROM (SELECT i.instrument_code FROM interventions i WHERE i.id = c.intervention_id))`,
    ],
    ['totali per impegno in più', "SELECT (SELECT count(*) FROM commitment_totals) - (SELECT count(*) FROM commitments WHERE kind = 'impegno')"],
    [
      'totali mensili diversi dal registro',
      `WITH ledger AS (
         SELECT allocation_id, substr(committed_on, 1, 7) AS month, amount_cents AS c, 0 AS p FROM commitments
         UNION ALL SELECT c.allocation_id, substr(p.paid_on, 1, 7), 0, p.amount_cents FROM payments p JOIN commitments c ON c.id = p.commitment_id),
       sums AS (SELECT allocation_id, month, sum(c) AS c, sum(p) AS p FROM ledger GROUP BY allocation_id, month)
       SELECT (SELECT count(*) FROM sums s LEFT JOIN allocation_months m ON m.allocation_id = s.allocation_id AND m.month = s.month
               WHERE m.month IS NULL OR m.committed_cents <> s.c OR m.paid_cents <> s.p)
            + (SELECT count(*) FROM allocation_months m WHERE NOT EXISTS (SELECT 1 FROM sums s WHERE s.allocation_id = m.allocation_id AND s.month = m.month))`,
    ],
    [
      'indice delle liquidazioni per assegnazione diverso dal registro',
      `SELECT (SELECT count(*) FROM payments p JOIN commitments c ON c.id = p.commitment_id
               LEFT JOIN payment_allocations pa ON pa.payment_id = p.id AND pa.allocation_id = c.allocation_id AND pa.paid_on = p.paid_on AND pa.amount_cents = p.amount_cents
               WHERE pa.payment_id IS NULL)
            + (SELECT count(*) FROM payment_allocations) - (SELECT count(*) FROM payments)`,
    ],
    ['assegnazioni oltre l’importo del fondo', 'SELECT count(*) FROM funds f WHERE (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.fund_id = f.id) > f.amount_cents'],
    [
      'impegnato oltre l’assegnato senza deroga',
      `SELECT count(*) FROM allocations a JOIN allocation_totals t ON t.allocation_id = a.id
       WHERE t.committed_cents > a.amount_cents AND NOT EXISTS (SELECT 1 FROM budget_overrides o WHERE o.allocation_id = a.id AND o.source = 'impegno')`,
    ],
    [
      'liquidato oltre l’impegnato senza deroga',
      `SELECT count(*) FROM commitment_totals t
       WHERE t.paid_cents > t.net_cents AND NOT EXISTS (SELECT 1 FROM budget_overrides o WHERE o.commitment_id = t.commitment_id AND o.source = 'liquidazione')`,
    ],
    ['impegno netto negativo', 'SELECT count(*) FROM commitment_totals WHERE net_cents < 0'],
    [
      'importi non interi',
      store.engine === 'postgres'
        ? 'SELECT 0'
        : `SELECT (SELECT count(*) FROM commitments WHERE typeof(amount_cents) <> 'integer') + (SELECT count(*) FROM payments WHERE typeof(amount_cents) <> 'integer')
            + (SELECT count(*) FROM allocations WHERE typeof(amount_cents) <> 'integer') + (SELECT count(*) FROM funds WHERE typeof(amount_cents) <> 'integer')`,
    ],
    [
      'deroghe senza movimento',
      `SELECT count(*) FROM budget_overrides o WHERE NOT EXISTS (
         SELECT 1 FROM commitments c WHERE o.source = 'impegno' AND c.id = o.entry_id AND c.override_reason = o.reason
         UNION ALL SELECT 1 FROM payments p WHERE o.source = 'liquidazione' AND p.id = o.entry_id AND p.override_reason = o.reason)`,
    ],
    [
      'movimenti con motivo di deroga non elencati',
      `SELECT (SELECT count(*) FROM commitments c WHERE c.override_reason IS NOT NULL AND NOT EXISTS (SELECT 1 FROM budget_overrides o WHERE o.source = 'impegno' AND o.entry_id = c.id))
            + (SELECT count(*) FROM payments p WHERE p.override_reason IS NOT NULL AND NOT EXISTS (SELECT 1 FROM budget_overrides o WHERE o.source = 'liquidazione' AND o.entry_id = p.id))`,
    ],
  ];
  const problems: string[] = [];
  for (const [label, query] of checks) {
    const { rows } = await sql.raw<{ n: number }>(`SELECT (${query}) AS n`).execute(store.db);
    const count = Number(rows[0]!.n);
    if (count !== 0) problems.push(`${label}: ${count}`);
  }
  return problems;
}
