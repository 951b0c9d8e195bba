import { z } from 'zod';
import { method } from './define';
import { ADMIN_ONLY, ANY_ROLE, ROLES, type Role } from './roles';
import { requiredText, noInput, id } from './common';
import { PASSWORD_HINT, passwordProblem } from '../domain/passwordPolicy';

export interface SessionUser {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  /** The organisation the user works for, if any. */
  organisationId: number | null;
}
export interface LoginResult {
  token: string;
  user: SessionUser;
}
export interface UserRow extends SessionUser {
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  /** Set after too many failed logins: the user cannot log in until an administrator unlocks the account. */
  lockedAt: string | null;
}

export const username = z
  .string({ error: 'Nome utente: campo obbligatorio' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Nome utente: da 3 a 40 caratteri tra lettere, cifre, punto, trattino');
/**
 * A password being set: the rules that need nothing else (electron/domain/passwordPolicy.ts); the
 * services add the ones that need the user name and the list of common passwords.
 */
export const newPassword = z
  .string({ error: 'Password: campo obbligatorio' })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(PASSWORD_HINT);
const role = z.enum(ROLES, { error: 'Ruolo non valido' });

export const authContract = {
  'auth.status': method<{ needsSetup: boolean; user: SessionUser | null }>()({
    summary: 'Dice se serve creare l’amministratore e chi è l’utente della sessione.',
    input: noInput,
    roles: 'public',
  }),
  'auth.setup': method<LoginResult>()({
    summary: 'Primo avvio: crea l’amministratore (solo se non esistono utenti).',
    input: z.object({ fullName: requiredText('Nome e cognome', 120), username, password: newPassword }),
    roles: 'public',
  }),
  'auth.login': method<LoginResult>()({
    summary: 'Accesso con nome utente e password.',
    input: z.object({
      username: z.string().trim().toLowerCase().min(1, 'Inserire il nome utente').max(100, 'Nome utente troppo lungo'),
      password: z.string().min(1, 'Inserire la password').max(1000, 'Password troppo lunga'),
    }),
    roles: 'public',
  }),
  'auth.logout': method<{ ok: true }>()({ summary: 'Chiude la sessione.', input: noInput, roles: ANY_ROLE }),
  'auth.changePassword': method<{ ok: true }>()({
    summary: 'Cambia la propria password e chiude le proprie altre sessioni.',
    input: z.object({ currentPassword: z.string().min(1, 'Inserire la password attuale'), newPassword }),
    roles: ANY_ROLE,
  }),
  'auth.users.list': method<UserRow[]>()({ summary: 'Elenco degli utenti.', input: noInput, roles: ADMIN_ONLY }),
  'auth.users.create': method<UserRow>()({
    summary: 'Crea un utente.',
    input: z.object({ fullName: requiredText('Nome e cognome', 120), username, role, password: newPassword }),
    roles: ADMIN_ONLY,
  }),
  'auth.users.update': method<UserRow>()({
    summary: 'Modifica ruolo, stato o password di un utente.',
    input: z.object({ id, fullName: requiredText('Nome e cognome', 120).optional(), role: role.optional(), active: z.boolean().optional(), password: newPassword.optional() }),
    roles: ADMIN_ONLY,
  }),
  'auth.users.unlock': method<UserRow>()({
    summary: 'Sblocca un utente bloccato dopo troppi accessi non riusciti.',
    input: z.object({ id }),
    roles: ADMIN_ONLY,
  }),
};
