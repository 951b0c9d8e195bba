import { describe, expect, it } from 'vitest';
import { openSqlite } from './connection';
import { migrate, DatabaseTooNewError } from './migrate';
import { MIGRATIONS } from './migrations/index';

describe('migrations', () => {
  it('create the whole domain and record every migration once', () => {
    const db = openSqlite(':memory:');
    expect(migrate(db).applied).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrate(db).applied).toEqual([]);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['people', 'cases', 'case_status_history', 'assessment_templates', 'assessments', 'assessment_answers', 'companies', 'company_contacts', 'needs', 'interventions', 'pacts', 'funds', 'spending_lines', 'allocations', 'commitments', 'payments', 'users', 'audit_log', 'attachments']) {
      expect(tables).toContain(t);
    }
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('load the reference data: 55 comuni in 7 districts, 60% of the list in its place', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) n FROM comuni')).toBe(55);
    expect(count('SELECT count(DISTINCT district_code) n FROM comuni')).toBe(7);
    expect(count("SELECT count(*) n FROM comuni WHERE istat_code NOT LIKE '037___'")).toBe(0);
    expect(db.prepare("SELECT district_code FROM comuni WHERE name = 'Imola'").get()).toEqual({ district_code: 'IMO' });
    expect(count('SELECT count(*) n FROM ateco_sections')).toBe(21);
    expect(count('SELECT count(*) n FROM instruments')).toBe(6);
    expect(count("SELECT count(*) n FROM channels WHERE code IN ('modulo_online','casella_mail','caritas','servizi_sociali','sportello_lavoro','opimm','fomal','altro')")).toBe(8);
  });

  it('refuse a database written by a newer version', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('999_future', '2030-01-01')").run();
    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
    expect(() => migrate(db)).toThrow(/versione più recente/);
  });

  it('enforce money as integers and at most one open case per person', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    const now = '2024-01-01T00:00:00Z';
    db.prepare("INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code, created_at, updated_at) VALUES (1, 'Rossi', 'Mario', 'rossimario', 'M', 'RSSMRA85T10A562S', ?, ?)").run(now, now);
    const openCase = db.prepare("INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (1, 'caritas', '2024-01-01', 'iscritto', '2024-01-01', ?, ?)");
    openCase.run(now, now);
    expect(() => openCase.run(now, now)).toThrow(/UNIQUE/);
  });
});
