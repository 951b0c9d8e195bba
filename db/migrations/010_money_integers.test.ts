import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../connection';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const NOW = '2024-01-01T00:00:00Z';
const BEFORE_010 = MIGRATIONS.filter((m) => m.id < '010');
/** Up to 010 only: later migrations add their own indexes. */
const UP_TO_010 = MIGRATIONS.filter((m) => m.id <= '010_money_integers');
const MONEY_TABLES = ['interventions', 'funds', 'allocations', 'commitments', 'payments', 'allocation_totals', 'commitment_totals', 'allocation_months', 'budget_overrides', 'payment_allocations'];

/** A database at 009 with a fund, its ledger (adjustments, an override) and an intervention, written through the triggers. */
function ledgerDatabase(): BetterSqlite3.Database {
  const db = openSqlite(':memory:');
  migrate(db, BEFORE_010);
  db.exec(`
INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, created_at, updated_at) VALUES (1, 'Rossi', 'Anna', 'rossianna', 'F', 'in attesa', '${NOW}', '${NOW}');
INSERT INTO cases (id, person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (1, 1, 'caritas', '2024-01-01', 'in_percorso', '2024-01-01', '${NOW}', '${NOW}');
INSERT INTO interventions (id, case_id, person_id, instrument_code, status, start_date, monthly_indemnity_cents, grant_cents, created_at, updated_at)
  VALUES (1, 1, 1, 'tirocinio', 'attivo', '2024-02-01', 45000, NULL, '${NOW}', '${NOW}');
INSERT INTO funds (id, code, name, amount_cents, start_year, end_year, created_at) VALUES (10, 'f10', 'Fondo prova', 1000000, 2024, 2024, '${NOW}');
INSERT INTO allocations (id, fund_id, year, line_code, amount_cents, updated_at) VALUES (20, 10, 2024, 'tirocini_inserimento', 500000, '${NOW}');
INSERT INTO commitments (id, allocation_id, kind, amount_cents, committed_on, description, intervention_id, person_id, created_at) VALUES (30, 20, 'impegno', 270000, '2024-02-01', 'Tirocinio', 1, 1, '${NOW}');
INSERT INTO commitments (id, allocation_id, kind, adjusts_id, amount_cents, committed_on, description, created_at) VALUES (31, 20, 'riduzione', 30, -20000, '2024-03-10', 'Riduzione', '${NOW}');
INSERT INTO payments (id, commitment_id, kind, amount_cents, paid_on, payee, created_at) VALUES (40, 30, 'liquidazione', 45000, '2024-03-01', 'Anna Rossi', '${NOW}');
INSERT INTO payments (id, commitment_id, kind, adjusts_id, amount_cents, paid_on, payee, created_at) VALUES (41, 30, 'storno', 40, -5000, '2024-04-01', 'Anna Rossi', '${NOW}');
INSERT INTO budget_overrides (source, entry_id, commitment_id, allocation_id, left_before_cents, excess_cents, reason, created_at) VALUES ('liquidazione', 40, 30, 20, 40000, 5000, 'urgenza', '${NOW}');
`);
  return db;
}

const rows = (db: BetterSqlite3.Database) => Object.fromEntries(MONEY_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]));
const objects = (db: BetterSqlite3.Database, type: string) =>
  db.prepare('SELECT name, tbl_name, sql FROM sqlite_master WHERE type = ? ORDER BY name').all(type);

describe('migration 010: money columns refuse non-integers', () => {
  it('rebuilds the money tables keeping every row, index and trigger', () => {
    const db = ledgerDatabase();
    const before = { rows: rows(db), triggers: objects(db, 'trigger'), indexes: objects(db, 'index') };
    expect(migrate(db, UP_TO_010).applied).toEqual(['010_money_integers']);
    expect(rows(db)).toEqual(before.rows);
    expect(objects(db, 'trigger')).toEqual(before.triggers);
    expect(objects(db, 'index')).toEqual(before.indexes);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name LIKE 'new\\_%' ESCAPE '\\'").get()).toEqual({ n: 0 });
  });

  it('keeps the ledger append-only and the totals kept by triggers after the rebuild', () => {
    const db = ledgerDatabase();
    migrate(db, UP_TO_010);
    expect(() => db.prepare('UPDATE commitments SET amount_cents = 1 WHERE id = 30').run()).toThrow(/non si modificano/);
    expect(() => db.prepare('DELETE FROM payments WHERE id = 40').run()).toThrow(/non si cancellano/);
    expect(() => db.prepare('DELETE FROM budget_overrides').run()).toThrow(/non si cancellano/);
    expect(() => db.prepare('UPDATE allocations SET amount_cents = 2000000 WHERE id = 20').run()).toThrow(/supera l’importo del fondo/);
    db.prepare("INSERT INTO payments (commitment_id, kind, amount_cents, paid_on, payee, created_at) VALUES (30, 'liquidazione', 10000, '2024-05-02', 'Anna Rossi', ?)").run(NOW);
    expect(db.prepare('SELECT committed_cents, paid_cents, commitment_rows, payment_rows FROM allocation_totals WHERE allocation_id = 20').get()).toEqual({
      committed_cents: 250000, paid_cents: 50000, commitment_rows: 2, payment_rows: 3,
    });
    expect(db.prepare('SELECT net_cents, paid_cents, instrument_code FROM commitment_totals WHERE commitment_id = 30').get()).toEqual({
      net_cents: 250000, paid_cents: 50000, instrument_code: 'tirocinio',
    });
    expect(db.prepare("SELECT paid_cents FROM allocation_months WHERE allocation_id = 20 AND month = '2024-05'").get()).toEqual({ paid_cents: 10000 });
    // the people-list triggers of 003, whose tables were not rebuilt, still work too
    db.prepare("UPDATE cases SET status = 'concluso', closed_on = '2024-06-01' WHERE id = 1").run();
    expect(db.prepare('SELECT current_case_id FROM people WHERE id = 1').get()).toEqual({ current_case_id: 1 });
  });

  it('rounds a fractional cent already stored to the nearest cent, writing each change in the audit log', () => {
    const db = ledgerDatabase();
    db.prepare('UPDATE funds SET amount_cents = 1250000.5 WHERE id = 10').run();
    db.prepare('UPDATE interventions SET grant_cents = 99.4 WHERE id = 1').run();
    expect(db.prepare('SELECT typeof(amount_cents) t FROM funds WHERE id = 10').get()).toEqual({ t: 'real' });
    migrate(db, UP_TO_010);
    expect(db.prepare('SELECT amount_cents, typeof(amount_cents) t FROM funds WHERE id = 10').get()).toEqual({ amount_cents: 1250001, t: 'integer' });
    expect(db.prepare('SELECT grant_cents, monthly_indemnity_cents FROM interventions WHERE id = 1').get()).toEqual({ grant_cents: 99, monthly_indemnity_cents: 45000 });
    expect(db.prepare("SELECT entity, entity_id, before_json, after_json FROM audit_log WHERE action = 'arrotondamento' ORDER BY id").all()).toEqual([
      { entity: 'interventions', entity_id: '1', before_json: '{"grant_cents":99.4}', after_json: '{"grant_cents":99}' },
      { entity: 'funds', entity_id: '10', before_json: '{"amount_cents":1250000.5}', after_json: '{"amount_cents":1250001}' },
    ]);
  });

  it('stops, leaving the database as it was, on a money value that is not a number', () => {
    const db = ledgerDatabase();
    db.prepare("UPDATE interventions SET grant_cents = '12,50' WHERE id = 1").run();
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();
    expect(() => migrate(db, UP_TO_010)).toThrow(/interventions\.grant_cents: centesimi interi/);
    expect(db.prepare("SELECT count(*) n FROM schema_migrations WHERE id = '010_money_integers'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all()).toEqual(schema);
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
