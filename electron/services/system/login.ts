import { AppError } from '../../contract/errors';
import type { Role } from '../../contract/roles';
import type { SessionUser } from '../../contract/auth';
import { ANONYMOUS_CALLER, write, type AuditEntry, type ServiceContext } from '../context';
import { dummyHash, verifyPassword } from './password';
import { LOCK_AFTER, accountFailures, pruneForgotten, reserveAttempt, succeeded, type ThrottleKind } from './loginThrottle';

/** The audit actions of a login: a success, a wrong user name or password, an attempt refused without checking it. */
export const LOGIN_ACTIONS = { success: 'accesso', failed: 'accesso_fallito', refused: 'accesso_rifiutato' } as const;

const WRONG_CREDENTIALS = 'Nome utente o password non corretti';
export const LOCKED_MESSAGE = 'Account bloccato dopo troppi tentativi: chiedere a un amministratore di sbloccarlo';
const INACTIVE_MESSAGE = 'Questo utente è disattivato: rivolgersi all’amministratore';

function waitMessage(kind: ThrottleKind, seconds: number): string {
  const from = kind === 'account' ? 'per questo utente' : 'da questa postazione';
  return `Troppi tentativi di accesso non riusciti ${from}: riprovare tra ${seconds} ${seconds === 1 ? 'secondo' : 'secondi'}`;
}

/** An attempt's audit row: never the password, only the name typed and where the attempt came from. */
function auditAttempt(ctx: ServiceContext, action: string, userId: number | undefined, after: Record<string, unknown>): Promise<void> {
  const entry: AuditEntry = { read: true, action, entity: 'utente', entityId: userId ?? null, after };
  return write({ ...ctx, caller: ANONYMOUS_CALLER }, async () => ({ result: undefined, audit: entry }));
}

/**
 * Checks the credentials of a login from `host` (the computer or address it comes from), under the
 * throttle (loginThrottle.ts): an attempt is refused while a wait runs or the account is locked;
 * a wrong password is counted and the 10th in a row locks the account. The same message for an
 * unknown user and a wrong password, and the same waits and lock: the answers do not tell which
 * names exist. Every attempt writes one audit row.
 */
export async function authenticate(ctx: ServiceContext, { username, password }: { username: string; password: string }, host: string): Promise<SessionUser> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const attempt = { username, host };
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'role', 'organisation_id', 'active', 'password_hash', 'locked_at'])
    .where('username', '=', username)
    .executeTakeFirst();

  const locked = user ? user.locked_at !== null : (await accountFailures(db, username, now)) >= LOCK_AFTER;
  if (locked) {
    await auditAttempt(ctx, LOGIN_ACTIONS.refused, user?.id, { username, host, locked: true });
    throw new AppError('FORBIDDEN', LOCKED_MESSAGE);
  }
  const reservation = await reserveAttempt(db, attempt, now);
  if (!reservation.ok) {
    await auditAttempt(ctx, LOGIN_ACTIONS.refused, user?.id, { username, host, waitSeconds: reservation.seconds });
    throw new AppError('TOO_MANY_ATTEMPTS', waitMessage(reservation.kind, reservation.seconds));
  }

  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
  if (!user || !user.password_hash || !ok) {
    const failures = reservation.accountFailures;
    const locks = failures >= LOCK_AFTER;
    await write({ ...ctx, caller: ANONYMOUS_CALLER }, async (trx) => {
      if (locks && user) await trx.updateTable('users').set({ locked_at: ctx.clock.nowIso() }).where('id', '=', user.id).where('locked_at', 'is', null).execute();
      await pruneForgotten(trx, now);
      return { result: undefined, audit: { ...(!locks && { read: true as const }), action: LOGIN_ACTIONS.failed, entity: 'utente', entityId: user?.id ?? null, after: { username, host, failures, ...(locks && { locked: true }) } } };
    });
    throw locks ? new AppError('FORBIDDEN', LOCKED_MESSAGE) : new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }

  if (user.active !== 1) {
    await write({ ...ctx, caller: ANONYMOUS_CALLER }, async (trx) => {
      await succeeded(trx, attempt);
      return { result: undefined, audit: { read: true, action: LOGIN_ACTIONS.refused, entity: 'utente', entityId: user.id, after: { username, host, active: false } } };
    });
    throw new AppError('FORBIDDEN', INACTIVE_MESSAGE);
  }
  const sessionUser: SessionUser = { id: user.id, username: user.username, fullName: user.full_name, role: user.role as Role, organisationId: user.organisation_id };
  const caller = { userId: user.id, username: user.username, fullName: user.full_name, role: sessionUser.role, organisationId: user.organisation_id };
  await write({ ...ctx, caller }, async (trx) => {
    await succeeded(trx, attempt);
    await trx.updateTable('users').set({ last_login_at: ctx.clock.nowIso() }).where('id', '=', user.id).execute();
    return { result: undefined, audit: { read: true, action: LOGIN_ACTIONS.success, entity: 'utente', entityId: user.id, after: { host } } };
  });
  return sessionUser;
}
