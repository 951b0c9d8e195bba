import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../contract/index';
import { describeMethods } from './dispatch';
import { ADMIN, setupAdmin, tempCore, type TempCore } from '../testing/tempDb';
import { AppCore } from './core';
import { clockAt } from '../services/context';
import { sqlOne } from '../testing/sql';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(async () => {
  await t.cleanup();
});

const auditCount = async () => ((await sqlOne(t.core.store, 'SELECT count(*) n FROM audit_log')) as { n: number }).n;

describe('dispatch', () => {
  it('asks for the administrator on first run, then only once', async () => {
    expect(await t.core.call('auth.status', {}, null)).toEqual({ ok: true, result: { needsSetup: true, user: null } });
    const token = await setupAdmin(t.core);
    const status = await t.core.call('auth.status', {}, token);
    expect(status).toMatchObject({ ok: true, result: { needsSetup: false, user: { username: ADMIN.username, role: 'amministratore' } } });
    const again = await t.core.call('auth.setup', { ...ADMIN, username: 'altro.admin' }, null);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('stores the password as a scrypt hash, never in clear', async () => {
    await setupAdmin(t.core);
    const row = (await sqlOne(t.core.store, 'SELECT password_hash FROM users')) as { password_hash: string };
    expect(row.password_hash.startsWith('scrypt$')).toBe(true);
    expect(row.password_hash).not.toContain(ADMIN.password);
    const audit = (await sqlOne(t.core.store, "SELECT string_agg(after_json, ',') j FROM audit_log")) as { j: string };
    expect(audit.j).not.toContain(ADMIN.password);
  });

  it('refuses a wrong password with the same message as an unknown user', async () => {
    await setupAdmin(t.core);
    const wrong = await t.core.call('auth.login', { username: ADMIN.username, password: 'sbagliata-123' }, null);
    const unknown = await t.core.call('auth.login', { username: 'nessuno', password: 'sbagliata-123' }, null);
    expect(wrong).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Nome utente o password non corretti' } });
    expect(unknown).toEqual(wrong);
  });

  it('refuses calls without a session, and methods the role may not call', async () => {
    const token = await setupAdmin(t.core);
    expect(await t.core.call('dashboard.counts', {}, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.core.call('dashboard.counts', {}, 'token-inventato')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await t.core.call('auth.users.create', { fullName: 'Lettore', username: 'lettore', role: 'sola_lettura', password: 'chiave-di-lettura' }, token);
    const login = await t.core.call('auth.login', { username: 'lettore', password: 'chiave-di-lettura' }, null);
    const readerToken = (login as { result: { token: string } }).result.token;
    expect(await t.core.call('dashboard.counts', {}, readerToken)).toMatchObject({ ok: true });
    const denied = await t.core.call('auth.users.create', { fullName: 'X', username: 'xyz', role: 'operatore', password: 'password-xyz-1' }, readerToken);
    expect(denied).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Il ruolo «Sola lettura» non consente questa operazione' } });
  });

  it('answers bad input with Italian field messages and writes nothing', async () => {
    const token = await setupAdmin(t.core);
    const before = (await auditCount());
    const users = (await sqlOne(t.core.store, 'SELECT count(*) n FROM users'));
    const outcome = await t.core.call('auth.users.create', { fullName: '', username: 'a', role: 'capo', password: 'corta' }, token);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('VALIDATION');
    expect(outcome.error.fields).toMatchObject({
      fullName: 'Nome e cognome: campo obbligatorio',
      username: expect.stringContaining('Nome utente'),
      role: 'Ruolo non valido',
      password: 'La password deve avere almeno 12 caratteri',
    });
    expect((await auditCount())).toBe(before);
    expect((await sqlOne(t.core.store, 'SELECT count(*) n FROM users'))).toEqual(users);
  });

  it('writes one audit row with who and what for each write', async () => {
    const token = await setupAdmin(t.core);
    const before = (await auditCount());
    await t.core.call('system.settings.update', { backupKeep: 3 }, token);
    expect((await auditCount())).toBe(before + 1);
    const row = (await sqlOne(t.core.store, 'SELECT username, action, entity, before_json, after_json FROM audit_log ORDER BY id DESC LIMIT 1')) as Record<string, string>;
    expect(row).toMatchObject({ username: ADMIN.username, action: 'modifica', entity: 'impostazioni' });
    expect(JSON.parse(row.before_json!).backupKeep).toBe(10);
    expect(JSON.parse(row.after_json!).backupKeep).toBe(3);
  });

  it('reverts everything when a write fails halfway', async () => {
    const token = await setupAdmin(t.core);
    const before = (await auditCount());
    const outcome = await t.core.call('system.settings.update', { bandFragileAbove: 5, bandStrongBelow: 20 }, token);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await auditCount())).toBe(before);
    expect(await t.core.call('system.settings.get', {}, token)).toMatchObject({ result: { bandFragileAbove: 30, bandStrongBelow: 11 } });
  });

  it('revokes the sessions of a user who is deactivated', async () => {
    const token = await setupAdmin(t.core);
    const created = await t.core.call('auth.users.create', { fullName: 'Op', username: 'operatore1', role: 'operatore', password: 'password-op-12' }, token);
    const id = (created as { result: { id: number } }).result.id;
    const opToken = ((await t.core.call('auth.login', { username: 'operatore1', password: 'password-op-12' }, null)) as { result: { token: string } }).result.token;
    await t.core.call('auth.users.update', { id, active: false }, token);
    expect(await t.core.call('dashboard.counts', {}, opToken)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.core.call('auth.login', { username: 'operatore1', password: 'password-op-12' }, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('gives the services the caller and the clock: the audit row names the user and the time of the call', async () => {
    const at = new Date('2031-02-03T04:05:06.000Z');
    const core = new AppCore(t.core.store, clockAt(() => at));
    const token = await setupAdmin(core);
    await core.call('system.settings.update', { backupKeep: 4 }, token);
    const row = (await sqlOne(t.core.store, 'SELECT at, user_id, username FROM audit_log ORDER BY id DESC LIMIT 1')) as Record<string, unknown>;
    expect(row).toMatchObject({ at: at.toISOString(), username: ADMIN.username, user_id: expect.any(Number) });
    // the CLI calls as the system, without a session
    await core.callAsSystem('system.settings.update', { backupKeep: 5 });
    expect((await sqlOne(t.core.store, 'SELECT user_id, username FROM audit_log ORDER BY id DESC LIMIT 1'))).toEqual({ user_id: null, username: 'sistema' });
  });

  it('checks the roles a method declares for some inputs only, before the service runs', async () => {
    const token = await setupAdmin(t.core);
    await t.core.call('auth.users.create', { fullName: 'Op', username: 'operatore2', role: 'operatore', password: 'password-op-12' }, token);
    const login = await t.core.call('auth.login', { username: 'operatore2', password: 'password-op-12' }, null);
    const opToken = (login as { result: { token: string } }).result.token;
    // case 999 does not exist: the refusal comes from the contract's rolesFor, not from the service
    expect(await t.core.call('cases.transition', { caseId: 999, to: 'in_carico', date: '2024-01-01' }, opToken)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Solo un coordinatore può prendere in carico un caso o dichiararlo fuori target' },
    });
    expect(await t.core.call('cases.transition', { caseId: 999, to: 'concluso', date: '2024-01-01' }, opToken)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('rejects unknown methods', async () => {
    expect(await t.core.call('people.drop', {}, null)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('describes every method with a JSON Schema of its input', () => {
    const methods = describeMethods();
    expect(methods.map((m) => m.name).sort()).toEqual(Object.keys(contract).sort());
    const create = methods.find((m) => m.name === 'auth.users.create');
    expect(create?.input).toMatchObject({ type: 'object', required: expect.arrayContaining(['username', 'password', 'role']) });
  });
});
