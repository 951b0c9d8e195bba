import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { adminQuery, TEMPLATE_DATABASE } from '../../electron/testing/postgresServer';
import { DatabaseConnectionError, Store } from '../connection';
import { pgConfig } from './config';

/**
 * A postgres:// location becomes the driver's settings: TLS from the URL's query (or PGSSLMODE),
 * with libpq's meaning of each mode, and the password from the URL, PGPASSWORD or ~/.pgpass. What
 * cannot be checked without a TLS server is checked on the settings pg receives.
 */
const server = process.env.IXL_TEST_PG!;
const base = new URL(server);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-tls-'));
const ca = path.join(dir, 'ca.pem');
const CA_TEXT = '-----BEGIN CERTIFICATE-----\nprova\n-----END CERTIFICATE-----\n';
const saved = { ...process.env };
// a database of its own: a connection to the template would hold up every CREATE DATABASE … TEMPLATE
const database = `cfg_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  fs.writeFileSync(ca, CA_TEXT);
  await adminQuery(server, `CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`);
});
afterEach(() => {
  for (const name of ['PGPASSWORD', 'PGPASSFILE', 'PGSSLMODE', 'PGSSLROOTCERT']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await adminQuery(server, `DROP DATABASE ${database} WITH (FORCE)`);
});

/** The `ssl` setting the driver ends up with (after merging what it parses from the URL). */
const sslOf = (location: string) => (new pg.Client(pgConfig(location)) as unknown as { connectionParameters: { ssl: unknown } }).connectionParameters.ssl;

describe('TLS settings', () => {
  it('map each sslmode to what libpq means by it, and reach the driver', () => {
    expect(sslOf('postgres://u@db/ixl')).toBe(false);
    expect(sslOf('postgres://u@db/ixl?sslmode=disable')).toBe(false);
    expect(sslOf('postgres://u@db/ixl?sslmode=require')).toEqual({ rejectUnauthorized: false });
    expect(sslOf(`postgres://u@db/ixl?sslmode=require&sslrootcert=${ca}`)).toEqual({ ca: CA_TEXT, checkServerIdentity: expect.any(Function) });
    expect(sslOf(`postgres://u@db/ixl?sslmode=verify-ca&sslrootcert=${ca}`)).toEqual({ ca: CA_TEXT, checkServerIdentity: expect.any(Function) });
    expect(sslOf('postgres://u@db/ixl?sslmode=verify-full')).toEqual({});
    expect(sslOf(`postgres://u@db/ixl?sslmode=verify-full&sslrootcert=${ca}`)).toEqual({ ca: CA_TEXT });
  });

  it('take the mode and the CA from PGSSLMODE and PGSSLROOTCERT when the URL has none', () => {
    process.env.PGSSLMODE = 'verify-full';
    process.env.PGSSLROOTCERT = ca;
    expect(sslOf('postgres://u@db/ixl')).toEqual({ ca: CA_TEXT });
    expect(sslOf('postgres://u@db/ixl?sslmode=disable')).toBe(false);
  });

  it('keep the rest of the URL for the driver', () => {
    const config = pgConfig(`postgres://u%40ufficio:p%3Aw@[::1]:6543/ixl%20rete?sslmode=require&sslrootcert=${ca}&application_name=x`);
    expect({ ...config, ssl: undefined }).toEqual({ host: '::1', port: 6543, database: 'ixl rete', user: 'u@ufficio', password: 'p:w', application_name: 'x', ssl: undefined });
    const params = (new pg.Client(pgConfig('postgres://u:p@db:6543/ixl')) as unknown as { connectionParameters: Record<string, unknown> }).connectionParameters;
    expect({ host: params.host, port: params.port, database: params.database, user: params.user, password: params.password }).toEqual({ host: 'db', port: 6543, database: 'ixl', user: 'u', password: 'p' });
  });

  it('refuse what they cannot honour, in Italian', () => {
    expect(() => pgConfig('postgres://u@db/ixl?sslmode=prefer')).toThrow('Modalità TLS «prefer» non valida: usare disable, require, verify-ca, verify-full');
    expect(() => pgConfig('postgres://u@db/ixl?sslmode=verify-ca')).toThrow('Con sslmode=verify-ca serve il file del certificato dell’autorità (sslrootcert)');
    expect(() => pgConfig('postgres://u@db/ixl?sslmode=verify-full&sslrootcert=/non/esiste.pem')).toThrow(
      'Il file del certificato dell’autorità (CA) non si legge: /non/esiste.pem',
    );
  });

  it('with sslmode=require, a server without TLS is refused with an Italian message', async () => {
    const opening = Store.open(`${server}/${database}?sslmode=require`);
    await expect(opening).rejects.toBeInstanceOf(DatabaseConnectionError);
    await expect(opening).rejects.toThrow(`Il server ${base.host} non accetta connessioni cifrate (TLS), che le impostazioni richiedono (sslmode)`);
  });
});

describe('the password', () => {
  const withoutPassword = () => `postgres://${base.username}@${base.host}/${database}`;

  it('comes from PGPASSWORD when the URL has none', async () => {
    process.env.PGPASSWORD = decodeURIComponent(base.password);
    await (await Store.open(withoutPassword())).close();
  });

  it('comes from the .pgpass file (PGPASSFILE, else ~/.pgpass) when the URL has none', async () => {
    const file = path.join(dir, 'pgpass');
    fs.writeFileSync(file, `# server di prova\n${base.hostname}:${base.port}:*:${base.username}:${decodeURIComponent(base.password)}\n`, { mode: 0o600 });
    process.env.PGPASSFILE = file;
    delete process.env.PGPASSWORD;
    await (await Store.open(withoutPassword())).close();
  });

  it('when wrong, is refused with an Italian message that never shows it', async () => {
    const opening = Store.open(`postgres://${base.username}:sbagliata@${base.host}/${database}`);
    await expect(opening).rejects.toThrow(`Accesso rifiutato dal server ${base.host}: password errata o mancante per l’utente «${base.username}»`);
    await expect(opening).rejects.not.toThrow(/sbagliata/);
  });

  it('a missing database is named', async () => {
    await expect(Store.open(`${server}/non_esiste`)).rejects.toThrow(`Il database «non_esiste» non esiste sul server ${base.host}.`);
  });
});
