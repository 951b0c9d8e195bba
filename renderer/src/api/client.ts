import type { Input, MethodName, Output } from '../../../electron/contract/index';
import type { ErrorCode } from '../../../electron/contract/errors';
import { send } from './transport';

/** An API error in the renderer: the Italian message to show, and per-field messages for forms. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

const SESSION_KEY = 'ixl.session';
let sessionToken: string | null = sessionStorage.getItem(SESSION_KEY);
const sessionListeners = new Set<() => void>();

export function setSessionToken(token: string | null): void {
  sessionToken = token;
  if (token) sessionStorage.setItem(SESSION_KEY, token);
  else sessionStorage.removeItem(SESSION_KEY);
}

/** Called when the server says the session is no longer valid, so the app returns to the login. */
export function onSessionExpired(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Calls one API method with its typed input and returns its typed output, or throws ApiError. */
export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const outcome = await send(method, input, sessionToken);
  if (outcome.ok) return outcome.result as Output<M>;
  const { code, message, fields } = outcome.error;
  if (code === 'UNAUTHENTICATED' && sessionToken && !method.startsWith('auth.')) {
    setSessionToken(null);
    for (const listener of sessionListeners) listener();
  }
  throw new ApiError(code, message, fields);
}
