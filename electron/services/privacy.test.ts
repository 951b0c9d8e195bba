import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../contract/roles';
import { PERSONAL_FIELDS, redact, seesPersonalData } from './privacy';

const as = (role: Role | null) => ({ caller: { role } });
const person = { id: 7, lastName: 'Rossi', taxCode: 'RSSMRA80A01A944X', phone: '3331234567', email: 'm@r.it', birthDate: '1980-01-01', personalDataHidden: false };

describe('personal data', () => {
  it('are seen by the roles that work on the cases, and by nobody before login', () => {
    expect(ROLES.filter((r) => seesPersonalData(as(r)))).toEqual(['amministratore', 'coordinatore', 'operatore']);
    expect(seesPersonalData(as(null))).toBe(false);
  });

  it('come back as null to the others, with personalDataHidden set; names stay', () => {
    expect(redact(as('finanza'), 'person', person)).toEqual({ id: 7, lastName: 'Rossi', taxCode: null, phone: null, email: null, birthDate: null, personalDataHidden: true });
    expect(redact(as(null), 'intervention', { outcome: 'Ritirata', notes: 'n', traineeCategory: 'fragile', companyName: 'ACME' })).toEqual({
      outcome: null,
      notes: null,
      traineeCategory: null,
      companyName: 'ACME',
    });
  });

  it('leave the record untouched, not even copied, for those who see them', () => {
    expect(redact(as('operatore'), 'person', person)).toBe(person);
    expect(redact(as('coordinatore'), 'person', { ...person, personalDataHidden: true })).toEqual(person);
  });

  it('name every field once per kind of record', () => {
    for (const fields of Object.values(PERSONAL_FIELDS)) expect(new Set(fields).size).toBe(fields.length);
  });
});
