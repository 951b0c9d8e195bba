import type { PoolClient } from 'pg';

/**
 * A static PostgreSQL migration. It carries the id of the SQLite migration it stands for, so both
 * engines record the same ids and end with the same schema (db/postgres/schema.test.ts compares
 * them); its step runs inside the runner's transaction.
 */
export interface PgMigration {
  id: string;
  up: (client: PoolClient) => Promise<void>;
}
