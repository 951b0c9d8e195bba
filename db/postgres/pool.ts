import pg from 'pg';
import { pgConfig } from './config';

/**
 * How values come back from PostgreSQL: as the SQLite side gives them. bigint (money in cents,
 * counts) and numeric (sums) as JS numbers — cents stay far below 2^53 —, booleans (comparisons,
 * EXISTS) as 1/0 like SQLite's, text dates untouched. Per pool, not pg's global parsers.
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    if (oid === pg.types.builtins.BOOL) return (value: string) => (value === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/**
 * A pool of connections to the server at `location` (a postgres:// URL, TLS settings in its query:
 * config.ts; the password may come from PGPASSWORD or ~/.pgpass, as with psql). `max` connections per desk.
 */
export function openPool(location: string, max = 10): pg.Pool {
  // a server that does not answer fails a call after a while instead of holding it forever
  const pool = new pg.Pool({ ...pgConfig(location), max, types: TYPES, application_name: 'IXL Desk', connectionTimeoutMillis: 10_000 });
  // an idle connection dropped by the server (restart, network) must not crash the process: the pool
  // discards it and the next query opens a new one
  pool.on('error', (error) => console.error('[ixl] connessione al database condiviso interrotta:', error.message));
  return pool;
}
