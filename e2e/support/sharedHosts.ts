import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { adminQuery, startTestServer } from '../../electron/testing/postgresServer';

/**
 * The shared-database setting of the end-to-end tests (Playwright's web server «database-condiviso»):
 * a throwaway PostgreSQL server, a database with the demo data and the e2e administrator, and two
 * desks — two `ixl serve` processes on ports A and B — connected to it. Stopped with SIGTERM
 * (Playwright's graceful shutdown): the desks, then the server, whose folder is removed.
 *
 *   node --import tsx e2e/support/sharedHosts.ts PORT_A PORT_B
 */
const CLI = 'build/electron/electron/cli/cli.js';
const ports = process.argv.slice(2, 4);
if (ports.length !== 2) throw new Error('Uso: sharedHosts.ts PORTA_A PORTA_B');

function cli(args: string[]): void {
  const run = spawnSync(process.execPath, [CLI, ...args], { stdio: 'inherit', env: process.env });
  if (run.status !== 0) throw new Error(`ixl ${args[0]} non riuscito (${run.status})`);
}

async function main(): Promise<void> {
  const server = await startTestServer();
  const desks: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const desk of desks) desk.kill('SIGTERM');
    await Promise.all(desks.map((desk) => new Promise((resolve) => (desk.exitCode !== null ? resolve(null) : desk.once('exit', resolve)))));
    await server.stop();
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  try {
    await adminQuery(server.baseUrl, 'CREATE DATABASE ixl_e2e TEMPLATE ixl_template');
    const location = `${server.baseUrl}/ixl_e2e`;
    cli(['seed', '--db', location, '--scale', 'demo', '--seed', '7']);
    cli(['user', 'add', '--db', location, '--username', 'admin.e2e', '--name', 'Amministratore Prove', '--role', 'amministratore']);
    for (const port of ports) {
      const desk = spawn(process.execPath, [CLI, 'serve', '--db', location, '--port', port], { stdio: 'inherit', env: process.env });
      desk.once('exit', (code) => {
        if (!stopping) void stop(code ?? 1);
      });
      desks.push(desk);
    }
  } catch (error) {
    console.error(error);
    await stop(1);
  }
}

void main();
