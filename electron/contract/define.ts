import type { z } from 'zod';
import type { Role } from './roles';

/** A narrower set of roles that applies to some inputs only, with the Italian message of the refusal (which may name the caller's role). */
export interface InputRoles {
  roles: readonly Role[];
  message: string | ((role: Role) => string);
}

/**
 * One API method, declared once: its input schema, the roles allowed to call it (or 'public' for the
 * few calls made before login) and, as a type only, its output. Handlers live in electron/api and are
 * type-checked against these declarations. Every role check is declared here and made by the dispatch;
 * services never check roles (they only hide personal data, through services/privacy.ts).
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  roles: 'public' | readonly Role[];
  /** Roles that depend on the input (e.g. the status a case moves to): checked after parsing, null when `roles` suffice. */
  rolesFor?(input: z.output<I>): InputRoles | null;
  /** Phantom field carrying the output type; never set at run time. */
  readonly _output?: O;
}

/** `method<Output>()({ summary, input, roles })`: curried so the output type is explicit and the input inferred. */
export function method<O>() {
  return <I extends z.ZodType>(def: {
    summary: string;
    input: I;
    roles: 'public' | readonly Role[];
    rolesFor?(input: z.output<I>): InputRoles | null;
  }): MethodDef<I, O> => def;
}

export type InputOf<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? O : never;
