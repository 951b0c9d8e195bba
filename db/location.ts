import path from 'node:path';

/*
 * Where the database is: a SQLite file path (one desk) or a postgres:// URL (the office network's
 * shared server). `--db`, IXL_DB and the desktop settings all give a location.
 */

/** True for a location that names a PostgreSQL server rather than a SQLite file. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The location with its password hidden, for messages and logs. */
export function redactLocation(location: string): string {
  if (!isPostgresLocation(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    // the driver also takes the password from the query
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/** A location as given on the command line or in IXL_DB: a URL as it is, a file path made absolute. */
export function resolveLocation(location: string): string {
  return isPostgresLocation(location) ? location : path.resolve(location);
}

/** Who and where a postgres:// location connects to, for messages: host:port, the user, the database. */
export function serverOf(location: string): { server: string; user: string; database: string } {
  try {
    const url = new URL(location);
    const user = decodeURIComponent(url.username) || process.env.PGUSER || '';
    return { server: `${url.hostname || 'localhost'}:${url.port || '5432'}`, user, database: decodeURIComponent(url.pathname.slice(1)) || user };
  } catch {
    return { server: 'postgres://…', user: '', database: '' };
  }
}
