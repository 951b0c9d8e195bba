import type { Contract, MethodName, Output } from '../contract/index';
import type { ParsedInputOf } from '../contract/define';
import type { SessionUser } from '../contract/auth';
import type { ServiceContext } from '../services/context';
import type { SessionStore } from './sessions';

/**
 * What a handler receives: the service context (database, clock, caller) and, for the few handlers of
 * the auth and system areas that manage sessions and logins, the session registry, the call's token
 * and where the call comes from.
 */
export interface CallContext extends ServiceContext {
  user: SessionUser | null;
  token: string | null;
  sessions: SessionStore;
  /** The computer or address the call comes from. */
  host: string;
}

/** A handler has the shape of a service entry point, `(ctx, input)`, so most are the service itself. */
export type Handler<M extends MethodName> = (ctx: CallContext, input: ParsedInputOf<Contract[M]>) => Promise<Output<M>>;
/** A handler for every method of one area, checked against the contract. */
export type AreaHandlers<K extends MethodName> = { [M in K]: Handler<M> };
