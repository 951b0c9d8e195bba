import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../connection';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const NOW = '2024-01-01T00:00:00Z';
const UP_TO = (last: string) => MIGRATIONS.filter((m) => m.id <= last);

/**
 * A database at 004 with a ledger written before 005 existed (as the seed did): two allocations of a
 * fund, commitments with a reduction and a correction, payments with a reversal, over two months.
 */
function ledgerBefore005(): BetterSqlite3.Database {
  const db = openSqlite(':memory:');
  migrate(db, UP_TO('004_birth_places_italy'));
  db.exec(`
INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, created_at, updated_at) VALUES (1, 'Rossi', 'Anna', 'rossianna', 'F', 'in attesa', '${NOW}', '${NOW}');
INSERT INTO cases (id, person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (1, 1, 'caritas', '2024-01-01', 'in_percorso', '2024-01-01', '${NOW}', '${NOW}');
INSERT INTO companies (id, name, name_key, vat_number, seat_city, created_at, updated_at) VALUES (5, 'Officine Srl', 'officine', '01234567890', 'Bologna', '${NOW}', '${NOW}');
INSERT INTO interventions (id, case_id, person_id, instrument_code, company_id, status, created_at, updated_at) VALUES (7, 1, 1, 'tirocinio', 5, 'attivo', '${NOW}', '${NOW}');
INSERT INTO funds (id, code, name, amount_cents, start_year, end_year, created_at) VALUES (1, 'f1', 'Fondo', 1000000, 2024, 2024, '${NOW}');
INSERT INTO allocations (id, fund_id, year, line_code, amount_cents, updated_at) VALUES (11, 1, 2024, 'tirocini_inserimento', 600000, '${NOW}');
INSERT INTO allocations (id, fund_id, year, line_code, amount_cents, updated_at) VALUES (12, 1, 2024, 'gestione', 100000, '${NOW}');
INSERT INTO commitments (id, allocation_id, kind, adjusts_id, amount_cents, committed_on, description, intervention_id, person_id, company_id, created_at) VALUES
  (100, 11, 'impegno', NULL, 300000, '2024-01-15', 'Tirocinio', 7, 1, 5, '${NOW}'),
  (101, 11, 'impegno', NULL, 50000, '2024-02-03', 'Corso', NULL, 1, NULL, '${NOW}'),
  (102, 11, 'riduzione', 100, -40000, '2024-02-20', 'Riduzione', NULL, NULL, NULL, '${NOW}'),
  (103, 11, 'rettifica', 101, 2500, '2024-02-21', 'Rettifica', NULL, NULL, NULL, '${NOW}'),
  (104, 12, 'impegno', NULL, 80000, '2024-02-01', 'Gestione', NULL, NULL, NULL, '${NOW}');
INSERT INTO payments (id, commitment_id, kind, adjusts_id, amount_cents, paid_on, payee, created_at) VALUES
  (200, 100, 'liquidazione', NULL, 45000, '2024-01-31', 'Anna Rossi', '${NOW}'),
  (201, 100, 'liquidazione', NULL, 45000, '2024-02-29', 'Anna Rossi', '${NOW}'),
  (202, 100, 'storno', 201, -45000, '2024-03-01', 'Anna Rossi', '${NOW}'),
  (203, 104, 'liquidazione', NULL, 80000, '2024-02-10', 'Studio Bianchi', '${NOW}');
`);
  return db;
}

describe('migration 005: running budget totals filled from the ledger already there', () => {
  it('fills the totals per allocation, per commitment and per month, and the payments by allocation', () => {
    const db = ledgerBefore005();
    expect(migrate(db, UP_TO('005_budget_totals')).applied).toEqual(['005_budget_totals']);
    expect(db.prepare('SELECT * FROM allocation_totals ORDER BY allocation_id').all()).toEqual([
      { allocation_id: 11, committed_cents: 312500, paid_cents: 45000, commitment_rows: 4, payment_rows: 3 },
      { allocation_id: 12, committed_cents: 80000, paid_cents: 80000, commitment_rows: 1, payment_rows: 1 },
    ]);
    expect(db.prepare('SELECT * FROM commitment_totals ORDER BY commitment_id').all()).toEqual([
      { commitment_id: 100, allocation_id: 11, net_cents: 260000, paid_cents: 45000, person_id: 1, company_id: 5, intervention_id: 7, instrument_code: 'tirocinio' },
      { commitment_id: 101, allocation_id: 11, net_cents: 52500, paid_cents: 0, person_id: 1, company_id: null, intervention_id: null, instrument_code: null },
      { commitment_id: 104, allocation_id: 12, net_cents: 80000, paid_cents: 80000, person_id: null, company_id: null, intervention_id: null, instrument_code: null },
    ]);
    expect(db.prepare('SELECT * FROM allocation_months ORDER BY allocation_id, month').all()).toEqual([
      { allocation_id: 11, month: '2024-01', committed_cents: 300000, paid_cents: 45000 },
      { allocation_id: 11, month: '2024-02', committed_cents: 12500, paid_cents: 45000 },
      { allocation_id: 11, month: '2024-03', committed_cents: 0, paid_cents: -45000 },
      { allocation_id: 12, month: '2024-02', committed_cents: 80000, paid_cents: 80000 },
    ]);
    expect(db.prepare('SELECT * FROM payment_allocations').all()).toEqual([
      { allocation_id: 11, paid_on: '2024-01-31', payment_id: 200, amount_cents: 45000 },
      { allocation_id: 11, paid_on: '2024-02-29', payment_id: 201, amount_cents: 45000 },
      { allocation_id: 11, paid_on: '2024-03-01', payment_id: 202, amount_cents: -45000 },
      { allocation_id: 12, paid_on: '2024-02-10', payment_id: 203, amount_cents: 80000 },
    ]);
    // the founding funds go only into a database without funds
    expect(db.prepare('SELECT code FROM funds').all()).toEqual([{ code: 'f1' }]);
  });

  it('goes on from the filled totals through its triggers, and the rest of the chain keeps them', () => {
    const db = ledgerBefore005();
    migrate(db);
    db.prepare("INSERT INTO payments (commitment_id, kind, amount_cents, paid_on, payee, created_at) VALUES (101, 'liquidazione', 2500, '2024-03-05', 'Ente', ?)").run(NOW);
    expect(db.prepare('SELECT committed_cents, paid_cents, payment_rows FROM allocation_totals WHERE allocation_id = 11').get()).toEqual({
      committed_cents: 312500, paid_cents: 47500, payment_rows: 4,
    });
    expect(db.prepare('SELECT net_cents, paid_cents FROM commitment_totals WHERE commitment_id = 101').get()).toEqual({ net_cents: 52500, paid_cents: 2500 });
    expect(db.prepare("SELECT paid_cents FROM allocation_months WHERE allocation_id = 11 AND month = '2024-03'").get()).toEqual({ paid_cents: -42500 });
  });

  it('gives a database without funds the two founding funds', () => {
    const db = openSqlite(':memory:');
    migrate(db, UP_TO('005_budget_totals'));
    expect(db.prepare('SELECT code, amount_cents FROM funds ORDER BY id').all()).toEqual([
      { code: 'comune_bo_2017', amount_cents: 1_000_000_000 },
      { code: 'arcidiocesi_2017', amount_cents: 400_000_000 },
    ]);
    expect(db.prepare('SELECT count(*) n FROM allocation_totals').get()).toEqual({ n: 0 });
  });
});
