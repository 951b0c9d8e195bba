import type { z } from 'zod';
import type { Role } from './roles';

/**
 * One API method, declared once: its input schema, the roles allowed to call it (or 'public' for the
 * few calls made before login) and, as a type only, its output. Handlers live in electron/api and are
 * type-checked against these declarations.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  roles: 'public' | readonly Role[];
  /** Phantom field carrying the output type; never set at run time. */
  readonly _output?: O;
}

/** `method<Output>()({ summary, input, roles })`: curried so the output type is explicit and the input inferred. */
export function method<O>() {
  return <I extends z.ZodType>(def: { summary: string; input: I; roles: 'public' | readonly Role[] }): MethodDef<I, O> => def;
}

export type InputOf<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? O : never;
