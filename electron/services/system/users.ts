import { sql } from 'kysely';
import { AppError } from '../../contract/errors';
import type { Role } from '../../contract/roles';
import type { SessionUser, UserRow } from '../../contract/auth';
import { hashPassword, verifyPassword, dummyHash } from './password';
import { write, type ServiceContext } from '../context';

type UserRecord = { id: number; username: string; full_name: string; role: string; organisation_id: number | null; active: number; created_at: string; last_login_at: string | null };

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
  };
}
const userColumns = ['id', 'username', 'full_name', 'role', 'organisation_id', 'active', 'created_at', 'last_login_at'] as const;

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
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
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

const WRONG_CREDENTIALS = 'Nome utente o password non corretti';

/** Checks the credentials; the same message for an unknown user and a wrong password. */
export async function authenticate(ctx: ServiceContext, { username, password }: { username: string; password: string }): Promise<SessionUser> {
  const user = await ctx.store.db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'role', 'organisation_id', 'active', 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
  if (!user || !user.password_hash || !ok) throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  if (user.active !== 1) throw new AppError('FORBIDDEN', 'Questo utente è disattivato: rivolgersi all’amministratore');
  const sessionUser: SessionUser = { id: user.id, username: user.username, fullName: user.full_name, role: user.role as Role, organisationId: user.organisation_id };
  const caller = { userId: user.id, username: user.username, fullName: user.full_name, role: sessionUser.role, organisationId: user.organisation_id };
  await write({ ...ctx, caller }, async (trx) => {
    await trx.updateTable('users').set({ last_login_at: ctx.clock.nowIso() }).where('id', '=', user.id).execute();
    return { result: undefined, audit: { read: true, action: 'accesso', entity: 'utente', entityId: user.id } };
  });
  return sessionUser;
}

export async function changePassword(ctx: ServiceContext, { currentPassword, newPassword }: { currentPassword: string; newPassword: string }): Promise<void> {
  const userId = ctx.caller.userId;
  if (userId === null) throw new AppError('UNAUTHENTICATED', 'Accedere prima di cambiare la password');
  const user = await ctx.store.db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirst();
  if (!user?.password_hash || !(await verifyPassword(currentPassword, user.password_hash))) {
    throw new AppError('VALIDATION', 'La password attuale non è corretta', { currentPassword: 'Password non corretta' });
  }
  const hash = await hashPassword(newPassword);
  await write(ctx, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    return { result: undefined, audit: { action: 'cambia_password', entity: 'utente', entityId: userId } };
  });
}
