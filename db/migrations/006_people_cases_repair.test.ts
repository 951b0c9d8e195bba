import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../connection';
import { migrate, migrationVersion } from '../migrate';
import { MIGRATIONS } from './index';
import { repairPeopleCases } from './006_people_cases_repair';

/*
 * Fixture: the SQL of the FIRST 003 as it landed in commit ff4813e (before ede5deb edited it), i.e.
 * what databases migrated between those two commits ran. History, not a migration.
 */
const FIRST_003_CURRENT_CASE = `(SELECT c.id FROM cases c WHERE c.person_id = people.id
    ORDER BY c.closed_on IS NOT NULL, c.application_date DESC, c.id DESC LIMIT 1)`;
const FIRST_003_SQL = `
ALTER TABLE people ADD COLUMN current_case_id INTEGER REFERENCES cases(id);
UPDATE people SET current_case_id = ${FIRST_003_CURRENT_CASE};

CREATE TRIGGER tr_cases_current_insert AFTER INSERT ON cases BEGIN
  UPDATE people SET current_case_id = ${FIRST_003_CURRENT_CASE} WHERE id = NEW.person_id;
END;
CREATE TRIGGER tr_cases_current_update AFTER UPDATE OF person_id, application_date, closed_on ON cases BEGIN
  UPDATE people SET current_case_id = ${FIRST_003_CURRENT_CASE} WHERE id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER tr_cases_current_delete AFTER DELETE ON cases BEGIN
  UPDATE people SET current_case_id = ${FIRST_003_CURRENT_CASE} WHERE id = OLD.person_id;
END;

CREATE INDEX ix_people_current_case ON people(current_case_id, merged_into_id, domicile_istat, last_name, first_name, birth_date);
CREATE INDEX ix_people_phone_digits ON people(replace(phone, ' ', '')) WHERE phone IS NOT NULL;
CREATE INDEX ix_cases_status_date ON cases(status_date);
CREATE INDEX ix_cases_without_interview ON cases(application_date) WHERE first_interview_date IS NULL AND closed_on IS NULL;
DROP INDEX ix_assessments_case;
CREATE INDEX ix_assessments_case_latest ON assessments(case_id, assessed_on, id, band);
`;

const NOW = '2024-01-01T00:00:00Z';
const byId = (id: string) => MIGRATIONS.find((m) => m.id === id)!;
const WITHOUT_006 = MIGRATIONS.filter((m) => m.id !== '006_people_cases_repair');

/** A database as the first 003 left it: 001, 002 and that 003 recorded, user_version as then (the count). */
function firstThreeDatabase(): BetterSqlite3.Database {
  const db = openSqlite(':memory:');
  migrate(db, [byId('001_domain'), byId('002_reference_data')]);
  db.transaction(() => {
    db.exec(FIRST_003_SQL);
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('003_people_cases', ?)").run(NOW);
  })();
  db.pragma('user_version = 3');
  return db;
}

function addPerson(db: BetterSqlite3.Database, id: number, domicile: { istat?: string; city?: string } = {}): void {
  db.prepare(
    `INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, domicile_istat, outside_metro, outside_metro_city, created_at, updated_at)
     VALUES (?, 'Rossi', 'Anna', 'rossianna', 'F', 'in attesa', ?, ?, ?, ?, ?)`,
  ).run(id, domicile.istat ?? null, domicile.city ? 1 : 0, domicile.city ?? null, NOW, NOW);
}
function addCase(db: BetterSqlite3.Database, id: number, personId: number, applied: string, closedOn: string | null): void {
  db.prepare(
    "INSERT INTO cases (id, person_id, channel_code, application_date, status, status_date, closed_on, created_at, updated_at) VALUES (?, ?, 'caritas', ?, ?, ?, ?, ?, ?)",
  ).run(id, personId, applied, closedOn ? 'concluso' : 'iscritto', applied, closedOn, NOW, NOW);
}
function addAssessment(db: BetterSqlite3.Database, id: number, caseId: number, personId: number, on: string, band: string): void {
  db.prepare(
    "INSERT INTO assessments (id, case_id, person_id, template_id, assessed_on, total_points, band, fragile_above, strong_below, created_at) VALUES (?, ?, ?, 1, ?, 20, ?, 30, 11, ?)",
  ).run(id, caseId, personId, on, band, NOW);
}
const people = (db: BetterSqlite3.Database) =>
  db.prepare('SELECT id, current_case_id, current_band, domicile_name FROM people ORDER BY id').all();

/** The whole schema: every object of sqlite_master with its text, and the columns of every table. */
function schemaOf(db: BetterSqlite3.Database) {
  const objects = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as { type: string; name: string }[];
  const columns = objects
    .filter((o) => o.type === 'table')
    .map((t) => ({ table: t.name, columns: db.prepare('SELECT cid, name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)').all(t.name) }));
  const indexColumns = objects
    .filter((o) => o.type === 'index')
    .map((i) => ({ index: i.name, columns: db.prepare('SELECT seqno, cid, name, "desc", coll, "key" FROM pragma_index_xinfo(?)').all(i.name) }));
  return { objects, columns, indexColumns };
}

/** People with every kind of current case, assessments and domicile, written while only the first 003 ran. */
function withData(db: BetterSqlite3.Database): void {
  db.prepare("INSERT INTO assessment_templates (id, code, version, title, definition_json, created_at) VALUES (1, 'lr14', 1, 'Profilo', '{}', ?)").run(NOW);
  addPerson(db, 1, { istat: '037032' }); // Imola; an open case assessed twice, an older closed one
  addPerson(db, 2, { city: 'Modena' }); // outside the metro area; two closed cases, the latest never assessed
  addPerson(db, 3); // no case, no domicile
  addPerson(db, 4, { istat: '037006' }); // Bologna; one open case assessed 'fragile'
  addCase(db, 10, 1, '2019-01-01', null);
  addCase(db, 11, 1, '2023-01-01', '2023-06-01');
  addCase(db, 20, 2, '2019-01-01', '2019-06-01');
  addCase(db, 21, 2, '2021-01-01', '2021-06-01');
  addCase(db, 40, 4, '2022-05-01', null);
  addAssessment(db, 1, 10, 1, '2019-02-01', 'forte');
  addAssessment(db, 2, 10, 1, '2019-03-01', 'target');
  addAssessment(db, 3, 11, 1, '2023-02-01', 'fragile');
  addAssessment(db, 4, 20, 2, '2019-02-01', 'fragile');
  addAssessment(db, 5, 40, 4, '2022-06-01', 'fragile');
}

describe('migration 006: repair of a database migrated with the first 003', () => {
  it('cannot go past 007 without the repair (007 indexes current_band)', () => {
    const db = firstThreeDatabase();
    expect(() => migrate(db, WITHOUT_006)).toThrow(/current_band/);
  });

  it('reaches the very schema of a new database: tables, columns, indexes and triggers', () => {
    const old = firstThreeDatabase();
    withData(old);
    const today003 = openSqlite(':memory:');
    migrate(today003, MIGRATIONS.slice(0, 3));
    expect(schemaOf(old)).not.toEqual(schemaOf(today003));
    expect(migrate(old).applied).toEqual(MIGRATIONS.map((m) => m.id).filter((id) => id >= '004'));
    // a new database: 006 left out, so that 003 alone writes what the repair must match
    const fresh = openSqlite(':memory:');
    migrate(fresh, WITHOUT_006);
    expect(schemaOf(old)).toEqual(schemaOf(fresh));
    expect(old.pragma('user_version', { simple: true })).toBe(migrationVersion(MIGRATIONS.at(-1)!.id));
    expect(old.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(old.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
  });

  it('fills current band and comune of domicile for the people already there', () => {
    const old = firstThreeDatabase();
    withData(old);
    migrate(old);
    expect(people(old)).toEqual([
      { id: 1, current_case_id: 10, current_band: 'target', domicile_name: 'Imola' },
      { id: 2, current_case_id: 21, current_band: null, domicile_name: 'Modena' },
      { id: 3, current_case_id: null, current_band: null, domicile_name: null },
      { id: 4, current_case_id: 40, current_band: 'fragile', domicile_name: 'Bologna' },
    ]);
    // and the triggers keep them from now on
    addAssessment(old, 6, 10, 1, '2020-01-01', 'fragile');
    old.prepare("UPDATE people SET domicile_istat = '037006' WHERE id = 1").run();
    old.prepare("UPDATE cases SET status = 'concluso', closed_on = '2022-12-01' WHERE id = 40").run();
    addCase(old, 41, 4, '2024-01-01', null);
    expect(people(old).slice(0, 1)).toEqual([{ id: 1, current_case_id: 10, current_band: 'fragile', domicile_name: 'Bologna' }]);
    expect(people(old).slice(3)).toEqual([{ id: 4, current_case_id: 41, current_band: null, domicile_name: 'Bologna' }]);
  });

  it('changes nothing on a database made with today’s 003, and nothing the second time', () => {
    const fresh = openSqlite(':memory:');
    migrate(fresh, WITHOUT_006);
    const before = schemaOf(fresh);
    expect(repairPeopleCases(fresh)).toBe(false);
    expect(schemaOf(fresh)).toEqual(before);

    const old = firstThreeDatabase();
    expect(repairPeopleCases(old)).toBe(true);
    expect(repairPeopleCases(old)).toBe(false);
  });

  it('puts back a single trigger that went missing, and refills the values it kept', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    db.exec('DROP TRIGGER tr_people_domicile_insert');
    addPerson(db, 1, { istat: '037032' });
    expect(people(db)).toEqual([{ id: 1, current_case_id: null, current_band: null, domicile_name: null }]);
    expect(repairPeopleCases(db)).toBe(true);
    expect(people(db)).toEqual([{ id: 1, current_case_id: null, current_band: null, domicile_name: 'Imola' }]);
    addPerson(db, 2, { istat: '037006' });
    expect(people(db)[1]).toEqual({ id: 2, current_case_id: null, current_band: null, domicile_name: 'Bologna' });
  });
});
