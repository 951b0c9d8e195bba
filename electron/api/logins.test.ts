import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../contract/errors';
import type { Input, MethodName, Output } from '../contract/index';
import { PASSWORD_MESSAGES } from '../domain/passwordPolicy';
import { clockAt } from '../services/context';
import { LOCKED_MESSAGE } from '../services/system/login';
import { ADMIN, tempCore, type TempCore } from '../testing/tempDb';
import { sqlAll, sqlOne, sqlRun, sqlValue } from '../testing/sql';
import { dispatch } from './dispatch';
import { IDLE_MS, LIFETIME_MS, SessionStore } from './sessions';

/**
 * Logins (issue 11) through the dispatch, on a clock the test moves: the throttle per account and per
 * host, the lock and its unlock, the audit of every attempt, the password policy, and the sessions.
 */
let t: TempCore;
let now: number;
let sessions: SessionStore;
let adminToken: string;
let adminId: number;
const HOST = 'computer banco-1';

async function call<M extends MethodName>(method: M, input: Input<M>, token: string | null = null, host = HOST) {
  return dispatch(method, input, { store: t.core.store, sessions, token, clock: clockAt(() => new Date(now)), host });
}
async function ok<M extends MethodName>(method: M, input: Input<M>, token: string | null = null, host = HOST): Promise<Output<M>> {
  const r = await call(method, input, token, host);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as Output<M>;
}
async function refused<M extends MethodName>(method: M, input: Input<M>, token: string | null = null, host = HOST): Promise<ApiErrorBody> {
  const r = await call(method, input, token, host);
  if (r.ok) throw new Error(`${method} non doveva riuscire`);
  return r.error;
}
const later = (seconds: number) => {
  now += seconds * 1000;
};
/** A login's outcome, read loosely: `ok`, and `error` when refused. */
const login = async (username: string, password: string, host = HOST) => (await call('auth.login', { username, password }, null, host)) as { ok: boolean; error?: ApiErrorBody };
const wrong = (username: string, host = HOST) => login(username, 'password-sbagliata', host);
const WRONG = { code: 'UNAUTHENTICATED', message: 'Nome utente o password non corretti' };
const wait = (seconds: number, from = 'per questo utente') => ({
  code: 'TOO_MANY_ATTEMPTS',
  message: `Troppi tentativi di accesso non riusciti ${from}: riprovare tra ${seconds} ${seconds === 1 ? 'secondo' : 'secondi'}`,
});
const LOCKED = { code: 'FORBIDDEN', message: LOCKED_MESSAGE };
const throttle = (kind: string, key: string) => sqlOne<{ failures: number }>(t.core.store, 'SELECT failures FROM login_throttle WHERE kind = ? AND key = ?', kind, key);
const auditRows = (action: string) =>
  sqlAll<{ username: string; user_id: number | null; entity_id: string | null; after_json: string }>(
    t.core.store, 'SELECT username, user_id, entity_id, after_json FROM audit_log WHERE action = ? ORDER BY id', action,
  );

const USER = { fullName: 'Marta Neri', username: 'm.neri', role: 'operatore' as const, password: 'cavallo-batteria-7' };
let userId: number;

beforeEach(async () => {
  t = await tempCore();
  now = Date.parse('2025-03-03T08:00:00.000Z');
  sessions = new SessionStore(() => now);
  const setup = await ok('auth.setup', ADMIN);
  adminToken = setup.token;
  adminId = setup.user.id;
  userId = (await ok('auth.users.create', USER, adminToken)).id;
});
afterEach(async () => {
  await t.cleanup();
});

describe('login throttle', () => {
  it('makes each attempt on an account wait longer after three failures; a refused attempt is not counted; a success starts again', async () => {
    for (let i = 0; i < 3; i++) expect((await wrong(USER.username)).error).toEqual(WRONG);
    // even the right password waits: it is not checked
    expect((await login(USER.username, USER.password)).error).toEqual(wait(1));
    expect(await throttle('account', USER.username)).toEqual({ failures: 3 });
    later(1);
    expect((await wrong(USER.username)).error).toEqual(WRONG);
    expect((await wrong(USER.username)).error).toEqual(wait(2));
    later(2);
    expect((await wrong(USER.username)).error).toEqual(WRONG);
    expect((await wrong(USER.username)).error).toEqual(wait(4));
    later(3);
    expect((await wrong(USER.username)).error).toEqual(wait(1));
    later(1);
    expect((await wrong(USER.username)).error).toEqual(WRONG);
    expect((await wrong(USER.username)).error).toEqual(wait(8));
    expect(await throttle('account', USER.username)).toEqual({ failures: 6 });

    later(8);
    expect((await ok('auth.login', { username: USER.username, password: USER.password })).user.id).toBe(userId);
    expect(await throttle('account', USER.username)).toBeUndefined();
    expect((await wrong(USER.username)).error).toEqual(WRONG);
    expect((await wrong(USER.username)).error).toEqual(WRONG);
  });

  it('waits at most a minute, and forgets the failures of an account after a day without attempts', async () => {
    for (let i = 0; i < 9; i++) {
      expect((await wrong('nessuno.qui')).error).toEqual(WRONG);
      later(60);
    }
    expect((await wrong('nessuno.qui')).error).toEqual(LOCKED);
    expect((await wrong('nessuno.qui')).error).toEqual(LOCKED);
    later(24 * 60 * 60 + 1);
    expect((await wrong('nessuno.qui')).error).toEqual(WRONG);
    expect(await throttle('account', 'nessuno.qui')).toEqual({ failures: 1 });
  });

  it('locks an account after 10 failures in a row, even for the right password; an administrator unlocks it', async () => {
    for (let i = 1; i <= 9; i++) {
      expect((await wrong(USER.username)).error).toEqual(WRONG);
      later(60);
    }
    expect(await sqlValue(t.core.store, 'SELECT locked_at FROM users WHERE id = ?', userId)).toBeNull();
    expect((await wrong(USER.username)).error).toEqual(LOCKED);
    expect(await sqlValue(t.core.store, 'SELECT locked_at FROM users WHERE id = ?', userId)).toBe(new Date(now).toISOString());
    later(3600);
    expect((await login(USER.username, USER.password)).error).toEqual(LOCKED);
    const listed = (await ok('auth.users.list', {}, adminToken)).find((u) => u.id === userId);
    expect(listed?.lockedAt).toBe(new Date(now - 3600 * 1000).toISOString());

    // only an administrator unlocks, and only a locked account
    const operator = (await ok('auth.users.create', { fullName: 'Ugo Verdi', username: 'u.verdi', role: 'operatore', password: 'lampada-gialla-3' }, adminToken)).username;
    const operatorToken = (await ok('auth.login', { username: operator, password: 'lampada-gialla-3' })).token;
    expect(await refused('auth.users.unlock', { id: userId }, operatorToken)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused('auth.users.unlock', { id: adminId }, adminToken)).toEqual({ code: 'CONFLICT', message: `L’utente «${ADMIN.username}» non è bloccato` });
    const unlocked = await ok('auth.users.unlock', { id: userId }, adminToken);
    expect(unlocked).toMatchObject({ id: userId, lockedAt: null });
    expect(await throttle('account', USER.username)).toBeUndefined();
    const [audit] = await auditRows('sblocca');
    expect(audit).toMatchObject({ username: ADMIN.username, user_id: adminId, entity_id: String(userId) });
    expect(JSON.parse(audit!.after_json)).toEqual({ lockedAt: null });

    expect((await ok('auth.login', { username: USER.username, password: USER.password })).user.username).toBe(USER.username);
  });

  it('answers for an unknown user name as for a known one: the same message, waits and lock', async () => {
    for (let i = 0; i < 3; i++) expect((await wrong('mai.esistito')).error).toEqual((await wrong(USER.username)).error);
    expect((await wrong('mai.esistito')).error).toEqual(wait(1));
    expect((await wrong(USER.username)).error).toEqual(wait(1));
  });

  it('throttles a host that tries one password on many accounts, and not the other hosts', async () => {
    for (let i = 1; i <= 10; i++) expect((await wrong(`utente.${i}`)).error).toEqual(WRONG);
    expect(await throttle('host', HOST)).toEqual({ failures: 10 });
    // a fresh account from the same host waits; from another computer it does not
    expect((await wrong('utente.11')).error).toEqual(wait(1, 'da questa postazione'));
    expect((await login(USER.username, USER.password)).error).toEqual(wait(1, 'da questa postazione'));
    expect((await login(USER.username, USER.password, 'computer banco-2')).ok).toBe(true);
    later(1);
    expect((await wrong('utente.11')).error).toEqual(WRONG);
    expect((await wrong('utente.12')).error).toEqual(wait(2, 'da questa postazione'));
    later(2);
    // a success from the host does not count as a failure
    expect((await login(USER.username, USER.password)).ok).toBe(true);
    expect(await throttle('host', HOST)).toEqual({ failures: 11 });
    // forgotten after a quiet quarter of an hour
    later(15 * 60 + 1);
    expect((await wrong('utente.13')).error).toEqual(WRONG);
    expect(await throttle('host', HOST)).toEqual({ failures: 1 });
  });

  it('counts attempts made at the same time: only the free ones are checked', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => wrong(USER.username)));
    const codes = outcomes.map((o) => (o.error?.code ?? 'ok')).sort();
    expect(codes).toEqual([...Array(3).fill('UNAUTHENTICATED'), ...Array(5).fill('TOO_MANY_ATTEMPTS')].sort());
    expect(await throttle('account', USER.username)).toEqual({ failures: 3 });
  });

  it('audits every attempt with the name typed and the host, never the password', async () => {
    const before = Number(await sqlValue(t.core.store, 'SELECT max(id) FROM audit_log'));
    await ok('auth.login', { username: USER.username, password: USER.password });
    for (let i = 0; i < 3; i++) await login(USER.username, `sbagliata-${i}-segreto`);
    await login(USER.username, 'sbagliata-in-attesa');
    await login('sconosciuto', 'sbagliata-sconosciuto');

    const success = await auditRows('accesso');
    expect(success.at(-1)).toMatchObject({ username: USER.username, user_id: userId, entity_id: String(userId) });
    expect(JSON.parse(success.at(-1)!.after_json)).toEqual({ host: HOST });
    const failed = await auditRows('accesso_fallito');
    expect(failed.map((r) => ({ ...r, after: JSON.parse(r.after_json) as unknown, after_json: undefined }))).toEqual([
      ...[1, 2, 3].map((failures) => ({ username: 'anonimo', user_id: null, entity_id: String(userId), after_json: undefined, after: { username: USER.username, host: HOST, failures } })),
      { username: 'anonimo', user_id: null, entity_id: null, after_json: undefined, after: { username: 'sconosciuto', host: HOST, failures: 1 } },
    ]);
    const refusedRows = await auditRows('accesso_rifiutato');
    expect(refusedRows).toHaveLength(1);
    expect(JSON.parse(refusedRows[0]!.after_json)).toEqual({ username: USER.username, host: HOST, waitSeconds: 1 });

    later(3600);
    for (let i = 0; i < 7; i++) {
      await wrong(USER.username);
      later(60);
    }
    await login(USER.username, USER.password);
    expect(JSON.parse((await auditRows('accesso_fallito')).at(-1)!.after_json)).toEqual({ username: USER.username, host: HOST, failures: 10, locked: true });
    expect(JSON.parse((await auditRows('accesso_rifiutato')).at(-1)!.after_json)).toEqual({ username: USER.username, host: HOST, locked: true });

    const written = await sqlAll<{ text: string }>(t.core.store, "SELECT coalesce(before_json, '') || coalesce(after_json, '') AS text FROM audit_log WHERE id > ?", before);
    expect(written.length).toBeGreaterThan(10);
    for (const { text } of written) expect(text).not.toMatch(/sbagliata|cavallo-batteria|password-sbagliata/);
  });
});

describe('password policy', () => {
  const WEAK: [string, string][] = [
    [' '.repeat(10), PASSWORD_MESSAGES.blank],
    ['\t'.repeat(14), PASSWORD_MESSAGES.blank],
    ['aaaaaaaaaa', PASSWORD_MESSAGES.short],
    ['1234567890', PASSWORD_MESSAGES.short],
    ['password12', PASSWORD_MESSAGES.short],
    ['x'.repeat(201), PASSWORD_MESSAGES.long],
    ['aaaaaaaaaaaaaa', PASSWORD_MESSAGES.repeated],
    ['abcabcabcabcabc', PASSWORD_MESSAGES.repeated],
    ['123456789012', PASSWORD_MESSAGES.sequence],
    ['0987654321098', PASSWORD_MESSAGES.sequence],
    ['abcdefghijklm', PASSWORD_MESSAGES.sequence],
    ['QwertyUiopAsd', PASSWORD_MESSAGES.sequence],
    ['password1234', PASSWORD_MESSAGES.common],
    ['Juventus1897', PASSWORD_MESSAGES.common],
    ['IloveYou1234', PASSWORD_MESSAGES.common],
  ];

  it('refuses each weak password of a new user with its Italian message, and creates nothing', async () => {
    const users = await sqlValue(t.core.store, 'SELECT count(*) FROM users');
    const audit = await sqlValue(t.core.store, 'SELECT count(*) FROM audit_log');
    for (const [password, message] of [...WEAK, ['x-G.Bianchi-2025', PASSWORD_MESSAGES.username] as [string, string]]) {
      const error = await refused('auth.users.create', { fullName: 'Gino Bianchi', username: 'g.bianchi', role: 'operatore', password }, adminToken);
      expect({ password, error }).toEqual({ password, error: { code: 'VALIDATION', message: expect.stringContaining(message), fields: { password: message } } });
    }
    expect(await sqlValue(t.core.store, 'SELECT count(*) FROM users')).toBe(users);
    expect(await sqlValue(t.core.store, 'SELECT count(*) FROM audit_log')).toBe(audit);
    expect((await ok('auth.users.create', { fullName: 'Gino Bianchi', username: 'g.bianchi', role: 'operatore', password: 'torre-di-pisa-44' }, adminToken)).username).toBe('g.bianchi');
  });

  it('refuses a weak password set by the administrator or by the user, and changes nothing', async () => {
    const hash = await sqlValue(t.core.store, 'SELECT password_hash FROM users WHERE id = ?', userId);
    for (const [password, message] of [['password1234', PASSWORD_MESSAGES.common], ['nuova-M.Neri-1', PASSWORD_MESSAGES.username]] as const) {
      expect(await refused('auth.users.update', { id: userId, password }, adminToken)).toMatchObject({ code: 'VALIDATION', fields: { password: message } });
    }
    const token = (await ok('auth.login', { username: USER.username, password: USER.password })).token;
    for (const [newPassword, message] of [['qwertyuiopasdf', PASSWORD_MESSAGES.sequence], ['io-sono-m.neri', PASSWORD_MESSAGES.username], ['breve', PASSWORD_MESSAGES.short]] as const) {
      expect(await refused('auth.changePassword', { currentPassword: USER.password, newPassword }, token)).toMatchObject({ code: 'VALIDATION', fields: { newPassword: message } });
    }
    expect(await sqlValue(t.core.store, 'SELECT password_hash FROM users WHERE id = ?', userId)).toBe(hash);
    expect(await sqlValue(t.core.store, "SELECT count(*) FROM audit_log WHERE action IN ('modifica', 'cambia_password')")).toBe(0);
  });

  it('refuses a weak password for the first administrator', async () => {
    const fresh = await tempCore();
    try {
      const setup = (password: string) => dispatch('auth.setup', { fullName: 'Prima Amministratrice', username: 'admin.prima', password }, { store: fresh.core.store, sessions, token: null, host: HOST });
      expect(await setup('password12')).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { password: PASSWORD_MESSAGES.short } } });
      expect(await setup('Admin.Prima-2025')).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { password: PASSWORD_MESSAGES.username } } });
      expect(await sqlValue(fresh.core.store, 'SELECT count(*) FROM users')).toBe(0);
      expect(await setup('ponte-sul-reno-9')).toMatchObject({ ok: true });
    } finally {
      await fresh.cleanup();
    }
  });
});

describe('sessions', () => {
  it('ends the other sessions of a user who changes their own password, and keeps the one that changed it', async () => {
    const here = (await ok('auth.login', { username: USER.username, password: USER.password })).token;
    const there = (await ok('auth.login', { username: USER.username, password: USER.password }, null, 'computer banco-2')).token;
    await ok('auth.changePassword', { currentPassword: USER.password, newPassword: 'nuova-chiave-lunga-8' }, here);
    expect((await call('dashboard.counts', {}, here)).ok).toBe(true);
    expect(await refused('dashboard.counts', {}, there)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await call('dashboard.counts', {}, adminToken)).ok).toBe(true);
    expect((await login(USER.username, USER.password)).error).toEqual(WRONG);
    expect((await login(USER.username, 'nuova-chiave-lunga-8')).ok).toBe(true);
  });

  it('checks the current password of a change like a login: wrong ones are audited and throttled, the session goes on', async () => {
    const token = (await ok('auth.login', { username: USER.username, password: USER.password })).token;
    const change = (currentPassword: string) => call('auth.changePassword', { currentPassword, newPassword: 'nuova-chiave-lunga-8' }, token);
    for (let i = 0; i < 3; i++) {
      expect(await change('non-è-questa')).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'La password attuale non è corretta', fields: { currentPassword: 'Password non corretta' } } });
    }
    expect((await change('non-è-questa')).ok).toBe(false);
    expect((await auditRows('accesso_fallito')).filter((r) => r.entity_id === String(userId)).length).toBe(3);
    // the fourth in a row waits, like a login: the right password too, until the wait ends
    expect(await change(USER.password)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect((await call('dashboard.counts', {}, token)).ok).toBe(true);
    later(120);
    expect((await change(USER.password)).ok).toBe(true);
  });

  it('end on another host too when the password, role or state of the account changes there', async () => {
    // a second host (another `ixl serve`, a desk on the shared server): its own sessions in memory
    const otherHost = new SessionStore(() => now);
    const there = async (token: string) => dispatch('dashboard.counts', {}, { store: t.core.store, sessions: otherHost, token, clock: clockAt(() => new Date(now)), host: 'computer banco-2' });
    const loginThere = async (password = USER.password) => {
      const r = await dispatch('auth.login', { username: USER.username, password }, { store: t.core.store, sessions: otherHost, token: null, clock: clockAt(() => new Date(now)), host: 'computer banco-2' });
      if (!r.ok) throw new Error(r.error.message);
      return (r.result as { token: string }).token;
    };
    const ended = { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sessione scaduta o non valida: accedere di nuovo' } };

    const own = await loginThere();
    const here = (await ok('auth.login', { username: USER.username, password: USER.password })).token;
    expect((await there(own)).ok).toBe(true);
    await ok('auth.changePassword', { currentPassword: USER.password, newPassword: 'nuova-chiave-lunga-8' }, here);
    expect(await there(own)).toEqual(ended);
    expect((await call('dashboard.counts', {}, here)).ok).toBe(true);

    const beforeRole = await loginThere('nuova-chiave-lunga-8');
    await ok('auth.users.update', { id: userId, role: 'sola_lettura' }, adminToken);
    expect(await there(beforeRole)).toEqual(ended);

    const beforeDeactivation = await loginThere('nuova-chiave-lunga-8');
    await ok('auth.users.update', { id: userId, active: false }, adminToken);
    expect(await there(beforeDeactivation)).toEqual(ended);
    await ok('auth.users.update', { id: userId, active: true }, adminToken);

    const beforeLock = await loginThere('nuova-chiave-lunga-8');
    await sqlRun(t.core.store, 'UPDATE users SET locked_at = ? WHERE id = ?', new Date(now).toISOString(), userId);
    expect(await there(beforeLock)).toEqual(ended);
  });

  it('end 12 hours after the login even when in use, and after 8 idle hours', async () => {
    const token = (await ok('auth.login', { username: USER.username, password: USER.password })).token;
    for (let hours = 0; hours < 12; hours += 4) {
      expect((await call('dashboard.counts', {}, token)).ok).toBe(true);
      later(4 * 3600 - 1);
    }
    expect((await call('dashboard.counts', {}, token)).ok).toBe(true);
    later(LIFETIME_MS / 1000 - 3 * (4 * 3600 - 1) + 1);
    expect(await refused('dashboard.counts', {}, token)).toEqual({ code: 'UNAUTHENTICATED', message: 'Sessione scaduta o non valida: accedere di nuovo' });

    const idle = (await ok('auth.login', { username: USER.username, password: USER.password })).token;
    later(IDLE_MS / 1000 + 1);
    expect(await refused('dashboard.counts', {}, idle)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
