import type { Contract, MethodName, Output } from '../contract/index';
import type { ParsedInputOf } from '../contract/define';
import type { SessionUser } from '../contract/auth';
import type { Store } from '../../db/connection';
import type { ServiceContext } from '../services/context';
import type { SessionStore } from './sessions';

/** What a handler receives besides its input: the database, the caller and the session registry. */
export interface CallContext extends ServiceContext {
  user: SessionUser | null;
  token: string | null;
  sessions: SessionStore;
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<Contract[M]>, ctx: CallContext) => Promise<Output<M>>;
/** A handler for every method of one area, checked against the contract. */
export type AreaHandlers<K extends MethodName> = { [M in K]: Handler<M> };

export type { Store };
