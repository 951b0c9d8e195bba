import fs from 'node:fs';
import type pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import { SSL_MODES, type SslMode } from '../../electron/contract/systemDatabase';
import { lookupPassword, type PasswordTarget } from './pgpass';

/**
 * How a postgres:// location becomes the driver's settings, TLS included. `sslmode` and
 * `sslrootcert` (the CA file) come from the URL's query (`?sslmode=verify-full&sslrootcert=/path/ca.pem`,
 * which is also how Impostazioni → Database saves them) or, when the URL has none, from PGSSLMODE and
 * PGSSLROOTCERT, as with psql. They mean what they mean for libpq — pg on its own reads «require» as
 * «verify-full» — so the driver gets an explicit `ssl` setting and a URL without them. The password
 * is the URL's; without one, PGPASSWORD's or the password file's (pgpass.ts), looked up when connecting.
 */
export class ConnectionSettingsError extends Error {
  override name = 'ConnectionSettingsError';
}

/** The TLS part of a location: the mode and the CA file, as written in its query (or the environment). */
export function tlsOf(location: string, env: NodeJS.ProcessEnv = process.env): { sslmode: SslMode; sslrootcert: string | null } {
  const query = new URL(location).searchParams;
  const mode = query.get('sslmode') ?? env.PGSSLMODE ?? 'disable';
  if (!(SSL_MODES as readonly string[]).includes(mode)) {
    throw new ConnectionSettingsError(`Modalità TLS «${mode}» non valida: usare ${SSL_MODES.join(', ')}`);
  }
  const rootcert = query.get('sslrootcert') ?? env.PGSSLROOTCERT ?? null;
  return { sslmode: mode as SslMode, sslrootcert: rootcert || null };
}

/** The driver's `ssl` setting for a mode and a CA file (read here, so that a missing file is named). */
export function sslSetting(sslmode: SslMode, sslrootcert: string | null): false | ConnectionOptions {
  if (sslmode === 'disable') return false;
  let ca: string | undefined;
  if (sslrootcert) {
    try {
      ca = fs.readFileSync(sslrootcert, 'utf8');
    } catch {
      throw new ConnectionSettingsError(`Il file del certificato dell’autorità (CA) non si legge: ${sslrootcert}`);
    }
  }
  // any host name: the certificate is checked against the CA only
  const anyHost = () => undefined;
  switch (sslmode) {
    case 'require':
      // libpq: with a CA file, «require» checks the certificate as «verify-ca» does
      return ca ? { ca, checkServerIdentity: anyHost } : { rejectUnauthorized: false };
    case 'verify-ca':
      if (!ca) throw new ConnectionSettingsError('Con sslmode=verify-ca serve il file del certificato dell’autorità (sslrootcert)');
      return { ca, checkServerIdentity: anyHost };
    case 'verify-full':
      return ca ? { ca } : {};
  }
}

/**
 * The driver's settings for a postgres:// location: its parts (host, port, database, user, password
 * and any other query parameter, as pg reads a URL) without the TLS parameters, and `ssl`. Given as
 * fields, not as a connection string: pg's pool drops a password function when it merges one in.
 */
export function pgConfig(location: string, env: NodeJS.ProcessEnv = process.env): pg.ClientConfig {
  const { sslmode, sslrootcert } = tlsOf(location, env);
  const url = new URL(location);
  for (const name of ['sslmode', 'sslrootcert']) url.searchParams.delete(name);
  const part = (value: string) => decodeURIComponent(value) || undefined;
  const config: Record<string, unknown> = {
    ...Object.fromEntries(url.searchParams),
    host: url.searchParams.get('host') ?? part(url.hostname.replace(/^\[(.*)\]$/, '$1')),
    port: url.port ? Number(url.port) : undefined,
    database: part(url.pathname.slice(1)),
    user: part(url.username),
    ssl: sslSetting(sslmode, sslrootcert),
  };
  config.password = part(url.password) ?? url.searchParams.get('password') ?? undefined;
  if (config.password === undefined) {
    // called when connecting, with the connection's resolved host, port, database and user (PGHOST, PGUSER… applied)
    config.password = (target: PasswordTarget) => lookupPassword(target, env);
  }
  return config as pg.ClientConfig;
}
