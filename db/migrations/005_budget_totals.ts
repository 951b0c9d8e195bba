import type { Migration } from './types';

const NO_EDIT = 'I movimenti contabili non si modificano: registrare una riduzione, un annullamento, uno storno o una rettifica';
const NO_DELETE = 'I movimenti contabili non si cancellano: registrare un annullamento, uno storno o una rettifica';
/** The allocation of commitment `row` (an impegno), from its running totals. */
const allocationOf = (commitmentId: string) => `(SELECT t.allocation_id FROM commitment_totals t WHERE t.commitment_id = ${commitmentId})`;

/**
 * Bilancio (issue #5): running totals kept by triggers, so the overview, the checks before a write and
 * the burn rate never scan the ledger (1,000,000 rows at xl), whoever writes (services, seed):
 * - `allocation_totals`: per allocation, net committed and paid cents and the number of ledger rows;
 * - `commitment_totals`: per impegno, its net (impegno + riduzioni, annullamenti, rettifiche) and what
 *   was paid on it, with copies of its links (person, company, intervention and its instrument) for the
 *   spending views;
 * - `allocation_months`: per allocation and month ('YYYY-MM'), net committed and paid, for burn rates;
 * - `budget_overrides`: the commitments and payments recorded beyond what was left, with the reason.
 * - `payment_allocations`: each payment under the allocation of its commitment, by date, so the
 *   drill-down pages (and counts, and sums) an allocation's payments through one index.
 *
 * The ledger is append-only: the money columns of commitments and payments cannot be updated and no
 * row can be deleted (RAISE ABORT with an Italian message). Descriptions, payee and the links to
 * person/company/intervention stay editable (people merges, anonymisation); the totals follow the links.
 * Allocations stay editable but never sum above their fund (also checked here, as a last line).
 * A fresh database gets the two founding funds (DOMAIN.md §5): Comune di Bologna € 10,000,000 and
 * Arcidiocesi di Bologna € 4,000,000, 2017–2020, not yet allocated.
 */
export const m005_budget_totals: Migration = {
  id: '005_budget_totals',
  up: (db) => {
    const now = new Date().toISOString();
    // A bigger page cache for the backfill (a connection setting, restored below).
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    db.pragma('cache_size = -131072');
    db.exec(`
CREATE TABLE allocation_totals (
  allocation_id INTEGER PRIMARY KEY,
  committed_cents INTEGER NOT NULL DEFAULT 0,
  paid_cents INTEGER NOT NULL DEFAULT 0,
  commitment_rows INTEGER NOT NULL DEFAULT 0,
  payment_rows INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE commitment_totals (
  commitment_id INTEGER PRIMARY KEY,
  allocation_id INTEGER NOT NULL,
  net_cents INTEGER NOT NULL,
  paid_cents INTEGER NOT NULL DEFAULT 0,
  person_id INTEGER,
  company_id INTEGER,
  intervention_id INTEGER,
  instrument_code TEXT
);
CREATE TABLE allocation_months (
  allocation_id INTEGER NOT NULL,
  month TEXT NOT NULL,
  committed_cents INTEGER NOT NULL DEFAULT 0,
  paid_cents INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (allocation_id, month)
) WITHOUT ROWID;
CREATE TABLE budget_overrides (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('impegno', 'liquidazione')),
  entry_id INTEGER NOT NULL,
  commitment_id INTEGER NOT NULL REFERENCES commitments(id),
  allocation_id INTEGER NOT NULL REFERENCES allocations(id),
  left_before_cents INTEGER NOT NULL,
  excess_cents INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (source, entry_id)
);
CREATE INDEX ix_budget_overrides_allocation ON budget_overrides(allocation_id);
-- payments by allocation and date (an index over two tables, kept by trigger)
CREATE TABLE payment_allocations (
  allocation_id INTEGER NOT NULL,
  paid_on TEXT NOT NULL,
  payment_id INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL,
  PRIMARY KEY (allocation_id, paid_on, payment_id)
) WITHOUT ROWID;

-- backfill (aggregates read through covering indexes) ----------------------------------------------
INSERT INTO payment_allocations (allocation_id, paid_on, payment_id, amount_cents)
SELECT c.allocation_id, p.paid_on, p.id, p.amount_cents FROM payments p JOIN commitments c ON c.id = p.commitment_id ORDER BY 1, 2, 3;
INSERT INTO allocation_totals (allocation_id) SELECT id FROM allocations;
UPDATE allocation_totals SET (committed_cents, commitment_rows) = (SELECT coalesce(sum(c.amount_cents), 0), count(*) FROM commitments c WHERE c.allocation_id = allocation_totals.allocation_id),
  (paid_cents, payment_rows) = (SELECT coalesce(sum(p.amount_cents), 0), count(*) FROM payment_allocations p WHERE p.allocation_id = allocation_totals.allocation_id);
INSERT INTO commitment_totals (commitment_id, allocation_id, net_cents, paid_cents, person_id, company_id, intervention_id, instrument_code)
SELECT c.id, c.allocation_id, c.amount_cents + coalesce(r.cents, 0), coalesce(p.cents, 0), c.person_id, c.company_id, c.intervention_id, i.instrument_code
FROM commitments c
LEFT JOIN (SELECT adjusts_id AS id, sum(amount_cents) AS cents FROM commitments WHERE adjusts_id IS NOT NULL GROUP BY adjusts_id) r ON r.id = c.id
LEFT JOIN (SELECT commitment_id AS id, sum(amount_cents) AS cents FROM payments GROUP BY commitment_id) p ON p.id = c.id
LEFT JOIN interventions i ON i.id = c.intervention_id
WHERE c.kind = 'impegno';
INSERT INTO allocation_months (allocation_id, month, committed_cents, paid_cents)
SELECT allocation_id, month, sum(c), sum(p) FROM (
  SELECT allocation_id, substr(committed_on, 1, 7) AS month, amount_cents AS c, 0 AS p FROM commitments
  UNION ALL
  SELECT allocation_id, substr(paid_on, 1, 7), 0, amount_cents FROM payment_allocations
) GROUP BY allocation_id, month;
-- (no override to backfill: before this migration only the seed wrote money, and never with an override)
CREATE INDEX ix_payments_adjusts ON payments(adjusts_id) WHERE adjusts_id IS NOT NULL;

-- allocations: totals rows, never above the fund ---------------------------------------------------
CREATE TRIGGER tr_allocations_totals AFTER INSERT ON allocations BEGIN
  INSERT INTO allocation_totals (allocation_id) VALUES (NEW.id);
  SELECT RAISE(ABORT, 'La somma delle assegnazioni supera l’importo del fondo')
  WHERE (SELECT sum(a.amount_cents) FROM allocations a WHERE a.fund_id = NEW.fund_id) > (SELECT f.amount_cents FROM funds f WHERE f.id = NEW.fund_id);
END;
CREATE TRIGGER tr_allocations_amount AFTER UPDATE OF amount_cents, fund_id ON allocations BEGIN
  SELECT RAISE(ABORT, 'La somma delle assegnazioni supera l’importo del fondo')
  WHERE (SELECT sum(a.amount_cents) FROM allocations a WHERE a.fund_id = NEW.fund_id) > (SELECT f.amount_cents FROM funds f WHERE f.id = NEW.fund_id);
END;
CREATE TRIGGER tr_allocations_fixed BEFORE UPDATE OF fund_id, year, line_code ON allocations
WHEN EXISTS (SELECT 1 FROM commitments c WHERE c.allocation_id = OLD.id) BEGIN
  SELECT RAISE(ABORT, 'Un’assegnazione con impegni non può cambiare fondo, anno o voce');
END;
CREATE TRIGGER tr_allocations_delete AFTER DELETE ON allocations BEGIN
  DELETE FROM allocation_totals WHERE allocation_id = OLD.id;
  DELETE FROM allocation_months WHERE allocation_id = OLD.id;
END;
CREATE TRIGGER tr_funds_amount BEFORE UPDATE OF amount_cents ON funds
WHEN NEW.amount_cents < (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.fund_id = NEW.id) BEGIN
  SELECT RAISE(ABORT, 'L’importo del fondo non può scendere sotto quanto già assegnato');
END;

-- commitments (impegni): append-only, totals by trigger ---------------------------------------------
CREATE TRIGGER tr_commitments_check BEFORE INSERT ON commitments BEGIN
  SELECT RAISE(ABORT, 'Importo non valido: un impegno è positivo, riduzioni e annullamenti negativi, una rettifica diversa da zero')
  WHERE (NEW.kind = 'impegno' AND NEW.amount_cents <= 0) OR (NEW.kind IN ('riduzione', 'annullamento') AND NEW.amount_cents >= 0)
     OR NEW.amount_cents = 0 OR typeof(NEW.amount_cents) <> 'integer';
  SELECT RAISE(ABORT, 'Riduzioni, annullamenti e rettifiche devono riferirsi a un impegno della stessa assegnazione')
  WHERE NEW.kind <> 'impegno'
    AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.id = NEW.adjusts_id AND c.kind = 'impegno' AND c.allocation_id = NEW.allocation_id);
END;
CREATE TRIGGER tr_commitments_totals AFTER INSERT ON commitments BEGIN
  UPDATE allocation_totals SET committed_cents = committed_cents + NEW.amount_cents, commitment_rows = commitment_rows + 1
  WHERE allocation_id = NEW.allocation_id;
  INSERT OR IGNORE INTO allocation_months (allocation_id, month) VALUES (NEW.allocation_id, substr(NEW.committed_on, 1, 7));
  UPDATE allocation_months SET committed_cents = committed_cents + NEW.amount_cents
  WHERE allocation_id = NEW.allocation_id AND month = substr(NEW.committed_on, 1, 7);
  INSERT INTO commitment_totals (commitment_id, allocation_id, net_cents, person_id, company_id, intervention_id, instrument_code)
  SELECT NEW.id, NEW.allocation_id, NEW.amount_cents, NEW.person_id, NEW.company_id, NEW.intervention_id,
    (SELECT i.instrument_code FROM interventions i WHERE i.id = NEW.intervention_id)
  WHERE NEW.kind = 'impegno';
  UPDATE commitment_totals SET net_cents = net_cents + NEW.amount_cents WHERE NEW.kind <> 'impegno' AND commitment_id = NEW.adjusts_id;
END;
CREATE TRIGGER tr_commitments_links AFTER UPDATE OF person_id, company_id, intervention_id ON commitments WHEN NEW.kind = 'impegno' BEGIN
  UPDATE commitment_totals SET person_id = NEW.person_id, company_id = NEW.company_id, intervention_id = NEW.intervention_id,
    instrument_code = (SELECT i.instrument_code FROM interventions i WHERE i.id = NEW.intervention_id)
  WHERE commitment_id = NEW.id;
END;
CREATE TRIGGER tr_commitments_no_update BEFORE UPDATE OF id, allocation_id, kind, adjusts_id, amount_cents, committed_on, override_reason, created_at, created_by ON commitments BEGIN
  SELECT RAISE(ABORT, '${NO_EDIT}');
END;
CREATE TRIGGER tr_commitments_no_delete BEFORE DELETE ON commitments BEGIN
  SELECT RAISE(ABORT, '${NO_DELETE}');
END;

-- payments (liquidazioni): append-only, totals by trigger -------------------------------------------
CREATE TRIGGER tr_payments_check BEFORE INSERT ON payments BEGIN
  SELECT RAISE(ABORT, 'Importo non valido: una liquidazione è positiva, uno storno negativo, una rettifica diversa da zero')
  WHERE (NEW.kind = 'liquidazione' AND NEW.amount_cents <= 0) OR (NEW.kind = 'storno' AND NEW.amount_cents >= 0)
     OR NEW.amount_cents = 0 OR typeof(NEW.amount_cents) <> 'integer';
  SELECT RAISE(ABORT, 'Una liquidazione si registra su un impegno, non su una sua riduzione o rettifica')
  WHERE NOT EXISTS (SELECT 1 FROM commitment_totals t WHERE t.commitment_id = NEW.commitment_id);
  SELECT RAISE(ABORT, 'Storni e rettifiche devono riferirsi a una liquidazione dello stesso impegno')
  WHERE (NEW.kind = 'liquidazione' AND NEW.adjusts_id IS NOT NULL)
     OR (NEW.kind <> 'liquidazione' AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = NEW.adjusts_id AND p.kind = 'liquidazione' AND p.commitment_id = NEW.commitment_id));
END;
CREATE TRIGGER tr_payments_totals AFTER INSERT ON payments BEGIN
  UPDATE commitment_totals SET paid_cents = paid_cents + NEW.amount_cents WHERE commitment_id = NEW.commitment_id;
  INSERT INTO payment_allocations (allocation_id, paid_on, payment_id, amount_cents)
  VALUES (${allocationOf('NEW.commitment_id')}, NEW.paid_on, NEW.id, NEW.amount_cents);
  UPDATE allocation_totals SET paid_cents = paid_cents + NEW.amount_cents, payment_rows = payment_rows + 1
  WHERE allocation_id = ${allocationOf('NEW.commitment_id')};
  INSERT OR IGNORE INTO allocation_months (allocation_id, month) VALUES (${allocationOf('NEW.commitment_id')}, substr(NEW.paid_on, 1, 7));
  UPDATE allocation_months SET paid_cents = paid_cents + NEW.amount_cents
  WHERE allocation_id = ${allocationOf('NEW.commitment_id')} AND month = substr(NEW.paid_on, 1, 7);
END;
CREATE TRIGGER tr_payments_no_update BEFORE UPDATE OF id, commitment_id, kind, adjusts_id, amount_cents, paid_on, override_reason, created_at, created_by ON payments BEGIN
  SELECT RAISE(ABORT, '${NO_EDIT}');
END;
CREATE TRIGGER tr_payments_no_delete BEFORE DELETE ON payments BEGIN
  SELECT RAISE(ABORT, '${NO_DELETE}');
END;
CREATE TRIGGER tr_budget_overrides_no_update BEFORE UPDATE ON budget_overrides BEGIN
  SELECT RAISE(ABORT, 'Le deroghe registrate non si modificano');
END;
CREATE TRIGGER tr_budget_overrides_no_delete BEFORE DELETE ON budget_overrides BEGIN
  SELECT RAISE(ABORT, 'Le deroghe registrate non si cancellano');
END;
`);
    db.pragma(`cache_size = ${cacheSize}`);
    const insertFund = db.prepare(
      `INSERT INTO funds (code, name, donor_org_id, amount_cents, start_year, end_year, notes, created_at)
       VALUES (?, ?, (SELECT id FROM organisations WHERE code = ?), ?, 2017, 2020, ?, ?)`,
    );
    // The founding funds, on a database without any fund (the seed reuses them by code).
    const hasFunds = db.prepare('SELECT 1 FROM funds LIMIT 1').get() !== undefined;
    if (!hasFunds) {
      insertFund.run(
        'comune_bo_2017', 'Comune di Bologna – Insieme per il lavoro 2017–2020', 'comune_bo', 1_000_000_000,
        'Tirocini e inserimento, innovazione sociale, cultura tecnica, scuola-territorio', now,
      );
      insertFund.run('arcidiocesi_2017', 'Arcidiocesi di Bologna – Insieme per il lavoro 2017–2020', 'arcidiocesi_bo', 400_000_000, null, now);
    }
  },
};
