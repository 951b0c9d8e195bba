import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../api/core';
import type { CompanyInput } from '../contract/companies';
import type { ApiErrorBody } from '../contract/errors';
import type { Input, MethodName } from '../contract/index';
import type { PersonDetail, PersonInput } from '../contract/people';
import { computeCodiceFiscale } from '../domain/codiceFiscale';
import { partitaIvaCheckDigit } from '../domain/partitaIva';
import { callOk, callRefused } from '../testing/calls';
import { sqlAll, sqlOne, sqlValue } from '../testing/sql';
import { setupAdmin, tempCore, type TempCore } from '../testing/tempDb';
import { clockAt } from './context';

/**
 * A version per record (issue 12): two desks on one database edit the same person, company, need,
 * pact or allocation; each save raises the version, and a save made on the version read before the
 * other desk's save is refused, naming who saved and when (Bologna's time), with nothing written.
 * Desk A is Laura Verdi's, desk B Marco Neri's: two hosts over one database, with a clock the test moves.
 */
let t: TempCore;
let deskA: AppCore;
let deskB: AppCore;
let laura: string;
let marco: string;
let now = new Date('2025-03-10T08:00:00Z');

const PASSWORD = 'Tortellini-in-brodo-42';
let relogin: () => Promise<void> = async () => undefined;
/** Moves the clock; both desks log in again (sessions end 12 hours after login). */
const at = async (iso: string) => {
  now = new Date(iso);
  await relogin();
};

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  const clock = clockAt(() => now);
  deskA = new AppCore(t.core.store, clock);
  deskB = new AppCore(t.core.store, clock);
  const login = async (desk: AppCore, fullName: string, username: string) => {
    if (!(await sqlValue(t.core.store, 'SELECT 1 FROM users WHERE username = ?', username))) {
      await callOk(t.core, 'auth.users.create', { fullName, username, role: 'amministratore', password: PASSWORD }, admin);
    }
    const outcome = await desk.call('auth.login', { username, password: PASSWORD }, null);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return (outcome.result as { token: string }).token;
  };
  laura = await login(deskA, 'Laura Verdi', 'l.verdi');
  marco = await login(deskB, 'Marco Neri', 'm.neri');
  relogin = async () => {
    laura = await login(deskA, 'Laura Verdi', 'l.verdi');
    marco = await login(deskB, 'Marco Neri', 'm.neri');
  };
});
afterAll(async () => {
  await t.cleanup();
});

const a = <M extends MethodName>(method: M, input: Input<M>) => callOk(deskA, method, input, laura);
const b = <M extends MethodName>(method: M, input: Input<M>) => callOk(deskB, method, input, marco);
const refusedB = <M extends MethodName>(method: M, input: Input<M>) => callRefused(deskB, method, input, marco);
const auditRows = async () => (await sqlValue(t.core.store, 'SELECT count(*) FROM audit_log')) as number;

/** The refusal of a stale save: CONFLICT, the message also on fields.version, and nothing written (the record's row and the audit log as before). */
async function expectStale(table: string, id: number, refuse: () => Promise<ApiErrorBody>, message: string): Promise<void> {
  const row = async () => sqlOne(t.core.store, `SELECT * FROM ${table} WHERE id = ?`, id);
  const [before, audits] = [await row(), await auditRows()];
  expect(await refuse()).toEqual({ code: 'CONFLICT', message, fields: { version: message } });
  expect(await row()).toEqual(before);
  expect(await auditRows()).toBe(audits);
}

const versionOf = async (table: string, id: number) => (await sqlValue(t.core.store, `SELECT version FROM ${table} WHERE id = ?`, id)) as number;

function person(lastName: string, firstName: string, birthDate: string): PersonInput {
  const taxCode = computeCodiceFiscale({ lastName, firstName, sex: 'F', birthDate, birthPlaceCode: 'A944' });
  return { lastName, firstName, sex: 'F', birthDate, birthPlaceCode: 'A944', taxCode, domicileIstat: '037006' };
}
const vat = (n: number) => {
  const first10 = String(n).padStart(10, '0');
  return first10 + String(partitaIvaCheckDigit(first10));
};
const company = (name: string, n: number): CompanyInput => ({ name, vatNumber: vat(n), seatIstat: '037006' });
/** Every person registered here signed the privacy notice in force on that day. */
const signed = { privacyAcknowledgedOn: '2024-01-15' } as const;

describe('a person edited from two desks', () => {
  let input: PersonInput;
  let id: number;
  let read: PersonDetail;

  beforeAll(async () => {
    await at('2025-03-10T08:00:00Z');
    input = { ...person('Fabbri', 'Giulia', '1988-05-12'), phone: '3331112222' };
    id = (await a('people.create', { ...input, ...signed })).personId;
    read = (await b('people.get', { id })).person;
  });

  it('raises the version with every save that changes something', async () => {
    expect(read.version).toBe(1);
    await at('2025-03-10T09:42:00Z'); // 10:42 in Bologna (winter time)
    const saved = await a('people.update', { ...input, id, version: 1, phone: '3331113333' });
    expect(saved.version).toBe(2);
    expect(await versionOf('people', id)).toBe(2);
  });

  it('refuses the second desk’s save on the old version, naming Laura Verdi and the time; nothing written, no audit row', async () => {
    await at('2025-03-10T09:50:00Z');
    const message = 'Modificato da Laura Verdi alle 10:42: ricarica per vedere le modifiche';
    await expectStale('people', id, () => refusedB('people.update', { ...input, id, version: read.version, email: 'giulia@example.it' }), message);
    // saving the form unchanged on the old version is refused too: the desk is looking at old data
    await expectStale('people', id, () => refusedB('people.update', { ...input, id, version: read.version }), message);
    expect((await b('people.get', { id })).person).toMatchObject({ phone: '3331113333', email: null, version: 2 });
  });

  it('names the day when the change was not today, and shows Bologna’s summer time', async () => {
    await at('2025-03-11T08:00:00Z');
    await expectStale('people', id, () => refusedB('people.update', { ...input, id, version: 1 }), 'Modificato da Laura Verdi il 10/03/2025 alle 10:42: ricarica per vedere le modifiche');
    await at('2025-07-01T08:05:00Z'); // 10:05 in Bologna (summer time, UTC+2)
    await a('people.update', { ...input, id, version: 2, phone: '3334445555' });
    await at('2025-07-01T08:30:00Z');
    await expectStale('people', id, () => refusedB('people.update', { ...input, id, version: 2 }), 'Modificato da Laura Verdi alle 10:05: ricarica per vedere le modifiche');
  });

  it('accepts the second desk’s save once it has reloaded, audited under its user', async () => {
    const reloaded = (await b('people.get', { id })).person;
    const saved = await b('people.update', { ...input, id, version: reloaded.version, phone: '3334445555', email: 'giulia@example.it' });
    expect(saved).toMatchObject({ version: 4, email: 'giulia@example.it' });
    const audit = await sqlOne<{ username: string; after_json: string }>(t.core.store, "SELECT username, after_json FROM audit_log WHERE entity = 'persona' AND entity_id = ? ORDER BY id DESC LIMIT 1", String(id));
    expect(audit).toEqual({ username: 'm.neri', after_json: JSON.stringify({ email: 'giulia@example.it' }) });
  });

  it('a merge raises the kept person’s version: a form read before it is refused, naming who merged', async () => {
    await at('2025-07-02T12:15:00Z');
    const kept = await a('people.create', { ...person('Cavina', 'Rosa', '1979-09-09'), ...signed });
    const other = await a('people.create', { ...signed, ...person('Cavina', 'Rosa', '1979-09-09'), taxCode: null, taxCodeMissingReason: 'Da verificare', phone: '3398887777', acknowledgedDuplicates: [kept.personId] });
    const form = (await b('people.get', { id: kept.personId })).person;
    await a('people.merge', { keepId: kept.personId, mergeId: other.personId });
    expect(await versionOf('people', kept.personId)).toBe(form.version + 1);
    await expectStale(
      'people',
      kept.personId,
      () => refusedB('people.update', { ...person('Cavina', 'Rosa', '1979-09-09'), id: kept.personId, version: form.version }),
      'Modificato da Laura Verdi alle 14:15: ricarica per vedere le modifiche',
    );
  });
});

describe('a company edited from two desks', () => {
  it('raises the version with each save and refuses the stale one, naming who and when', async () => {
    await at('2025-03-12T07:00:00Z');
    const input = company('Officine Reno S.r.l.', 501);
    const { companyId } = await a('companies.create', input);
    const read = (await b('companies.get', { id: companyId })).company;
    expect(read.version).toBe(1);
    await at('2025-03-12T10:07:00Z');
    expect((await a('companies.update', { ...input, id: companyId, version: read.version, phone: '051 600700' })).version).toBe(2);
    await at('2025-03-12T10:20:00Z');
    await expectStale(
      'companies',
      companyId,
      () => refusedB('companies.update', { ...input, id: companyId, version: read.version, notes: 'Cercano magazzinieri' }),
      'Modificato da Laura Verdi alle 11:07: ricarica per vedere le modifiche',
    );
    const saved = await b('companies.update', { ...input, id: companyId, version: 2, phone: '051 600700', notes: 'Cercano magazzinieri' });
    expect(saved).toMatchObject({ version: 3, phone: '051 600700', notes: 'Cercano magazzinieri' });
  });
});

describe('a need edited from two desks', () => {
  it('raises the version with each save and refuses the stale one, naming who and when', async () => {
    await at('2025-03-13T08:00:00Z');
    const { companyId } = await a('companies.create', company('Cucine Felsinee S.r.l.', 502));
    const need = await a('companies.needs.create', { companyId, role: 'Aiuto cuoco', positions: 1, instrumentCode: 'tirocinio' });
    const read = await b('companies.needs.get', { id: need.id });
    expect(read.version).toBe(1);
    await at('2025-03-13T08:30:00Z');
    const saved = await a('companies.needs.update', { id: need.id, version: 1, role: 'Aiuto cuoco', positions: 2, instrumentCode: 'tirocinio' });
    expect(saved.version).toBe(2);
    await at('2025-03-13T08:31:00Z');
    await expectStale(
      'needs',
      need.id,
      () => refusedB('companies.needs.update', { id: need.id, version: read.version, role: 'Cuoco', positions: 1, instrumentCode: 'tirocinio' }),
      'Modificato da Laura Verdi alle 09:30: ricarica per vedere le modifiche',
    );
    // a change of status is not an edit of the need's data: it leaves the version (and the forms) alone
    await b('companies.needs.setStatus', { id: need.id, status: 'in_corso' });
    expect(await versionOf('needs', need.id)).toBe(2);
    expect(await b('companies.needs.update', { id: need.id, version: 2, role: 'Cuoco', positions: 2, instrumentCode: 'tirocinio' })).toMatchObject({ version: 3, role: 'Cuoco' });
  });
});

describe('a pact edited from two desks', () => {
  it('raises the version with each save and refuses the stale one, naming who and when', async () => {
    await at('2025-03-14T09:00:00Z');
    const { personId } = await a('people.create', { ...person('Righi', 'Elena', '1990-02-02'), ...signed });
    const { companyId } = await a('companies.create', { ...company('Legatoria Santo Stefano S.n.c.', 503), legalRepName: 'Paola Santi', legalRepRole: 'Titolare' });
    const prefill = await a('pacts.prefill', { personId, companyId });
    const fields = { ...prefill.values!, modes: ['inserimento' as const] };
    const pact = await a('pacts.create', { personId, companyId, fields });
    const read = await b('pacts.get', { id: pact.id });
    expect(read.version).toBe(1);
    await at('2025-03-14T15:59:00Z');
    expect((await a('pacts.update', { id: pact.id, version: 1, fields: { ...fields, seatNumber: '12' } })).version).toBe(2);
    await expectStale(
      'pacts',
      pact.id,
      () => refusedB('pacts.update', { id: pact.id, version: read.version, fields: { ...fields, signerRole: 'Socio' } }),
      'Modificato da Laura Verdi alle 16:59: ricarica per vedere le modifiche',
    );
    // downloading the PDF is audited but changes nothing: the message still names the last save
    await b('pacts.pdf', { id: pact.id });
    await expectStale('pacts', pact.id, () => refusedB('pacts.update', { id: pact.id, version: 1, fields }), 'Modificato da Laura Verdi alle 16:59: ricarica per vedere le modifiche');
  });
});

describe('allocations edited from two desks', () => {
  it('raises a cell’s version with each change, refuses a stale cell naming who changed that cell, and writes nothing', async () => {
    await at('2025-03-17T08:00:00Z');
    const fund = await a('budget.funds.create', { code: 'versioni', name: 'Fondo versioni', amountCents: 10_000_000, startYear: 2025, endYear: 2025 });
    const cell = (grid: { cells: { year: number; lineCode: string; version: number | null; allocationId: number | null }[] }, lineCode: string) =>
      grid.cells.find((c) => c.year === 2025 && c.lineCode === lineCode)!;
    const read = await b('budget.allocations.grid', { fundId: fund.id });
    expect(cell(read, 'gestione').version).toBeNull();

    await at('2025-03-17T10:00:00Z');
    const first = await a('budget.allocations.set', { fundId: fund.id, cells: [{ year: 2025, lineCode: 'gestione', amountCents: 500_000, version: null }] });
    const allocationId = cell(first, 'gestione').allocationId!;
    expect(cell(first, 'gestione').version).toBe(1);
    // Marco saw the cell empty: his save would overwrite Laura's new allocation
    await expectStale(
      'allocations',
      allocationId,
      () => refusedB('budget.allocations.set', { fundId: fund.id, cells: [{ year: 2025, lineCode: 'gestione', amountCents: 800_000, version: null }] }),
      'Modificato da Laura Verdi alle 11:00: ricarica per vedere le modifiche',
    );

    await at('2025-03-17T10:45:00Z');
    expect(cell(await a('budget.allocations.set', { fundId: fund.id, cells: [{ year: 2025, lineCode: 'gestione', amountCents: 600_000, version: 1 }] }), 'gestione').version).toBe(2);
    // a later save of another cell by Marco does not hide who changed this one
    await at('2025-03-17T11:30:00Z');
    await b('budget.allocations.set', { fundId: fund.id, cells: [{ year: 2025, lineCode: 'innovazione_sociale', amountCents: 100_000, version: null }] });
    await expectStale(
      'allocations',
      allocationId,
      () => refusedB('budget.allocations.set', { fundId: fund.id, cells: [{ year: 2025, lineCode: 'gestione', amountCents: 700_000, version: 1 }] }),
      'Modificato da Laura Verdi alle 11:45: ricarica per vedere le modifiche',
    );
    expect(await sqlAll(t.core.store, 'SELECT line_code, amount_cents, version FROM allocations WHERE fund_id = ? ORDER BY line_code', fund.id)).toEqual([
      { line_code: 'gestione', amount_cents: 600_000, version: 2 },
      { line_code: 'innovazione_sociale', amount_cents: 100_000, version: 1 },
    ]);
  });
});
