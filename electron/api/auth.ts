import { AppError } from '../contract/errors';
import type { authContract } from '../contract/auth';
import { authenticate, changePassword, countLoginUsers, createUser, listUsers, setupAdministrator, updateUser } from '../services/system/users';
import type { AreaHandlers } from './handlers';

export const authHandlers: AreaHandlers<keyof typeof authContract> = {
  'auth.status': async (ctx) => ({ needsSetup: (await countLoginUsers(ctx)) === 0, user: ctx.user }),
  'auth.setup': async (ctx, input) => {
    await setupAdministrator(ctx, input);
    const user = await authenticate(ctx, input);
    return { token: ctx.sessions.create(user), user };
  },
  'auth.login': async (ctx, input) => {
    const user = await authenticate(ctx, input);
    return { token: ctx.sessions.create(user), user };
  },
  'auth.logout': async (ctx) => {
    if (ctx.token) ctx.sessions.delete(ctx.token);
    return { ok: true };
  },
  'auth.changePassword': async (ctx, input) => {
    await changePassword(ctx, input);
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
};
