import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFilter } from '../contract/system';
import { computeCodiceFiscale } from '../domain/codiceFiscale';
import { dayStart } from '../services/system/audit';
import { callOk, callRefused } from '../testing/calls';
import { sqlRun, sqlValue } from '../testing/sql';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../testing/tempDb';

/**
 * The audit viewer's queries on both engines (this folder also runs in the `postgres` project):
 * each filter narrows, newest first, the count, the Italian diff. The SQLite-only details (index
 * plans, the Excel export) are in electron/services/system/audit.test.ts.
 */
let t: TempCore;
let admin: string;
let personId: number;
const person = { lastName: 'Neri', firstName: 'Luca', sex: 'M' as const, birthDate: '1975-02-03', birthPlaceCode: 'A944', domicileIstat: '037006' };

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  const coordinator = await loginAs(t.core, admin, 'coordinatore', 'c.audit');
  const taxCode = computeCodiceFiscale({ ...person });
  personId = (await callOk(t.core, 'people.create', { ...person, taxCode, privacyAcknowledgedOn: '2024-01-15' }, coordinator)).personId;
  await callOk(t.core, 'people.update', { ...person, taxCode, id: personId, version: 1, lastName: 'Neri Rossi' }, coordinator);
  for (const day of ['2024-05-01', '2024-05-02', '2024-05-03']) {
    await sqlRun(t.core.store, "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, 'sistema', 'backup', 'database', NULL, NULL, NULL)", dayStart(day));
  }
});
afterAll(async () => {
  await t.cleanup();
});

const list = (filter: AuditFilter, page = 1) => callOk(t.core, 'system.audit.list', { filter, page, pageSize: 10 }, admin);

describe('system.audit.list on every engine', () => {
  it('pages newest first and narrows by each filter', async () => {
    const all = Number(await sqlValue(t.core.store, 'SELECT count(*) FROM audit_log'));
    const first = await list({});
    expect(first.total).toBe(all);
    // by time, not by id: the rows of May 2024 were written last
    expect(first.rows.map((r) => r.at)).toEqual([...first.rows.map((r) => r.at)].sort().reverse());
    expect(first.rows.at(-1)?.at).toBe(dayStart('2024-05-01'));
    expect((await list({}, 2)).rows.length).toBe(Math.max(0, Math.min(10, all - 10)));

    expect((await list({ username: 'c.audit' })).rows.map((r) => `${r.action} ${r.entity}`)).toEqual(['modifica persona', 'crea persona', 'accesso utente']);
    expect((await list({ entity: 'persona', entityId: String(personId) })).total).toBe(2);
    expect((await list({ entity: 'persona', entityId: String(personId + 1) })).total).toBe(0);
    expect((await list({ action: 'backup', username: 'sistema' })).total).toBe(3);
    expect((await list({ from: '2024-05-02', to: '2024-05-02' })).total).toBe(1);
    expect((await list({ to: '2024-05-02' })).total).toBe(2);

    const [edit] = (await list({ entity: 'persona', action: 'modifica' })).rows;
    expect(edit?.changes).toEqual([{ field: 'Cognome', kind: 'modificato', before: 'Neri', after: 'Neri Rossi' }]);
    expect(edit).toMatchObject({ entityLabel: 'Persona', actionLabel: 'Modifica', userFullName: 'Utente coordinatore' });
  });

  it('is refused to coordinators', async () => {
    const coordinator = await loginAs(t.core, admin, 'coordinatore', 'c.altro');
    expect((await callRefused(t.core, 'system.audit.list', {}, coordinator)).code).toBe('FORBIDDEN');
  });
});
