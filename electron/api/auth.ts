import { AppError } from '../contract/errors';
import type { authContract } from '../contract/auth';
import { changePassword, countLoginUsers, createUser, listUsers, setupAdministrator, unlockUser, updateUser } from '../services/system/users';
import { authenticate } from '../services/system/login';
import { accountStamp } from '../services/system/accountStamp';
import type { SessionUser } from '../contract/auth';
import type { CallContext } from './handlers';
import type { AreaHandlers } from './handlers';

async function startSession(ctx: CallContext, user: SessionUser): Promise<{ token: string; user: SessionUser }> {
  const stamp = await accountStamp(ctx.store.db, user.id);
  if (!stamp) throw new AppError('UNAUTHENTICATED', 'Account non utilizzabile: accedere di nuovo');
  return { token: ctx.sessions.create(user, stamp), user };
}

export const authHandlers: AreaHandlers<keyof typeof authContract> = {
  'auth.status': async (ctx) => ({ needsSetup: (await countLoginUsers(ctx)) === 0, user: ctx.user }),
  'auth.setup': async (ctx, input) => {
    await setupAdministrator(ctx, input);
    return startSession(ctx, await authenticate(ctx, input, ctx.host));
  },
  'auth.login': async (ctx, input) => startSession(ctx, await authenticate(ctx, input, ctx.host)),
  'auth.logout': async (ctx) => {
    if (ctx.token) ctx.sessions.delete(ctx.token);
    return { ok: true };
  },
  'auth.changePassword': async (ctx, input) => {
    await changePassword(ctx, input, ctx.host);
    // whoever else holds a session of this user (another desk, a forgotten browser) must log in again:
    // here they are dropped, on other hosts their stamp no longer matches (dispatch)
    if (ctx.user) ctx.sessions.revoke(ctx.user.id, ctx.token);
    const stamp = ctx.user && (await accountStamp(ctx.store.db, ctx.user.id));
    if (ctx.token && stamp) ctx.sessions.restamp(ctx.token, stamp);
    return { ok: true };
  },
  'auth.users.list': listUsers,
  'auth.users.create': createUser,
  'auth.users.update': async (ctx, input) => {
    if (Object.keys(input).length === 1) throw new AppError('VALIDATION', 'Nessuna modifica indicata');
    const user = await updateUser(ctx, input);
    if (input.role !== undefined || input.active !== undefined || input.password !== undefined) ctx.sessions.revoke(user.id);
    return user;
  },
  'auth.users.unlock': unlockUser,
};
