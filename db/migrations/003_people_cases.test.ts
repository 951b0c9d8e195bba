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
function addTemplate(db: BetterSqlite3.Database): void {
  db.prepare("INSERT INTO assessment_templates (id, code, version, title, definition_json, created_at) VALUES (1, 'lr14', 1, 'Profilo', '{}', ?)").run(NOW);
}
function addAssessment(db: BetterSqlite3.Database, id: number, caseId: number, personId: number, on: string, band: string): void {
  db.prepare(
    "INSERT INTO assessments (id, case_id, person_id, template_id, assessed_on, total_points, band, fragile_above, strong_below, created_at) VALUES (?, ?, ?, 1, ?, 20, ?, 30, 11, ?)",
  ).run(id, caseId, personId, on, band, NOW);
}
const band = (db: BetterSqlite3.Database, personId: number) =>
  (db.prepare('SELECT current_band AS band FROM people WHERE id = ?').get(personId) as { band: string | null }).band;
const domicileName = (db: BetterSqlite3.Database, personId: number) =>
  (db.prepare('SELECT domicile_name AS name FROM people WHERE id = ?').get(personId) as { name: string | null }).name;

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
    addTemplate(db);
    addAssessment(db, 1, 10, 1, '2019-02-01', 'forte');
    addAssessment(db, 2, 10, 1, '2019-03-01', 'target');
    addAssessment(db, 3, 11, 1, '2023-02-01', 'fragile');
    addAssessment(db, 4, 20, 2, '2019-02-01', 'fragile');
    db.prepare("UPDATE people SET domicile_istat = '037032' WHERE id = 1").run();
    db.prepare("UPDATE people SET outside_metro = 1, outside_metro_city = 'Modena' WHERE id = 2").run();
    m003_people_cases.up(db);
    expect([current(db, 1), current(db, 2), current(db, 3)]).toEqual([10, 21, null]);
    // the latest assessment of the current case; none for a current case never assessed
    expect([band(db, 1), band(db, 2), band(db, 3)]).toEqual(['target', null, null]);
    expect([domicileName(db, 1), domicileName(db, 2), domicileName(db, 3)]).toEqual(['Imola', 'Modena', null]);
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

  it('keeps the band of the current case’s latest assessment as assessments and cases change', () => {
    const db = openSqlite(':memory:');
    m001_domain.up(db);
    m002_reference_data.up(db);
    m003_people_cases.up(db);
    addTemplate(db);
    addPerson(db, 1);
    addPerson(db, 2);
    addCase(db, 10, 1, '2020-01-01', null);
    expect(band(db, 1)).toBeNull();
    addAssessment(db, 1, 10, 1, '2020-02-01', 'target');
    expect(band(db, 1)).toBe('target');
    addAssessment(db, 2, 10, 1, '2020-01-20', 'fragile'); // an earlier date does not take over
    expect(band(db, 1)).toBe('target');
    db.prepare("UPDATE assessments SET assessed_on = '2020-03-01' WHERE id = 2").run();
    expect(band(db, 1)).toBe('fragile');
    db.prepare("UPDATE assessments SET band = 'forte' WHERE id = 2").run();
    expect(band(db, 1)).toBe('forte');
    db.prepare('DELETE FROM assessments WHERE id = 2').run();
    expect(band(db, 1)).toBe('target');

    // a new case is not assessed yet; closing it brings back the latest one, not the older assessed case
    db.prepare("UPDATE cases SET status = 'concluso', closed_on = '2020-06-01' WHERE id = 10").run();
    addCase(db, 11, 1, '2022-01-01', null);
    expect(band(db, 1)).toBeNull();
    addAssessment(db, 3, 11, 1, '2022-02-01', 'fragile');
    expect(band(db, 1)).toBe('fragile');

    // a merge moves the cases and their assessments
    addCase(db, 20, 2, '2023-01-01', '2023-03-01');
    addAssessment(db, 4, 20, 2, '2023-01-20', 'forte');
    expect(band(db, 2)).toBe('forte');
    db.prepare("UPDATE cases SET status = 'concluso', closed_on = '2022-06-01' WHERE id = 11").run();
    db.prepare('UPDATE cases SET person_id = 1 WHERE person_id = 2').run();
    expect([current(db, 1), band(db, 1), current(db, 2), band(db, 2)]).toEqual([20, 'forte', null, null]);
    db.prepare('UPDATE assessments SET case_id = 11 WHERE id = 4').run();
    expect(band(db, 1)).toBeNull();
    db.prepare('DELETE FROM assessments WHERE case_id = 20').run();
    db.prepare('DELETE FROM cases WHERE id = 20').run();
    expect([current(db, 1), band(db, 1)]).toEqual([11, 'forte']);
  });

  it('keeps the name of the comune of domicile, or of the city outside the metro area', () => {
    const db = openSqlite(':memory:');
    m001_domain.up(db);
    m002_reference_data.up(db);
    m003_people_cases.up(db);
    addPerson(db, 1);
    expect(domicileName(db, 1)).toBeNull();
    db.prepare(
      "INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, domicile_istat, created_at, updated_at) VALUES (2, 'Bianchi', 'Luca', 'bianchiluca', 'M', 'in attesa', '037006', ?, ?)",
    ).run(NOW, NOW);
    expect(domicileName(db, 2)).toBe('Bologna');
    db.prepare("UPDATE people SET domicile_istat = '037032' WHERE id = 2").run();
    expect(domicileName(db, 2)).toBe('Imola');
    db.prepare("UPDATE people SET domicile_istat = NULL, outside_metro = 1, outside_metro_city = 'Ferrara' WHERE id = 2").run();
    expect(domicileName(db, 2)).toBe('Ferrara');
    db.prepare('UPDATE people SET outside_metro = 0, outside_metro_city = NULL WHERE id = 2').run();
    expect(domicileName(db, 2)).toBeNull();

    // a writer may give the name; a wrong one is put right
    const insert = db.prepare(
      "INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, domicile_istat, domicile_name, created_at, updated_at) VALUES (?, 'Verdi', 'Ada', 'verdiada', 'F', 'in attesa', '037006', ?, ?, ?)",
    );
    insert.run(3, 'Bologna', NOW, NOW);
    insert.run(4, 'Imola', NOW, NOW);
    expect([domicileName(db, 3), domicileName(db, 4)]).toEqual(['Bologna', 'Bologna']);
    db.prepare("UPDATE people SET domicile_name = 'BOLOGNA' WHERE id = 3").run();
    expect(domicileName(db, 3)).toBe('Bologna');
  });
});
