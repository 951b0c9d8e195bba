import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../connection';
import { m001_domain } from './001_domain';
import { m002_reference_data } from './002_reference_data';
import { m003_people_cases } from './003_people_cases';

const NOW = '2024-01-01T00:00:00Z';

function addPerson(db: BetterSqlite3.Database, id: number): void {
  db.prepare("INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, created_at, updated_at) VALUES (?, 'Rossi', 'Anna', 'rossianna', 'F', 'in attesa', ?, ?)").run(id, NOW, NOW);
}
function addCase(db: BetterSqlite3.Database, id: number, personId: number, applied: string, closedOn: string | null): void {
  db.prepare(
    "INSERT INTO cases (id, person_id, channel_code, application_date, status, status_date, closed_on, created_at, updated_at) VALUES (?, ?, 'caritas', ?, ?, ?, ?, ?, ?)",
  ).run(id, personId, applied, closedOn ? 'concluso' : 'iscritto', applied, closedOn, NOW, NOW);
}
const current = (db: BetterSqlite3.Database, personId: number) =>
  (db.prepare('SELECT current_case_id AS id FROM people WHERE id = ?').get(personId) as { id: number | null }).id;

describe('migration 003: the current case of each person', () => {
  it('is filled in for existing data: the open case, else the latest, else none', () => {
    const db = openSqlite(':memory:');
    m001_domain.up(db);
    m002_reference_data.up(db);
    for (const id of [1, 2, 3]) addPerson(db, id);
    addCase(db, 10, 1, '2019-01-01', null); // open, though older than the closed one below
    addCase(db, 11, 1, '2023-01-01', '2023-06-01');
    addCase(db, 20, 2, '2019-01-01', '2019-06-01');
    addCase(db, 21, 2, '2021-01-01', '2021-06-01');
    m003_people_cases.up(db);
    expect([current(db, 1), current(db, 2), current(db, 3)]).toEqual([10, 21, null]);
  });

  it('is kept by triggers when cases are added, closed, moved to another person and deleted', () => {
    const db = openSqlite(':memory:');
    m001_domain.up(db);
    m002_reference_data.up(db);
    m003_people_cases.up(db);
    addPerson(db, 1);
    addPerson(db, 2);
    expect(current(db, 1)).toBeNull();

    addCase(db, 10, 1, '2020-01-01', null);
    expect(current(db, 1)).toBe(10);
    db.prepare("UPDATE cases SET status = 'concluso', closed_on = '2020-05-01' WHERE id = 10").run();
    addCase(db, 11, 1, '2018-01-01', '2018-02-01'); // an older closed case does not take over
    expect(current(db, 1)).toBe(10);
    addCase(db, 12, 1, '2022-01-01', null);
    expect(current(db, 1)).toBe(12);

    // a merge moves the cases: both people are recomputed
    addCase(db, 20, 2, '2023-01-01', '2023-03-01');
    db.prepare('UPDATE cases SET person_id = 1 WHERE person_id = 2').run();
    expect([current(db, 1), current(db, 2)]).toEqual([12, null]);
    db.prepare("UPDATE cases SET status = 'concluso', closed_on = '2022-06-01' WHERE id = 12").run();
    expect(current(db, 1)).toBe(20);

    db.prepare('DELETE FROM cases WHERE id = 20').run();
    expect(current(db, 1)).toBe(12);
    db.prepare('DELETE FROM cases').run();
    expect(current(db, 1)).toBeNull();
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});
