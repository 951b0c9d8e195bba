import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { chooseChromium } from './e2e/support/chromium';

/**
 * End-to-end tests: Chromium (CHROMIUM_PATH, the system's, or the one from npm: see
 * e2e/support/chromium.ts) drives the built renderer served by the web host (compiled CLI) on two
 * fresh databases: an empty one (first run) and one with the demo data; the journeys run again on a
 * shared PostgreSQL server with two desks (e2e/support/sharedHosts.ts).
 */
export const E2E_TOKEN = 'e2e-chiave-di-prova';
export const E2E_ADMIN = { username: 'admin.e2e', password: 'password-e2e-123', fullName: 'Amministratore Prove' };
/** IXL_E2E_PORT and IXL_E2E_DATA let two runs share a machine (e.g. two engineers' checkouts). */
export const E2E_DATA = path.resolve(process.env.IXL_E2E_DATA ?? '.e2e-data');
const portBase = Number(process.env.IXL_E2E_PORT ?? 5191);
export const PORTS = { fresh: portBase, demo: portBase + 1, sharedA: portBase + 2, sharedB: portBase + 3 } as const;
/** The specs that also run on the shared PostgreSQL database (desk A; live-updates uses desk B too). */
const ON_SHARED_DATABASE = ['journey-wednesday.spec.ts', 'people-register.spec.ts', 'budget.spec.ts', 'live-updates.spec.ts'];

const cli = 'node build/electron/electron/cli/cli.js';
/**
 * Everything runs in the browser's time zone, as the app does on an office PC, so that the specs, the
 * host and the page agree on "today" even between 23:00 and 24:00 UTC. Set before the workers and
 * the web servers start, which inherit it.
 */
process.env.TZ = 'Europe/Rome';
const chromium = chooseChromium();
// the config is read again in each worker: say it once, from the runner
if (process.env.TEST_WORKER_INDEX === undefined) console.log(`Chromium per le prove (${chromium.source}): ${chromium.executablePath}`);
const env = { IXL_WEB_TOKEN: E2E_TOKEN, IXL_PASSWORD: E2E_ADMIN.password };

export default defineConfig({
  testDir: 'e2e',
  outputDir: path.join(E2E_DATA, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  // generous: CI may run on a busy 2-core machine
  timeout: 60_000,
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'it-IT',
    timezoneId: process.env.TZ,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium.executablePath,
      env: chromium.env,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'primo-avvio', testMatch: 'first-run.spec.ts', use: { baseURL: `http://127.0.0.1:${PORTS.fresh}` } },
    { name: 'dati-demo', testIgnore: ['first-run.spec.ts', 'live-updates.spec.ts'], use: { baseURL: `http://127.0.0.1:${PORTS.demo}` } },
    { name: 'database-condiviso', testMatch: ON_SHARED_DATABASE, use: { baseURL: `http://127.0.0.1:${PORTS.sharedA}` } },
  ],
  webServer: [
    {
      command: `rm -rf ${E2E_DATA}/fresh && ${cli} serve --db ${E2E_DATA}/fresh/ixl.sqlite --port ${PORTS.fresh}`,
      url: `http://127.0.0.1:${PORTS.fresh}/`,
      env,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command:
        `rm -rf ${E2E_DATA}/demo && ${cli} seed --db ${E2E_DATA}/demo/ixl.sqlite --scale demo --seed 7 && ` +
        `${cli} user add --db ${E2E_DATA}/demo/ixl.sqlite --username ${E2E_ADMIN.username} --name "${E2E_ADMIN.fullName}" --role amministratore && ` +
        `${cli} serve --db ${E2E_DATA}/demo/ixl.sqlite --port ${PORTS.demo}`,
      url: `http://127.0.0.1:${PORTS.demo}/`,
      // Impostazioni → Database saves its choice in the user data folder: this run's own, not the machine's
      env: { ...env, XDG_CONFIG_HOME: path.join(E2E_DATA, 'demo', 'config') },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `node --import tsx e2e/support/sharedHosts.ts ${PORTS.sharedA} ${PORTS.sharedB}`,
      url: `http://127.0.0.1:${PORTS.sharedB}/`,
      env,
      reuseExistingServer: false,
      timeout: 240_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    },
  ],
});
