import { Kysely, SqliteDialect, type LogEvent } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/connection';
import type { DB } from '../../../db/schema';
import type { DuplicateCheck, PersonInput } from '../../contract/people';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { contextAs, loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { checkDuplicates } from './duplicates';
import { normalizePhone, similarName, withinEditDistance } from './duplicateRules';
import { sqlOne, sqlRun } from '../../testing/sql';

describe('normalizePhone', () => {
  it('keeps digits only and drops the Italian prefix', () => {
    expect(normalizePhone('+39 333 123 4567')).toBe('3331234567');
    expect(normalizePhone('0039 333-123.4567')).toBe('3331234567');
    expect(normalizePhone('393331234567')).toBe('3331234567');
    expect(normalizePhone('333 1234567')).toBe('3331234567');
    // 393 is a mobile prefix: a ten-digit number starting with it keeps it
    expect(normalizePhone('393 1234567')).toBe('3931234567');
    expect(normalizePhone('051 123456')).toBe('051123456');
  });
});

describe('name similarity', () => {
  it('bounds the edit distance', () => {
    expect(withinEditDistance('rossimario', 'rossimario', 0)).toBe(true);
    expect(withinEditDistance('rossimario', 'rosimaria', 2)).toBe(true);
    expect(withinEditDistance('rossimario', 'rosimar', 2)).toBe(false);
    expect(withinEditDistance('rossimario', 'rosimari', 2)).toBe(true);
    expect(withinEditDistance('rossimario', 'rossimrio', 1)).toBe(true);
    expect(withinEditDistance('rossimario', 'rassimeria', 2)).toBe(false);
    expect(withinEditDistance('abc', 'xyz', 2)).toBe(false);
    expect(withinEditDistance('', 'ab', 2)).toBe(true);
  });
  it('matches apostrophes, accents, swapped names and small typos', () => {
    expect(similarName('Dangelo', 'Nicolo', 'dangelonicolo')).toBe(true);
    expect(similarName("D'Àngelo", 'Nicolò', 'dangelonicolo')).toBe(true);
    expect(similarName('Nicolo', 'Dangelo', 'dangelonicolo')).toBe(true);
    expect(similarName('Dangelo', 'Nicola', 'dangelonicolo')).toBe(true);
    expect(similarName('Bianchi', 'Nicolo', 'dangelonicolo')).toBe(false);
    expect(similarName('', '', '')).toBe(false);
  });
});

describe('people.checkDuplicates', () => {
  let t: TempCore;
  let coordinator: string;
  let operator: string;
  const ids: Record<string, number> = {};

  async function create(key: string, input: PersonInput): Promise<void> {
    const outcome = await t.core.call('people.create', { ...input, privacyAcknowledgedOn: '2024-01-15', acknowledgedDuplicates: Object.values(ids) }, coordinator);
    if (!outcome.ok) throw new Error(outcome.error.message);
    ids[key] = (outcome.result as { personId: number }).personId;
  }
  async function check(input: Record<string, unknown>, token = coordinator): Promise<DuplicateCheck> {
    const outcome = await t.core.call('people.checkDuplicates', input, token);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result as DuplicateCheck;
  }
  const base = { sex: 'M' as const, domicileIstat: '037006', taxCodeMissingReason: 'Non fornito' };

  beforeAll(async () => {
    t = await tempCore();
    const admin = await setupAdmin(t.core);
    coordinator = await loginAs(t.core, admin, 'coordinatore');
    operator = await loginAs(t.core, admin, 'operatore');
    const cf = computeCodiceFiscale({ lastName: 'Esposito', firstName: 'Ciro', sex: 'M', birthDate: '1980-05-05', birthPlaceCode: 'F839' });
    await create('esposito', { ...base, lastName: 'Esposito', firstName: 'Ciro', birthDate: '1980-05-05', birthPlaceCode: 'F839', taxCode: cf, phone: '+39 333 123 4567' });
    await create('dangelo', { ...base, lastName: "D'Angelo", firstName: 'Nicolò', birthDate: '1979-02-02', email: 'Nico.Dangelo@Example.it' });
    await create('other', { ...base, lastName: 'Bianchi', firstName: 'Luca', birthDate: '1979-02-02' });
    await create('merged', { ...base, lastName: 'Dangelo', firstName: 'Nicolo', birthDate: '1979-02-02' });
    (await sqlRun(t.core.store, 'UPDATE people SET merged_into_id = ? WHERE id = ?', ids.dangelo, ids.merged));
    // an open case held by an Opimm operator for Esposito
    const opimm = ((await sqlOne(t.core.store, "SELECT id FROM organisations WHERE code = 'opimm'")) as { id: number } | undefined)?.id ?? null;
    (await sqlRun(t.core.store, "UPDATE users SET organisation_id = ? WHERE username = 'utente.operatore'", opimm));
    const referent = ((await sqlOne(t.core.store, "SELECT id FROM users WHERE username = 'utente.operatore'")) as { id: number }).id;
    (await sqlRun(t.core.store, 
        `INSERT INTO cases (person_id, channel_code, application_date, referent_user_id, status, status_date, created_at, updated_at)
         VALUES (?, 'opimm', '2024-01-10', ?, 'colloquio_fissato', '2024-01-12', 'x', 'x')`, ids.esposito, referent));
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('finds the same codice fiscale typed in lowercase, unless it is the excluded person', async () => {
    const cf = computeCodiceFiscale({ lastName: 'Esposito', firstName: 'Ciro', sex: 'M', birthDate: '1980-05-05', birthPlaceCode: 'F839' });
    const found = await check({ taxCode: ` ${cf.toLowerCase()} ` });
    expect(found.sameTaxCode).toMatchObject({ id: ids.esposito, lastName: 'Esposito', comune: 'Bologna' });
    expect((await check({ taxCode: cf, excludeId: ids.esposito })).sameTaxCode).toBeNull();
  });

  it('finds the same phone written differently, with the open case and who holds it', async () => {
    const { likely } = await check({ lastName: 'Rossi', firstName: 'Mario', phone: '3331234567' }, operator);
    expect(likely).toHaveLength(1);
    expect(likely[0]).toMatchObject({
      person: { id: ids.esposito },
      reasons: ['Stesso telefono'],
      openCase: { status: 'colloquio_fissato', heldBy: 'Opimm — referente Utente operatore', organisation: 'Opimm', referent: 'Utente operatore' },
    });
  });

  it('finds the same birth date with a similar name and the same email, ignoring merged records and other names', async () => {
    const { likely } = await check({ lastName: 'Dangelo', firstName: 'Nicolo', birthDate: '1979-02-02', email: 'NICO.DANGELO@example.it' });
    expect(likely.map((d) => d.person.id)).toEqual([ids.dangelo]);
    expect(likely[0]?.reasons).toEqual(['Stessa data di nascita e nome simile', 'Stessa email']);
    expect(likely[0]?.openCase).toBeNull();
    expect((await check({ lastName: 'Dangelo', firstName: 'Nicolo', birthDate: '1979-02-02', excludeId: ids.dangelo })).likely).toEqual([]);
    // two days apart: another person (one day apart is a doubt: duplicateRules.test.ts)
    expect((await check({ lastName: 'Dangelo', firstName: 'Nicolo', birthDate: '1979-02-04' })).likely).toEqual([]);
  });

  it('reads people only through indexes, never scanning the table', async () => {
    const queries: { sql: string; parameters: readonly unknown[] }[] = [];
    const log = (e: LogEvent) => void queries.push(e.query);
    // SQLite's plans are checked; PostgreSQL's planner scans tables this small whatever the indexes
    const sqlite = t.core.store.engine === 'sqlite';
    const db = sqlite ? new Kysely<DB>({ dialect: new SqliteDialect({ database: t.core.store.raw }), log }) : t.core.store.db;
    const taxCode = computeCodiceFiscale({ lastName: 'Esposito', firstName: 'Ciro', sex: 'M', birthDate: '1980-05-05', birthPlaceCode: 'F839' });
    // the store as the services see it, with the logging kysely instance in place of its own
    const store = Object.create(t.core.store, { db: { value: db } }) as Store;
    const found = await checkDuplicates(contextAs(store, 'coordinatore'), { taxCode, lastName: 'Esposito', firstName: 'Ciro', birthDate: '1980-05-05', phone: '333 1234567', email: 'a@b.it' });
    expect(found.sameTaxCode?.id).toBe(ids.esposito);
    if (!sqlite) return;
    const plans = queries.map((q) => (t.core.store.raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.parameters) as { detail: string }[]).map((r) => r.detail).join(' | '));
    expect(plans.join('\n')).toContain('ix_people_phone_digits');
    for (const plan of plans) expect(plan).not.toMatch(/SCAN (p|people|k|cases)\b/);
  });
});
