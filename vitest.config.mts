import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The integration tests run a second time on PostgreSQL (a server started by the global setup), all
 * but these: SQLite's own machinery (file backups, restores, encrypted copies of the file), and what
 * still reads the SQLite file directly (the report facts, and the exports that run in a worker).
 */
const SQLITE_ONLY = [
  'electron/services/system/backup.test.ts',
  'electron/services/system/restore.test.ts',
  'electron/services/system/encryptedBackup.test.ts',
  'electron/services/system/audit.test.ts',
  // anonymisation takes a file backup first, which a shared server refuses (its administrator backs it up)
  'electron/services/system/anonymisation.test.ts',
  // the facts' query plans (SQLite's indexes), the linked suppression attacked with SQLite-only counts, and pure units
  'electron/services/reports/facts.test.ts',
  'electron/services/reports/linked.test.ts',
  'electron/services/reports/suppression.test.ts',
  // two processes on one SQLite file (the server takes care of its own locking)
  'electron/services/twoProcesses.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration tests of the Node side, next to the code, against real SQLite.
        test: {
          name: 'node',
          include: ['electron/**/*.test.ts', 'db/**/*.test.ts'],
          // *.pg.test.ts: shared-server behaviour (desks writing at once), meaningful on PostgreSQL only
          exclude: ['db/postgres/**', '**/*.pg.test.ts'],
          environment: 'node',
          // limits for a busy 2-core machine shared with other runs: a database seeded in a beforeAll
          // takes seconds alone and several times that under load (vitest's own hook limit is 10 s)
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        // The same integration tests on PostgreSQL: tempCore() creates each database from a template.
        test: {
          name: 'postgres',
          include: ['db/postgres/**/*.test.ts', 'electron/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          environment: 'node',
          // the server's URL (IXL_TEST_PG) is in every worker's environment once the setup ran: this says which project uses it
          env: { IXL_TEST_ENGINE: 'postgres' },
          globalSetup: ['electron/testing/postgresSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        // The renderer's logic and components, in jsdom, rendered with renderer/src/test/render.tsx.
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 30_000,
          setupFiles: ['renderer/src/test/setup.ts'],
        },
      },
    ],
  },
});
