import { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../contract/index';
import { AppError, type CallResult } from '../contract/errors';
import { ROLE_LABELS } from '../contract/roles';
import type { Store } from '../../db/connection';
import type { SessionStore } from './sessions';
import type { CallContext, Handler } from './handlers';
import { authHandlers } from './auth';
import { systemHandlers } from './system';
import { peopleHandlers } from './people';
import { peopleReadHandlers } from './peopleRead';
import { casesHandlers } from './cases';
import { companiesHandlers } from './companies';
import { pathsHandlers } from './paths';
import { pactsHandlers } from './pacts';
import { budgetHandlers } from './budget';
import { reportsHandlers } from './reports';
import { jobsHandlers } from './jobs';

z.config(z.locales.it());

/** Every method's handler. The type makes a method declared in the contract without a handler a compile error. */
const handlers: { [M in MethodName]: Handler<M> } = { ...authHandlers, ...systemHandlers, ...peopleHandlers, ...peopleReadHandlers, ...casesHandlers,
  ...companiesHandlers,
  ...pathsHandlers,
  ...pactsHandlers,
  ...budgetHandlers,
  ...reportsHandlers,
  ...jobsHandlers,
};

export type DispatchResult = CallResult;

/** Turns zod issues into one Italian message and a message per field (dotted path). */
export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const message = first ? `Dati non validi: ${first.message}` : 'Dati non validi';
  return new AppError('VALIDATION', message, fields);
}

export interface Caller {
  store: Store;
  sessions: SessionStore;
  /** The session token sent with the call (null before login). */
  token: string | null;
  /** Set by the CLI, which acts as the system administrator without logging in. */
  asSystem?: boolean;
}

const SYSTEM_USER = { id: 0, username: 'sistema', fullName: 'Sistema (riga di comando)', role: 'amministratore' as const };

/**
 * The one entry point of the API for every host: parse the input with the method's schema, check
 * the caller's role, run the handler. Never throws: errors come back as `{code, message, fields}`.
 */
export async function dispatch(method: string, input: unknown, caller: Caller): Promise<DispatchResult> {
  try {
    if (!isMethodName(method)) throw new AppError('NOT_FOUND', `Operazione sconosciuta: ${method}`);
    const def = contract[method];
    const user = caller.asSystem ? SYSTEM_USER : caller.sessions.get(caller.token);
    if (def.roles !== 'public') {
      if (!user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
      if (!def.roles.includes(user.role)) throw new AppError('FORBIDDEN', `Il ruolo «${ROLE_LABELS[user.role]}» non consente questa operazione`);
    }
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const ctx: CallContext = {
      store: caller.store,
      sessions: caller.sessions,
      token: caller.token,
      user,
      actor: user ? { userId: user.id || null, username: user.username } : { userId: null, username: 'anonimo' },
    };
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data, ctx) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    console.error(`[ixl] errore in ${method}:`, error);
    return { ok: false, error: { code: 'INTERNAL', message: 'Errore interno: l’operazione non è stata eseguita. Riprovare; se si ripete, contattare l’assistenza.' } };
  }
}

/** The method list with the JSON Schema of each input, for `GET /rpc` and `ixl methods`. */
export function describeMethods(): { name: string; summary: string; roles: 'public' | readonly string[]; input: unknown }[] {
  return (Object.keys(contract) as MethodName[]).sort().map((name) => {
    const def = contract[name];
    return { name, summary: def.summary, roles: def.roles, input: z.toJSONSchema(def.input, { unrepresentable: 'any', io: 'input' }) };
  });
}
