import type BetterSqlite3 from 'better-sqlite3';

/**
 * Bulk load: the seed writes ~2.5 million rows, and per row the triggers of 003 and 005 would update
 * people and four totals tables while every secondary index takes a random insert. Instead the load
 * runs without the triggers that keep derived data (or check a ledger row against it) and without the
 * non-unique indexes of the tables it fills; at the end the indexes are built by sorting, the derived
 * data is built in one pass per table, and the triggers are created again with their own text as read
 * from sqlite_master (a later migration may rewrite them: nothing here depends on their text).
 * Any trigger not listed keeps firing during the load, so a new one stays correct, only slower.
 *
 * Afterwards `derivedMismatches` compares every kept total with its definition over the ledger, and
 * `ledgerViolations` checks what the dropped BEFORE INSERT triggers would have refused: either
 * finding anything fails the seed.
 */

/** Triggers whose work the end of a bulk load does in one pass (by name: see rebuildDerived). */
export const DEFERRED_TRIGGERS = [
  'tr_people_domicile_insert', // people.domicile_name (003)
  'tr_cases_current_insert', // people.current_case_id, current_band (003)
  'tr_assessments_band_insert', // people.current_band (003)
  'tr_allocations_totals', // allocation_totals rows, allocations within their fund (005)
  'tr_commitments_check', // commitment rules (005): see ledgerViolations
  'tr_commitments_totals', // allocation_totals, allocation_months, commitment_totals (005)
  'tr_payments_check', // payment rules (005), which read commitment_totals: see ledgerViolations
  'tr_payments_totals', // commitment_totals, payment_allocations, allocation_totals, allocation_months (005)
] as const;

/** Tables the seed fills: their non-unique indexes are built after the load. */
const LOADED_TABLES = [
  'people', 'privacy_acknowledgements', 'person_skills', 'work_experiences', 'companies', 'company_contacts', 'board_memberships',
  'needs', 'need_skills', 'cases', 'case_status_history', 'case_no_shows', 'assessments', 'assessment_answers', 'interventions',
  'pacts', 'pact_status_history', 'commitments', 'payments',
] as const;

/** Tables rewritten by rebuildDerived: their indexes are built after it, not before. */
const REBUILT_TABLES = new Set(['people']);

interface SchemaObject {
  name: string;
  table: string;
  sql: string;
}

interface Suspended {
  triggers: SchemaObject[];
  indexes: SchemaObject[];
}

function suspend(db: BetterSqlite3.Database): Suspended {
  const names = DEFERRED_TRIGGERS.map(() => '?').join(', ');
  const triggers = db
    .prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names}) ORDER BY rowid`)
    .all(...DEFERRED_TRIGGERS) as SchemaObject[];
  const tables = LOADED_TABLES.map(() => '?').join(', ');
  // Unique indexes stay: they guard the data while it loads. Automatic ones (sql NULL) cannot be dropped.
  const indexes = db
    .prepare(
      `SELECT m.name, m.tbl_name AS "table", m.sql FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name
        WHERE m.type = 'index' AND m.sql IS NOT NULL AND l."unique" = 0 AND m.tbl_name IN (${tables}) ORDER BY m.rowid`,
    )
    .all(...LOADED_TABLES) as SchemaObject[];
  db.transaction(() => {
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
  })();
  return { triggers, indexes };
}

/** Creates again the objects of `list` that are missing (a failed load still leaves the schema whole). */
function recreate(db: BetterSqlite3.Database, type: 'trigger' | 'index', list: SchemaObject[]): void {
  const exists = db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?');
  for (const o of list) if (!exists.get(type, o.name)) db.exec(o.sql);
}

/**
 * Rebuilds what the deferred triggers keep, from the rows alone, as the triggers would have left it
 * after inserting the same rows in id order: the budget totals in full (they are a function of the
 * ledger), the people columns of 003 for every person.
 */
export function rebuildDerived(db: BetterSqlite3.Database): void {
  db.exec(`
UPDATE people SET domicile_name = coalesce((SELECT co.name FROM comuni co WHERE co.istat_code = people.domicile_istat), people.outside_metro_city)
WHERE domicile_name COLLATE BINARY IS NOT coalesce((SELECT co.name FROM comuni co WHERE co.istat_code = people.domicile_istat), people.outside_metro_city);

-- current case: the open one, else the latest application, then the highest id; its latest band
WITH ranked AS (
  SELECT c.person_id, c.id, row_number() OVER (PARTITION BY c.person_id ORDER BY c.closed_on IS NOT NULL, c.application_date DESC, c.id DESC) AS rn
  FROM cases c
), band AS (
  SELECT a.case_id, a.band, row_number() OVER (PARTITION BY a.case_id ORDER BY a.assessed_on DESC, a.id DESC) AS rn FROM assessments a
), current AS (
  SELECT r.person_id, r.id AS case_id, b.band FROM ranked r LEFT JOIN band b ON b.case_id = r.id AND b.rn = 1 WHERE r.rn = 1
)
UPDATE people SET current_case_id = current.case_id, current_band = current.band FROM current WHERE current.person_id = people.id;
UPDATE people SET current_case_id = NULL, current_band = NULL
WHERE (current_case_id IS NOT NULL OR current_band IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = people.id);

DELETE FROM payment_allocations;
INSERT INTO payment_allocations (allocation_id, paid_on, payment_id, amount_cents)
SELECT c.allocation_id, p.paid_on, p.id, p.amount_cents FROM payments p JOIN commitments c ON c.id = p.commitment_id ORDER BY 1, 2, 3;

DELETE FROM commitment_totals;
INSERT INTO commitment_totals (commitment_id, allocation_id, net_cents, paid_cents, person_id, company_id, intervention_id, instrument_code)
SELECT c.id, c.allocation_id, c.amount_cents + coalesce(r.cents, 0), coalesce(p.cents, 0), c.person_id, c.company_id, c.intervention_id, i.instrument_code
FROM commitments c
LEFT JOIN (SELECT adjusts_id AS id, sum(amount_cents) AS cents FROM commitments WHERE adjusts_id IS NOT NULL AND kind <> 'impegno' GROUP BY adjusts_id) r ON r.id = c.id
LEFT JOIN (SELECT commitment_id AS id, sum(amount_cents) AS cents FROM payments GROUP BY commitment_id) p ON p.id = c.id
LEFT JOIN interventions i ON i.id = c.intervention_id
WHERE c.kind = 'impegno'
ORDER BY c.id;

DELETE FROM allocation_months;
INSERT INTO allocation_months (allocation_id, month, committed_cents, paid_cents)
SELECT allocation_id, month, sum(c), sum(p) FROM (
  SELECT allocation_id, substr(committed_on, 1, 7) AS month, amount_cents AS c, 0 AS p FROM commitments
  UNION ALL
  SELECT allocation_id, substr(paid_on, 1, 7), 0, amount_cents FROM payment_allocations
) GROUP BY allocation_id, month ORDER BY allocation_id, month;

DELETE FROM allocation_totals;
INSERT INTO allocation_totals (allocation_id, committed_cents, paid_cents, commitment_rows, payment_rows)
SELECT a.id, coalesce(c.cents, 0), coalesce(p.cents, 0), coalesce(c.n, 0), coalesce(p.n, 0)
FROM allocations a
LEFT JOIN (SELECT allocation_id, sum(amount_cents) AS cents, count(*) AS n FROM commitments GROUP BY allocation_id) c ON c.allocation_id = a.id
LEFT JOIN (SELECT allocation_id, sum(amount_cents) AS cents, count(*) AS n FROM payment_allocations GROUP BY allocation_id) p ON p.allocation_id = a.id
ORDER BY a.id;
`);
}

const count = (db: BetterSqlite3.Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

/**
 * Each kept total against its definition over the ledger (and people against their cases), written
 * independently of rebuildDerived: the number of rows that differ, by table; all zero when right.
 * Each stored row is compared with its definition through the ledger's indexes (no sort of the
 * ledger), and the number of rows with the number there should be. payment_allocations is checked
 * against payments first; the paid sums of the other tables are then read through it.
 */
export function derivedMismatches(db: BetterSqlite3.Database): Record<string, number> {
  // "stored rows - rows equal to their definition + |stored rows - rows there should be|"
  const differing = (stored: string, equal: string, expected: string) =>
    count(db, `SELECT (SELECT count(*) FROM ${stored}) - (SELECT count(*) FROM ${equal}) + abs((SELECT count(*) FROM ${stored}) - (${expected})) AS n`);
  const month = (column: string) => `${column} >= m.month || '-01' AND ${column} < m.month || '-32'`;
  return {
    // from payments in index order: commitments in order, payment_allocations (small) at random
    payment_allocations: differing(
      'payment_allocations',
      `payments p INDEXED BY ix_payments_commitment JOIN commitments c ON c.id = p.commitment_id
        JOIN payment_allocations t ON t.allocation_id = c.allocation_id AND t.paid_on = p.paid_on AND t.payment_id = p.id AND t.amount_cents = p.amount_cents`,
      'SELECT count(*) FROM payments',
    ),
    commitment_totals: differing(
      'commitment_totals',
      `commitment_totals t JOIN commitments c ON c.id = t.commitment_id AND c.kind = 'impegno'
        WHERE t.allocation_id = c.allocation_id AND t.person_id IS c.person_id AND t.company_id IS c.company_id AND t.intervention_id IS c.intervention_id
          AND t.instrument_code IS (SELECT i.instrument_code FROM interventions i WHERE i.id = c.intervention_id)
          AND t.net_cents = c.amount_cents + (SELECT coalesce(sum(r.amount_cents), 0) FROM commitments r WHERE r.adjusts_id = c.id AND r.kind <> 'impegno')
          AND t.paid_cents = (SELECT coalesce(sum(p.amount_cents), 0) FROM payments p WHERE p.commitment_id = c.id)`,
      "SELECT count(*) FROM commitments WHERE kind = 'impegno'",
    ),
    allocation_months: differing(
      'allocation_months',
      `allocation_months m
        WHERE m.committed_cents = (SELECT coalesce(sum(c.amount_cents), 0) FROM commitments c WHERE c.allocation_id = m.allocation_id AND ${month('c.committed_on')})
          AND m.paid_cents = (SELECT coalesce(sum(p.amount_cents), 0) FROM payment_allocations p WHERE p.allocation_id = m.allocation_id AND ${month('p.paid_on')})`,
      `SELECT count(*) FROM (SELECT allocation_id, substr(committed_on, 1, 7) FROM commitments
        UNION SELECT allocation_id, substr(paid_on, 1, 7) FROM payment_allocations)`,
    ),
    allocation_totals: differing(
      'allocation_totals',
      `allocation_totals t JOIN allocations a ON a.id = t.allocation_id
        WHERE (t.committed_cents, t.commitment_rows) = (SELECT coalesce(sum(c.amount_cents), 0), count(*) FROM commitments c WHERE c.allocation_id = a.id)
          AND (t.paid_cents, t.payment_rows) = (SELECT coalesce(sum(p.amount_cents), 0), count(*) FROM payment_allocations p WHERE p.allocation_id = a.id)`,
      'SELECT count(*) FROM allocations',
    ),
    people: differing(
      'people',
      `people p
        WHERE p.current_case_id IS (SELECT x.id FROM cases x WHERE x.person_id = p.id ORDER BY x.closed_on IS NOT NULL, x.application_date DESC, x.id DESC LIMIT 1)
          AND p.current_band IS (SELECT a.band FROM assessments a WHERE a.case_id = p.current_case_id ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)
          AND p.domicile_name COLLATE BINARY IS coalesce((SELECT co.name FROM comuni co WHERE co.istat_code = p.domicile_istat), p.outside_metro_city)`,
      'SELECT count(*) FROM people',
    ),
  };
}

/**
 * What the ledger's BEFORE INSERT triggers (and the fund check on allocations) refuse, as counts of
 * rows that break each rule; all zero when right. Ids follow the order of writing, so "an earlier
 * row" is one with a smaller id.
 */
export function ledgerViolations(db: BetterSqlite3.Database): Record<string, number> {
  // one pass over each table
  const commitments = db
    .prepare(
      `SELECT
        coalesce(sum((kind = 'impegno' AND amount_cents <= 0) OR (kind IN ('riduzione', 'annullamento') AND amount_cents >= 0)
          OR amount_cents = 0 OR typeof(amount_cents) <> 'integer'), 0) AS amount,
        coalesce(sum(kind <> 'impegno'
          AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.id = x.adjusts_id AND c.id < x.id AND c.kind = 'impegno' AND c.allocation_id = x.allocation_id)), 0) AS adjusts
      FROM commitments x`,
    )
    .get() as { amount: number; adjusts: number };
  const payments = db
    .prepare(
      `SELECT
        coalesce(sum((kind = 'liquidazione' AND amount_cents <= 0) OR (kind = 'storno' AND amount_cents >= 0)
          OR amount_cents = 0 OR typeof(amount_cents) <> 'integer'), 0) AS amount,
        coalesce(sum(NOT EXISTS (SELECT 1 FROM commitments c WHERE c.id = p.commitment_id AND c.kind = 'impegno')), 0) AS commitment,
        coalesce(sum((p.kind = 'liquidazione' AND p.adjusts_id IS NOT NULL)
          OR (p.kind <> 'liquidazione' AND NOT EXISTS (
            SELECT 1 FROM payments q WHERE q.id = p.adjusts_id AND q.id < p.id AND q.kind = 'liquidazione' AND q.commitment_id = p.commitment_id))), 0) AS adjusts
      FROM payments p`,
    )
    .get() as { amount: number; commitment: number; adjusts: number };
  return {
    allocationsOverFund: count(
      db,
      'SELECT count(*) AS n FROM funds f WHERE (SELECT sum(a.amount_cents) FROM allocations a WHERE a.fund_id = f.id) > f.amount_cents',
    ),
    commitmentAmount: commitments.amount,
    commitmentAdjusts: commitments.adjusts,
    paymentAmount: payments.amount,
    paymentCommitment: payments.commitment,
    paymentAdjusts: payments.adjusts,
  };
}

/** The entries of `counts` above zero, as "name: n" (empty when all is right). */
const nonZero = (counts: Record<string, number>): string[] => Object.entries(counts).filter(([, n]) => n !== 0).map(([k, n]) => `${k}: ${n}`);

/**
 * Runs `load` without the deferred triggers and the loaded tables' non-unique indexes, then builds the
 * indexes, rebuilds the derived data, creates the triggers again and checks the result.
 * `onFinish` is called before each step of the final pass (for progress).
 */
export function bulkLoad<T>(db: BetterSqlite3.Database, load: () => T, onFinish: (step: number, of: number) => void = () => undefined): T {
  const suspended = suspend(db);
  let result: T;
  try {
    result = load();
    const early = suspended.indexes.filter((i) => !REBUILT_TABLES.has(i.table));
    const late = suspended.indexes.filter((i) => REBUILT_TABLES.has(i.table));
    const steps = early.length + late.length + 2;
    let step = 0;
    // One index per transaction: a small journal (or write-ahead log) at a time.
    for (const i of early) {
      onFinish(step++, steps);
      db.exec(i.sql);
    }
    db.transaction(() => {
      onFinish(step++, steps);
      rebuildDerived(db);
      for (const i of late) {
        onFinish(step++, steps);
        db.exec(i.sql);
      }
      recreate(db, 'trigger', suspended.triggers);
    })();
    onFinish(step++, steps);
  } finally {
    // On failure: the rows loaded so far are of no use, but the schema stays whole.
    if (db.inTransaction) db.exec('ROLLBACK');
    recreate(db, 'index', suspended.indexes);
    recreate(db, 'trigger', suspended.triggers);
  }
  const problems = [...nonZero(ledgerViolations(db)), ...nonZero(derivedMismatches(db))];
  if (problems.length > 0) throw new Error(`Dati dimostrativi incoerenti dopo il caricamento: ${problems.join(', ')}`);
  return result;
}
