import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../contract/errors';
import { computeCodiceFiscale } from '../domain/codiceFiscale';
import { formatPactNumber } from '../domain/pacts';
import { partitaIvaCheckDigit } from '../domain/partitaIva';
import { callOk } from '../testing/calls';
import { sqlAll, sqlValue } from '../testing/sql';
import type { TempCore } from '../testing/tempDb';
import { openTwoDesks, type TwoDesks } from '../testing/twoDesks';

/**
 * Numbers the app hands out (the pact numbers of a year, the questionnaire's versions), taken by two
 * desks on one PostgreSQL database at the same instant: each write gets the next free number, one
 * after the other, never the same one (which the database's unique rule would refuse as an internal
 * error).
 */
let desks: TwoDesks;
let t: TempCore;
let here: string;
let tenAtOnce: TwoDesks['tenAtOnce'];

beforeAll(async () => {
  desks = await openTwoDesks();
  ({ t, here, tenAtOnce } = desks);
});
afterAll(() => desks.close());
const failures = (outcomes: CallResult[]) => outcomes.flatMap((o) => (o.ok ? [] : [o.error]));

describe('numbers handed out under races', () => {
  it('ten pacts created at once from two desks: ten consecutive numbers of the year, ten audit rows', async () => {
    const taxCode = computeCodiceFiscale({ lastName: 'Pattini', firstName: 'Olga', sex: 'F', birthDate: '1980-02-02', birthPlaceCode: 'A944' });
    const { personId } = await callOk(t.core, 'people.create', { lastName: 'Pattini', firstName: 'Olga', sex: 'F', birthDate: '1980-02-02', birthPlaceCode: 'A944', taxCode, domicileIstat: '037006', privacyAcknowledgedOn: '2024-01-15' }, here);
    const vat = '0000000123' + String(partitaIvaCheckDigit('0000000123'));
    const { companyId } = await callOk(t.core, 'companies.create', { name: 'Officine Numerate S.r.l.', vatNumber: vat, seatIstat: '037006', legalRepName: 'Ada Conti', legalRepRole: 'Legale rappresentante' }, here);
    const prefill = await callOk(t.core, 'pacts.prefill', { personId, companyId }, here);
    const input = { personId, companyId, interventionId: null, fields: { ...prefill.values!, modes: ['inserimento'] } };

    const outcomes = await tenAtOnce('pacts.create', () => input);
    expect(failures(outcomes)).toEqual([]);
    const year = Number(new Date().toISOString().slice(0, 4));
    const numbers = await sqlAll<{ number: string }>(t.core.store, 'SELECT number FROM pacts ORDER BY number');
    expect(numbers.map((n) => n.number)).toEqual(Array.from({ length: 10 }, (_, i) => formatPactNumber(year, i + 1)));
    expect(Number(await sqlValue(t.core.store, "SELECT count(*) FROM audit_log WHERE entity = 'patto' AND action = 'crea'"))).toBe(10);
  });

  it('ten questionnaires saved at once from two desks: ten versions one after another, the last one in force', async () => {
    const current = await callOk(t.core, 'assessments.template', {}, here);
    const outcomes = await tenAtOnce('assessments.saveTemplate', () => ({ title: 'Profilo di fragilità (revisione)', definition: current.definition }));
    expect(failures(outcomes)).toEqual([]);
    const versions = await sqlAll<{ version: number; active: number }>(t.core.store, 'SELECT version, active FROM assessment_templates ORDER BY version');
    expect(versions).toEqual(Array.from({ length: 11 }, (_, i) => ({ version: i + 1, active: i === 10 ? 1 : 0 })));
    expect(Number(await sqlValue(t.core.store, "SELECT count(*) FROM audit_log WHERE entity = 'questionario' AND action = 'crea'"))).toBe(11);
  });
});
