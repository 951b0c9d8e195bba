import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCodiceFiscale } from '../domain/codiceFiscale';
import { callOk } from '../testing/calls';
import { sqlRun } from '../testing/sql';
import { setupAdmin, tempCore, type TempCore } from '../testing/tempDb';
import { brokenUniqueRule, uniqueRuleConflict, type UniqueRule } from './uniqueRules';

/**
 * The database's own refusals of a duplicate, on each engine, are recognised as the rule they break
 * (the races that cause them on a shared server: races.pg.test.ts). Each duplicate is written past the
 * services, as a second desk's insert would arrive.
 */
let t: TempCore;
let ids: { person: number; company: number; fund: number };

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  const taxCode = computeCodiceFiscale({ lastName: 'Doppi', firstName: 'Ida', sex: 'F', birthDate: '1980-01-01', birthPlaceCode: 'A944' });
  const person = await callOk(
    t.core,
    'people.register',
    { lastName: 'Doppi', firstName: 'Ida', sex: 'F', birthDate: '1980-01-01', birthPlaceCode: 'A944', taxCode, domicileIstat: '037006', channelCode: 'caritas', applicationDate: '2024-01-10', privacyAcknowledgedOn: '2024-01-15' },
    admin,
  );
  const company = await callOk(t.core, 'companies.create', { name: 'Doppia S.r.l.', vatNumber: '00000000000', seatIstat: '037006' }, admin);
  const fund = await callOk(t.core, 'budget.funds.create', { code: 'DOPPIO', name: 'Fondo doppio', amountCents: 1_000_000, startYear: 2024, endYear: 2024 }, admin);
  await callOk(t.core, 'budget.allocations.set', { fundId: fund.id, cells: [{ year: 2024, lineCode: 'gestione', amountCents: 1000, version: null }] }, admin);
  ids = { person: person.personId, company: company.companyId, fund: fund.id };
});
afterAll(async () => {
  await t.cleanup();
});

async function refusal(text: string, ...params: unknown[]): Promise<unknown> {
  try {
    await sqlRun(t.core.store, text, ...params);
  } catch (error) {
    return error;
  }
  throw new Error('Il database non ha rifiutato il doppione');
}

describe('a duplicate refused by the database', () => {
  it.each<[UniqueRule, () => Promise<unknown>]>([
    ['codice_fiscale', () => refusal('INSERT INTO people (last_name, first_name, name_key, sex, tax_code, created_at, updated_at) SELECT last_name, first_name, name_key, sex, tax_code, created_at, updated_at FROM people WHERE id = ?', ids.person)],
    ['partita_iva', () => refusal('INSERT INTO companies (name, name_key, vat_number, seat_city, created_at, updated_at) SELECT name, name_key, vat_number, seat_city, created_at, updated_at FROM companies WHERE id = ?', ids.company)],
    [
      'caso_aperto',
      () =>
        refusal(
          'INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at) SELECT person_id, channel_code, application_date, status, status_date, created_at, updated_at FROM cases WHERE person_id = ?',
          ids.person,
        ),
    ],
    ['assegnazione', () => refusal('INSERT INTO allocations (fund_id, year, line_code, amount_cents, updated_at) SELECT fund_id, year, line_code, amount_cents, updated_at FROM allocations WHERE fund_id = ?', ids.fund)],
  ])('is recognised as the rule %s, and answered as a CONFLICT when no service answered it', async (rule, duplicate) => {
    const error = await duplicate();
    expect(brokenUniqueRule(error)).toBe(rule);
    expect(uniqueRuleConflict(error)?.toBody()).toMatchObject({ code: 'CONFLICT' });
  });

  it('any other refusal is not a unique rule: it stays an internal error', async () => {
    const error = await refusal("UPDATE people SET sex = 'X' WHERE id = ?", ids.person);
    expect(brokenUniqueRule(error)).toBeNull();
    expect(uniqueRuleConflict(error)).toBeNull();
  });
});
