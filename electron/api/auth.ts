import { AppError } from '../contract/errors';
import type { authContract } from '../contract/auth';
import { authenticate, changePassword, countLoginUsers, createUser, listUsers, setupAdministrator, updateUser } from '../services/system/users';
import type { AreaHandlers } from './handlers';

export const authHandlers: AreaHandlers<keyof typeof authContract> = {
  'auth.status': async (_input, ctx) => ({ needsSetup: (await countLoginUsers(ctx.store)) === 0, user: ctx.user }),
  'auth.setup': async (input, ctx) => {
    await setupAdministrator(ctx, input);
    const user = await authenticate(ctx, input.username, input.password);
    return { token: ctx.sessions.create(user), user };
  },
  'auth.login': async (input, ctx) => {
    const user = await authenticate(ctx, input.username, input.password);
    return { token: ctx.sessions.create(user), user };
  },
  'auth.logout': async (_input, ctx) => {
    if (ctx.token) ctx.sessions.delete(ctx.token);
    return { ok: true };
  },
  'auth.changePassword': async (input, ctx) => {
    await changePassword(ctx, input.currentPassword, input.newPassword);
    return { ok: true };
  },
  'auth.users.list': (_input, ctx) => listUsers(ctx),
  'auth.users.create': (input, ctx) => createUser(ctx, input),
  'auth.users.update': async (input, ctx) => {
    if (Object.keys(input).length === 1) throw new AppError('VALIDATION', 'Nessuna modifica indicata');
    const user = await updateUser(ctx, input);
    if (input.role !== undefined || input.active !== undefined || input.password !== undefined) ctx.sessions.revoke(user.id);
    return user;
  },
};
