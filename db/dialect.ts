import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Engine } from './connection';
import type { DB } from './schema';

/**
 * The few places where one SQL text cannot serve both engines. Everything else is written once: the
 * PostgreSQL schema supplies what SQLite has built in (the `nocase` collation, `instr`), and the pool
 * returns numbers and 0/1 where SQLite does (db/postgres/pool.ts).
 */
export function engineOf(db: Kysely<DB>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** SQLite's `INDEXED BY` hint where its planner needs one; nothing on PostgreSQL, whose planner chooses. */
export function indexedBy(db: Kysely<DB>, index: string): RawBuilder<unknown> {
  return engineOf(db) === 'sqlite' ? sql.raw(`INDEXED BY ${index}`) : sql``;
}

/** `expr` kept from answering from an index on SQLite (the unary "+"); the expression itself on PostgreSQL. */
export function unindexed<T>(db: Kysely<DB>, expr: RawBuilder<T>): RawBuilder<T> {
  return engineOf(db) === 'sqlite' ? sql<T>`+${expr}` : expr;
}

/**
 * A join whose order SQLite must keep as written (its CROSS JOIN, which also takes an ON); a plain
 * JOIN on PostgreSQL, where CROSS JOIN takes no condition and the planner orders joins itself.
 */
export function orderedJoin(db: Kysely<DB>): RawBuilder<unknown> {
  return sql.raw(engineOf(db) === 'sqlite' ? 'CROSS JOIN' : 'JOIN');
}

/**
 * A sort direction that puts NULLs where SQLite does (first ascending, last descending), also on
 * PostgreSQL, whose default is the opposite: lists sort the same on both engines.
 */
export function direction(db: Kysely<DB>, dir: 'asc' | 'desc'): RawBuilder<unknown> {
  const sqlite = dir === 'desc' ? 'DESC' : 'ASC';
  return sql.raw(engineOf(db) === 'sqlite' ? sqlite : `${sqlite} ${dir === 'desc' ? 'NULLS LAST' : 'NULLS FIRST'}`);
}

/**
 * A text column ordered by its bytes, as SQLite's default BINARY collation does, also on PostgreSQL
 * (whose database collation may be a language's): reference lists come out in the same order.
 */
export function binaryOrder<T>(db: Kysely<DB>, column: RawBuilder<T>): RawBuilder<T> {
  return engineOf(db) === 'sqlite' ? column : sql<T>`${column} COLLATE "C"`;
}
