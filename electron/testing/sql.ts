import { sql } from 'kysely';
import type { Store } from '../../db/connection';

/**
 * Plain SQL for tests' own checks, on either engine: `?` placeholders, bound in order (kysely writes
 * them as $1, $2… on PostgreSQL).
 */
function query<T>(text: string, params: unknown[]) {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`${parts.length - 1} segnaposto e ${params.length} valori: ${text}`);
  const strings = Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
  return sql<T>(strings, ...params);
}

/** Every row of a query. */
export async function sqlAll<T = Record<string, unknown>>(store: Store, text: string, ...params: unknown[]): Promise<T[]> {
  return (await query<T>(text, params).execute(store.db)).rows;
}

/** The first row of a query, or undefined. */
export async function sqlOne<T = Record<string, unknown>>(store: Store, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await sqlAll<T>(store, text, ...params))[0];
}

/** Runs a statement (tests that set up a state the API refuses to create, or corrupt one on purpose). */
export async function sqlRun(store: Store, text: string, ...params: unknown[]): Promise<void> {
  await query(text, params).execute(store.db);
}

/** Runs an INSERT of one row and returns its id (RETURNING works on both engines). */
export async function sqlInsert(store: Store, text: string, ...params: unknown[]): Promise<number> {
  const row = await sqlOne<{ id: number }>(store, `${text} RETURNING id`, ...params);
  return Number(row!.id);
}

/** The first column of the first row (undefined without rows). */
export async function sqlValue<T = unknown>(store: Store, text: string, ...params: unknown[]): Promise<T | undefined> {
  const row = await sqlOne(store, text, ...params);
  return row === undefined ? undefined : (Object.values(row)[0] as T);
}

/** The first column of every row. */
export async function sqlColumn<T = unknown>(store: Store, text: string, ...params: unknown[]): Promise<T[]> {
  return (await sqlAll(store, text, ...params)).map((row) => Object.values(row)[0] as T);
}
