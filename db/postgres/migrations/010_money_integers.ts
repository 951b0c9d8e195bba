import type { PgMigration } from './types';

/**
 * SQLite's 010 rebuilds the money tables to refuse a non-integer amount. On PostgreSQL every *_cents
 * column is `bigint` from its first migration, which refuses one already: the id is recorded.
 */
export const p010_money_integers: PgMigration = {
  id: '010_money_integers',
  up: async () => {},
};
