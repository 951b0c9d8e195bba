import { describe, expect, it } from 'vitest';
import { openSqlite } from '../connection';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const NOW = '2024-01-01T00:00:00Z';

describe('migration 012: privacy notices and signatures', () => {
  it('loads the two notices of the programme, in force from the start and from the GDPR', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    const notices = db.prepare('SELECT id, version, valid_from, created_by, text FROM privacy_notices ORDER BY valid_from').all() as { id: number; version: string; valid_from: string; created_by: null; text: string }[];
    expect(notices.map(({ text: _text, ...n }) => n)).toEqual([
      { id: 1, version: '2017-05', valid_from: '2017-05-22', created_by: null },
      { id: 2, version: '2018-05', valid_from: '2018-05-25', created_by: null },
    ]);
    expect(notices[0]!.text).toContain('D.Lgs. 30 giugno 2003, n. 196');
    expect(notices[1]!.text).toContain('Regolamento UE 2016/679');
    expect(notices[1]!.text).toContain('Garante per la protezione dei dati personali');
    const columns = (db.prepare('PRAGMA table_info(people)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('privacy_missing_reason');
    expect(columns).not.toContain('privacy_accepted_on');
    expect(columns).not.toContain('privacy_version');
  });

  it('moves the signatures recorded on people into the history: the version of that name, else the one in force that day', () => {
    // a database that ran 011, 013 and 014 but not this one (they landed first); later migrations are not its concern
    const upTo014 = MIGRATIONS.filter((m) => m.id <= '014_audit_index');
    const db = openSqlite(':memory:');
    migrate(db, upTo014.filter((m) => m.id !== '012_privacy'));
    const insert = db.prepare(
      `INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, privacy_accepted_on, privacy_version, created_at, updated_at)
       VALUES (?, 'Rossi', 'Anna', 'rossianna', 'F', 'in attesa', ?, ?, ?, ?)`,
    );
    insert.run(1, '2018-01-10', '2018-05', '2018-01-10T09:00:00Z', NOW); // the name wins over the day
    insert.run(2, '2019-03-01', '2024-01', '2019-03-01T09:00:00Z', NOW); // a name no notice has: the day decides
    insert.run(3, '2017-06-01', 'informativa-2017', '2017-06-01T09:00:00Z', NOW);
    insert.run(4, '2016-02-01', null, '2016-02-01T09:00:00Z', NOW); // before any notice: the first one
    insert.run(5, null, '2018-05', '2020-01-01T09:00:00Z', NOW); // a version without a day was never signed
    expect(migrate(db, upTo014).applied).toEqual(['012_privacy']);

    expect(db.prepare('SELECT person_id, notice_id, acknowledged_on, recorded_by, created_at FROM privacy_acknowledgements ORDER BY person_id').all()).toEqual([
      { person_id: 1, notice_id: 2, acknowledged_on: '2018-01-10', recorded_by: null, created_at: '2018-01-10T09:00:00Z' },
      { person_id: 2, notice_id: 2, acknowledged_on: '2019-03-01', recorded_by: null, created_at: '2019-03-01T09:00:00Z' },
      { person_id: 3, notice_id: 1, acknowledged_on: '2017-06-01', recorded_by: null, created_at: '2017-06-01T09:00:00Z' },
      { person_id: 4, notice_id: 1, acknowledged_on: '2016-02-01', recorded_by: null, created_at: '2016-02-01T09:00:00Z' },
    ]);
    expect(db.prepare('SELECT count(*) n FROM people WHERE privacy_missing_reason IS NOT NULL').get()).toEqual({ n: 0 });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(14);
  });

  it('keeps a person’s signatures with the person: deleting the person deletes them', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    db.prepare("INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, created_at, updated_at) VALUES (1, 'Neri', 'Ugo', 'neriugo', 'M', 'x', ?, ?)").run(NOW, NOW);
    db.prepare("INSERT INTO privacy_acknowledgements (person_id, notice_id, acknowledged_on, created_at) VALUES (1, 2, '2024-01-01', ?)").run(NOW);
    expect(() => db.prepare("INSERT INTO privacy_acknowledgements (person_id, notice_id, acknowledged_on, created_at) VALUES (1, 99, '2024-01-01', ?)").run(NOW)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM people WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) n FROM privacy_acknowledgements').get()).toEqual({ n: 0 });
  });
});
