import type { ApiErrorBody } from '../contract/errors';
import type { Input, MethodName, Output } from '../contract/index';
import type { AppCore } from '../api/core';

/** Calls a method through the API as the UI does and returns its typed result; a refusal fails the test. */
export async function callOk<M extends MethodName>(core: AppCore, method: M, input: Input<M>, token: string): Promise<Output<M>> {
  const r = await core.call(method, input, token);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fields ?? {})}`);
  return r.result as Output<M>;
}

/** Calls a method that must be refused and returns the error; success fails the test. */
export async function callRefused<M extends MethodName>(core: AppCore, method: M, input: Input<M>, token: string): Promise<ApiErrorBody> {
  const r = await core.call(method, input, token);
  if (r.ok) throw new Error(`${method} non doveva riuscire`);
  return r.error;
}
