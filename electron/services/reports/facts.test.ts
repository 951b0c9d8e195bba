import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../../testing/tempDb';
import { decodePersonKey, FACT_SQL, interviewOutcome, OUTSIDE_METRO_CODE } from './facts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
});
afterAll(async () => {
  await t.cleanup();
});

const plan = (sql: string) =>
  (t.core.store.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: '2019-01-01', to: '2019-06-30' }) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('report facts', () => {
  it('read people and cases from the narrow indexes of migration 009 (the packed key comes from the index)', () => {
    const registered = plan(FACT_SQL.registered);
    expect(registered).toContain('COVERING INDEX ix_cases_report_application');
    expect(registered).toContain('COVERING INDEX ix_people_report');
    expect(plan(FACT_SQL.placed)).toContain('COVERING INDEX ix_interventions_report');
    expect(plan(FACT_SQL.interviews)).toContain('COVERING INDEX ix_cases_report_interview');
    expect(plan(FACT_SQL.training)).toContain('COVERING INDEX ix_interventions_report_training');
    expect(plan(FACT_SQL.companies)).toContain('COVERING INDEX ix_interventions_report_company');
  });

  it('the packed person key says gender, age, nationality, education and comune', () => {
    const raw = t.core.store.raw;
    const now = new Date().toISOString();
    const insert = raw.prepare(
      `INSERT INTO people (last_name, first_name, name_key, sex, birth_date, tax_code_missing_reason, nationality_group, education_isced, domicile_istat, outside_metro, created_at, updated_at)
       VALUES ('Prova', 'Una', 'provauna', ?, ?, 'prova', ?, ?, ?, ?, ?, ?)`,
    );
    const a = Number(insert.run('F', '1990-06-15', 'UE', 6, '037032', 0, now, now).lastInsertRowid);
    const b = Number(insert.run('M', null, null, null, null, 1, now, now).lastInsertRowid);
    raw.prepare("INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (?, 'caritas', '2019-06-14', 'iscritto', '2019-06-14', ?, ?)").run(a, now, now);
    raw.prepare("INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (?, 'caritas', '2019-06-15', 'iscritto', '2019-06-15', ?, ?)").run(b, now, now);
    const keys = raw.prepare(FACT_SQL.registered).pluck().all({ from: '2019-01-01', to: '2019-06-30' }) as number[];
    const decoded = keys.map(decodePersonKey);
    // born 15 June 1990, applied 14 June 2019: 29, the age reached in 2019 (only the birth year counts:
    // an anonymised person keeps only that, and the reports must not change when someone is anonymised)
    expect(decoded).toContainEqual({ woman: true, age: 29, nationality: 'UE', isced: 6, comune: '037032' });
    expect(decoded).toContainEqual({ woman: false, age: null, nationality: null, isced: null, comune: 'fuori' });
    expect(decodePersonKey(OUTSIDE_METRO_CODE << 14).comune).toBe('fuori');
  });

  it('reads the routing decision from the case status', () => {
    expect(interviewOutcome('in_percorso', null)).toBe('in_carico');
    expect(interviewOutcome('concluso', null)).toBe('in_carico');
    expect(interviewOutcome('fuori_target', 'fragile')).toBe('fragile');
    expect(interviewOutcome('fuori_target', 'profilo_forte')).toBe('profilo_forte');
    expect(interviewOutcome('valutato', null)).toBe('in_attesa');
  });
});
