import { AppError } from '../contract/errors';
import type { authContract } from '../contract/auth';
import { changePassword, countLoginUsers, createUser, listUsers, setupAdministrator, unlockUser, updateUser } from '../services/system/users';
import { authenticate } from '../services/system/login';
import type { AreaHandlers } from './handlers';

export const authHandlers: AreaHandlers<keyof typeof authContract> = {
  'auth.status': async (ctx) => ({ needsSetup: (await countLoginUsers(ctx)) === 0, user: ctx.user }),
  'auth.setup': async (ctx, input) => {
    await setupAdministrator(ctx, input);
    const user = await authenticate(ctx, input, ctx.host);
    return { token: ctx.sessions.create(user), user };
  },
  'auth.login': async (ctx, input) => {
    const user = await authenticate(ctx, input, ctx.host);
    return { token: ctx.sessions.create(user), user };
  },
  'auth.logout': async (ctx) => {
    if (ctx.token) ctx.sessions.delete(ctx.token);
    return { ok: true };
  },
  'auth.changePassword': async (ctx, input) => {
    await changePassword(ctx, input);
    // whoever else holds a session of this user (another desk, a forgotten browser) must log in again
    if (ctx.user) ctx.sessions.revoke(ctx.user.id, ctx.token);
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
