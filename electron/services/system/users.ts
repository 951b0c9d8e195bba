import { sql } from 'kysely';
import { AppError } from '../../contract/errors';
import type { Role } from '../../contract/roles';
import type { UserRow } from '../../contract/auth';
import { hashPassword } from './password';
import { assertPasswordAllowed } from './commonPasswords';
import { clearAccount } from './loginThrottle';
import { authenticate } from './login';
import { write, type ServiceContext } from '../context';

type UserRecord = {
  id: number;
  username: string;
  full_name: string;
  role: string;
  organisation_id: number | null;
  active: number;
  created_at: string;
  last_login_at: string | null;
  locked_at: string | null;
};

function toRow(u: UserRecord): UserRow {
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    role: u.role as Role,
    organisationId: u.organisation_id,
    active: u.active === 1,
    createdAt: u.created_at,
    lastLoginAt: u.last_login_at,
    lockedAt: u.locked_at,
  };
}
const userColumns = ['id', 'username', 'full_name', 'role', 'organisation_id', 'active', 'created_at', 'last_login_at', 'locked_at'] as const;

/** Users who can log in; when there are none the app asks for the administrator (first run). */
export async function countLoginUsers(ctx: ServiceContext): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

async function assertUsernameFree(ctx: ServiceContext, username: string): Promise<void> {
  const existing = await ctx.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', `Il nome utente «${username}» è già in uso`, { username: 'Nome utente già in uso' });
}

export async function createUser(ctx: ServiceContext, input: { fullName: string; username: string; role: Role; password: string }): Promise<UserRow> {
  await assertUsernameFree(ctx, input.username);
  assertPasswordAllowed(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return write(ctx, async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({ username: input.username, full_name: input.fullName, role: input.role, password_hash: passwordHash, created_at: ctx.clock.nowIso() })
      .returning(userColumns)
      .executeTakeFirstOrThrow();
    const result = toRow(row);
    return { result, audit: { action: 'crea', entity: 'utente', entityId: row.id, after: result } };
  });
}

/** First run only: creates the administrator when no user can log in yet. */
export async function setupAdministrator(ctx: ServiceContext, input: { fullName: string; username: string; password: string }): Promise<UserRow> {
  if ((await countLoginUsers(ctx)) > 0) throw new AppError('CONFLICT', 'L’amministratore è già stato creato: accedere con le proprie credenziali');
  return createUser(ctx, { ...input, role: 'amministratore' });
}

export async function listUsers(ctx: ServiceContext): Promise<UserRow[]> {
  const rows = await ctx.store.db.selectFrom('users').select(userColumns).orderBy('full_name').execute();
  return rows.map(toRow);
}

export async function updateUser(
  ctx: ServiceContext,
  input: { id: number; fullName?: string; role?: Role; active?: boolean; password?: string },
): Promise<UserRow> {
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    const user = await ctx.store.db.selectFrom('users').select('username').where('id', '=', input.id).executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', 'Utente non trovato');
    assertPasswordAllowed(input.password, user.username);
    passwordHash = await hashPassword(input.password);
  }
  return write(ctx, async (trx) => {
    const before = await trx.selectFrom('users').select(userColumns).where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', 'Utente non trovato');
    const demotesSelf = input.id === ctx.caller.userId && ((input.role && input.role !== 'amministratore') || input.active === false);
    if (demotesSelf) throw new AppError('VALIDATION', 'Non è possibile togliere a sé stessi il ruolo di amministratore o disattivarsi');
    const row = await trx
      .updateTable('users')
      .set({
        ...(input.fullName !== undefined && { full_name: input.fullName }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
      })
      .where('id', '=', input.id)
      .returning(userColumns)
      .executeTakeFirstOrThrow();
    const result = toRow(row);
    const after = { ...result, ...(passwordHash !== undefined && { password: 'modificata' }) };
    return { result, audit: { action: 'modifica', entity: 'utente', entityId: row.id, before: toRow(before), after } };
  });
}

/** Unlocks an account locked after too many failed logins, and forgets its failures. */
export async function unlockUser(ctx: ServiceContext, { id }: { id: number }): Promise<UserRow> {
  return write(ctx, async (trx) => {
    const before = await trx.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', 'Utente non trovato');
    if (before.locked_at === null) throw new AppError('CONFLICT', `L’utente «${before.username}» non è bloccato`);
    const row = await trx.updateTable('users').set({ locked_at: null }).where('id', '=', id).returning(userColumns).executeTakeFirstOrThrow();
    await clearAccount(trx, before.username);
    const result = toRow(row);
    return { result, audit: { action: 'sblocca', entity: 'utente', entityId: id, before: { lockedAt: before.locked_at }, after: { lockedAt: null } } };
  });
}

/**
 * Changes the caller's own password. The current one is checked as a login from `host` is, under the
 * same throttle and audit (login.ts): a session left open must not become a way to guess it.
 */
export async function changePassword(ctx: ServiceContext, { currentPassword, newPassword }: { currentPassword: string; newPassword: string }, host: string): Promise<void> {
  const userId = ctx.caller.userId;
  const username = ctx.caller.username;
  if (userId === null) throw new AppError('UNAUTHENTICATED', 'Accedere prima di cambiare la password');
  try {
    await authenticate(ctx, { username, password: currentPassword }, host);
  } catch (error) {
    // a wrong password here is a mistake in a form, not the end of the session
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
      throw new AppError('VALIDATION', 'La password attuale non è corretta', { currentPassword: 'Password non corretta' });
    }
    throw error;
  }
  assertPasswordAllowed(newPassword, username, 'newPassword');
  const hash = await hashPassword(newPassword);
  await write(ctx, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    return { result: undefined, audit: { action: 'cambia_password', entity: 'utente', entityId: userId } };
  });
}
