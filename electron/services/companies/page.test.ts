import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName } from '../../contract/index';
import { partitaIvaCheckDigit } from '../../domain/partitaIva';
import { callOk } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlOne } from '../../testing/sql';

/**
 * The company page's aggregates on a small fixture whose figures are computed by hand: the people
 * placed, the pacts, and the money linked to the company directly or through its interventions.
 * The rows of other areas (people, cases, interventions, pacts, ledgers) are written directly.
 */

let t: TempCore;
let coordinator: string;
let finance: string;
let acme: number;
let other: number;
const ids: Record<string, number> = {};

const ok = <M extends MethodName>(method: M, input: Input<M>, token: string) => callOk(t.core, method, input, token);
const vat = (n: number) => {
  const first10 = String(n).padStart(10, '0');
  return first10 + String(partitaIvaCheckDigit(first10));
};
const NOW = '2024-06-01T09:00:00.000Z';
/** Inserts one row and returns its id (RETURNING works on both engines). */
const insert = async (sql: string, ...params: unknown[]) => (await sqlOne<{ id: number }>(t.core.store, `${sql} RETURNING id`, ...params))!.id;

async function person(lastName: string, firstName: string): Promise<number> {
  const id = (await insert(
    `INSERT INTO people (last_name, first_name, name_key, sex, tax_code, phone, email, birth_date, created_at, updated_at)
     VALUES (?, ?, ?, 'F', ?, '3331234567', 'persona@example.it', '1990-01-01', ?, ?)`,
    lastName,
    firstName,
    (lastName + firstName).toLowerCase(),
    `XXXXXX90A01A944${lastName.charAt(0)}`,
    NOW,
    NOW,
  ));
  const caseId = (await insert(
    `INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at)
     VALUES (?, 'modulo_online', '2024-01-10', 'in_percorso', '2024-02-01', ?, ?)`,
    id,
    NOW,
    NOW,
  ));
  ids[`case:${lastName}`] = caseId;
  return id;
}

async function intervention(personId: number, companyId: number, instrument: string, status: string, start: string, end: string | null, needId: number | null = null): Promise<number> {
  const caseId = ((await sqlOne(t.core.store, 'SELECT id FROM cases WHERE person_id = ?', personId)) as { id: number }).id;
  return (await insert(
    `INSERT INTO interventions (case_id, person_id, instrument_code, company_id, need_id, status, start_date, end_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    caseId,
    personId,
    instrument,
    companyId,
    needId,
    status,
    start,
    end,
    NOW,
    NOW,
  ));
}

async function pact(number: string, companyId: number, personId: number, status: string, date: string): Promise<number> {
  return (await insert(
    `INSERT INTO pacts (number, company_id, person_id, signer_name, signer_role, seat_city, person_first_name, person_last_name,
       referent_first_name, referent_last_name, pact_date, pact_place, status, signed_on, created_at, updated_at)
     VALUES (?, ?, ?, 'Mario Rossi', 'Legale rappresentante', 'Bologna', 'X', 'Y', 'Giovanna', 'Trombetti', ?, 'Bologna', ?, ?, ?, ?)`,
    number,
    companyId,
    personId,
    date,
    status,
    status === 'firmato' ? date : null,
    NOW,
    NOW,
  ));
}

async function commitment(allocationId: number, kind: string, amount: number, link: { interventionId?: number; companyId?: number; adjusts?: number }): Promise<number> {
  return (await insert(
    `INSERT INTO commitments (allocation_id, kind, adjusts_id, amount_cents, committed_on, description, intervention_id, company_id, created_at)
     VALUES (?, ?, ?, ?, '2024-03-01', 'Impegno di prova', ?, ?, ?)`,
    allocationId,
    kind,
    link.adjusts ?? null,
    amount,
    link.interventionId ?? null,
    link.companyId ?? null,
    NOW,
  ));
}

async function payment(commitmentId: number, kind: string, amount: number, adjusts: number | null = null): Promise<number> {
  return (await insert(
    `INSERT INTO payments (commitment_id, kind, adjusts_id, amount_cents, paid_on, payee, created_at) VALUES (?, ?, ?, ?, '2024-04-01', 'Beneficiario', ?)`,
    commitmentId,
    kind,
    adjusts,
    amount,
    NOW,
  ));
}

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  finance = await loginAs(t.core, admin, 'finanza');
  acme = (await ok('companies.create', { name: 'Acme Logistica S.r.l.', vatNumber: vat(71), seatIstat: '037006', atecoSection: 'H' }, coordinator)).companyId;
  other = (await ok('companies.create', { name: 'Altra Impresa S.r.l.', vatNumber: vat(72), seatIstat: '037006' }, coordinator)).companyId;
  const need = await ok('companies.needs.create', { companyId: acme, role: 'Magazziniere', positions: 2, instrumentCode: 'tirocinio' }, coordinator);
  ids.need = need.id;

  const rossi = (await person('Rossi', 'Anna'));
  const verdi = (await person('Verdi', 'Bruno'));
  const bianchi = (await person('Bianchi', 'Carla'));
  ids.rossi = rossi;
  ids.verdi = verdi;
  ids.i1 = (await intervention(rossi, acme, 'tirocinio', 'attivo', '2024-03-01', '2024-08-31', need.id));
  ids.i2 = (await intervention(verdi, acme, 'inserimento', 'concluso', '2023-05-01', '2023-12-31'));
  ids.i3 = (await intervention(bianchi, other, 'tirocinio', 'attivo', '2024-02-01', null));
  ids.pa1 = (await pact('PBL-2024-00001', acme, rossi, 'firmato', '2024-02-20'));
  ids.pa2 = (await pact('PBL-2024-00002', acme, verdi, 'bozza', '2024-05-10'));
  (await pact('PBL-2024-00003', other, bianchi, 'firmato', '2024-01-15'));

  const fund = (await insert(`INSERT INTO funds (code, name, amount_cents, start_year, end_year, created_at) VALUES ('PROVA', 'Fondo di prova', 100000000, 2024, 2025, ?)`, NOW));
  const allocation = (await insert(`INSERT INTO allocations (fund_id, year, line_code, amount_cents, updated_at) VALUES (?, 2024, 'tirocini_inserimento', 10000000, ?)`, fund, NOW));
  // through intervention 1 only
  const c1 = (await commitment(allocation, 'impegno', 300_000, { interventionId: ids.i1 }));
  // both directly and through intervention 2: counted once
  const c2 = (await commitment(allocation, 'impegno', 50_000, { interventionId: ids.i2, companyId: acme }));
  // a reduction of c1, with no link of its own
  (await commitment(allocation, 'riduzione', -20_000, { adjusts: c1 }));
  // another company's
  const c4 = (await commitment(allocation, 'impegno', 99_999, { interventionId: ids.i3 }));
  // directly, with no intervention (e.g. a hiring incentive)
  (await commitment(allocation, 'impegno', 10_000, { companyId: acme }));
  const p1 = (await payment(c1, 'liquidazione', 45_000));
  (await payment(c1, 'liquidazione', 45_000));
  (await payment(c1, 'storno', -45_000, p1));
  (await payment(c2, 'liquidazione', 50_000));
  (await payment(c4, 'liquidazione', 99_999));
});
afterAll(async () => {
  await t.cleanup();
});

describe('companies.get aggregates', () => {
  it('sums the money linked directly or through interventions, adjustments included, each row once', async () => {
    const page = await ok('companies.get', { id: acme }, finance);
    // 300.000 + 50.000 − 20.000 + 10.000 cents; paid 45.000 + 45.000 − 45.000 + 50.000
    expect(page.money).toEqual({ committedCents: 340_000, paidCents: 95_000, commitments: 3, payments: 3 });
    expect((await ok('companies.get', { id: other }, finance)).money).toEqual({ committedCents: 99_999, paidCents: 99_999, commitments: 1, payments: 1 });
  });

  it('lists the people placed, newest first, with names only', async () => {
    const page = await ok('companies.get', { id: acme }, finance);
    expect(page.placements).toEqual([
      { interventionId: ids.i1, personId: ids.rossi, personName: 'Rossi Anna', instrumentCode: 'tirocinio', instrumentName: 'Tirocinio formativo o stage', status: 'attivo', startDate: '2024-03-01', endDate: '2024-08-31', needId: ids.need },
      { interventionId: ids.i2, personId: ids.verdi, personName: 'Verdi Bruno', instrumentCode: 'inserimento', instrumentName: 'Inserimento in azienda o esercizio commerciale', status: 'concluso', startDate: '2023-05-01', endDate: '2023-12-31', needId: null },
    ]);
    // no codice fiscale, phone, email or birth date anywhere in the page
    const text = JSON.stringify(page);
    expect(text).not.toContain('3331234567');
    expect(text).not.toContain('persona@example.it');
    expect(text).not.toContain('XXXXXX90A01A944');
  });

  it('lists its pacts newest first and counts the interventions of each need', async () => {
    const page = await ok('companies.get', { id: acme }, coordinator);
    expect(page.pacts).toEqual([
      { id: ids.pa2, number: 'PBL-2024-00002', personId: ids.verdi, personName: 'Verdi Bruno', status: 'bozza', pactDate: '2024-05-10', signedOn: null },
      { id: ids.pa1, number: 'PBL-2024-00001', personId: ids.rossi, personName: 'Rossi Anna', status: 'firmato', pactDate: '2024-02-20', signedOn: '2024-02-20' },
    ]);
    expect(page.needs.map((n) => [n.id, n.interventions])).toEqual([[ids.need, 1]]);
  });

  it('a company with nothing linked has empty lists and zero money; an unknown id is NOT_FOUND', async () => {
    const { companyId } = await ok('companies.create', { name: 'Nuova Impresa S.r.l.', vatNumber: vat(73), seatIstat: '037006' }, coordinator);
    const page = await ok('companies.get', { id: companyId }, finance);
    expect(page).toMatchObject({ contacts: [], needs: [], placements: [], pacts: [], money: { committedCents: 0, paidCents: 0, commitments: 0, payments: 0 } });
    const missing = await t.core.call('companies.get', { id: 999_999 }, finance);
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });

  it('orders needs open first', async () => {
    const closed = await ok('companies.needs.create', { companyId: other, role: 'Autista', positions: 1, instrumentCode: 'inserimento', periodFrom: '2025-01-01' }, coordinator);
    await ok('companies.needs.setStatus', { id: closed.id, status: 'chiuso' }, coordinator);
    const open = await ok('companies.needs.create', { companyId: other, role: 'Magazziniere', positions: 1, instrumentCode: 'tirocinio', periodFrom: '2023-01-01' }, coordinator);
    const page = await ok('companies.get', { id: other }, coordinator);
    expect(page.needs.map((n) => n.id)).toEqual([open.id, closed.id]);
  });
});
