import { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../contract/index';
import { AppError, type CallResult } from '../contract/errors';
import { ROLE_LABELS } from '../contract/roles';
import type { Store } from '../../db/connection';
import { isConnectionError } from '../../db/postgres/errors';
import type { MethodDef } from '../contract/define';
import type { SessionUser } from '../contract/auth';
import type { SessionStore } from './sessions';
import type { CallContext, Handler } from './handlers';
import { SYSTEM_CALLER, ANONYMOUS_CALLER, systemClock, type Caller, type Clock } from '../services/context';
import { uniqueRuleConflict } from '../services/uniqueRules';
import { accountStamp } from '../services/system/accountStamp';
import { authHandlers } from './auth';
import { dashboardHandlers } from './dashboard';
import { systemHandlers } from './system';
import { peopleHandlers } from './people';
import { casesHandlers } from './cases';
import { assessmentsHandlers } from './assessments';
import { companiesHandlers } from './companies';
import { pathsHandlers } from './paths';
import { matchingHandlers } from './matching';
import { pactsHandlers } from './pacts';
import { budgetHandlers } from './budget';
import { reportsHandlers } from './reports';
import { jobsHandlers } from './jobs';

z.config(z.locales.it());

export const DATABASE_UNREACHABLE = 'Il database condiviso non è raggiungibile: l’operazione non è stata eseguita e non è stato salvato nulla. Riprovare quando la connessione torna.';

/** Every method's handler, one map per area. The type makes a method declared in the contract without a handler a compile error. */
const handlers: { [M in MethodName]: Handler<M> } = {
  ...authHandlers,
  ...dashboardHandlers,
  ...systemHandlers,
  ...peopleHandlers,
  ...casesHandlers,
  ...assessmentsHandlers,
  ...companiesHandlers,
  ...pathsHandlers,
  ...matchingHandlers,
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

/** Where a call comes from: the host's database and sessions, and who calls. */
export interface CallSource {
  store: Store;
  sessions: SessionStore;
  /** The session token sent with the call (null before login). */
  token: string | null;
  /** Set by the CLI, which acts as the system administrator without logging in. */
  asSystem?: boolean;
  /** The services' clock; the system clock unless a test fixes it. */
  clock?: Clock;
  /** The computer or address the call comes from (the login throttle counts failures per host). */
  host: string;
}

const SYSTEM_USER: SessionUser = { id: 0, username: SYSTEM_CALLER.username, fullName: SYSTEM_CALLER.fullName, role: 'amministratore', organisationId: null };

function callerOf(user: SessionUser | null, asSystem: boolean): Caller {
  if (asSystem) return SYSTEM_CALLER;
  if (!user) return ANONYMOUS_CALLER;
  return { userId: user.id, username: user.username, fullName: user.fullName, role: user.role, organisationId: user.organisationId };
}

/**
 * The caller's user, if their session is still valid for the account as the database holds it now:
 * a password, role or organisation changed, a lock or a deactivation from any host ends it.
 */
async function sessionUser(source: CallSource): Promise<SessionUser | null> {
  const session = source.sessions.get(source.token);
  if (!session) return null;
  if ((await accountStamp(source.store.db, session.user.id)) === session.stamp) return session.user;
  source.sessions.delete(source.token!);
  return null;
}

/**
 * The one entry point of the API for every host: check the caller's role, parse the input with the
 * method's schema, check the roles that depend on the input, build the ServiceContext, run the
 * handler. The only place where roles are checked. Never throws: errors come back as
 * `{code, message, fields}`.
 */
export async function dispatch(method: string, input: unknown, source: CallSource): Promise<DispatchResult> {
  try {
    if (!isMethodName(method)) throw new AppError('NOT_FOUND', `Operazione sconosciuta: ${method}`);
    const def = contract[method];
    const user = source.asSystem ? SYSTEM_USER : await sessionUser(source);
    if (def.roles !== 'public') {
      if (!user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
      if (!def.roles.includes(user.role)) throw new AppError('FORBIDDEN', `Il ruolo «${ROLE_LABELS[user.role]}» non consente questa operazione`);
    }
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const narrower = 'rolesFor' in def ? (def as MethodDef).rolesFor?.(parsed.data) : null;
    if (narrower && user && !narrower.roles.includes(user.role)) {
      throw new AppError('FORBIDDEN', typeof narrower.message === 'string' ? narrower.message : narrower.message(user.role));
    }
    const ctx: CallContext = {
      store: source.store,
      clock: source.clock ?? systemClock,
      caller: callerOf(user, source.asSystem === true),
      sessions: source.sessions,
      token: source.token,
      host: source.host,
      user,
    };
    const handler = handlers[method] as (ctx: CallContext, input: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(ctx, parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    if (isConnectionError(error)) return { ok: false, error: { code: 'UNAVAILABLE', message: DATABASE_UNREACHABLE } };
    // a unique rule the database enforced behind a service's own check (two desks at the same instant)
    const duplicate = uniqueRuleConflict(error);
    if (duplicate) return { ok: false, error: duplicate.toBody() };
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
