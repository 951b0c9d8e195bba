import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The integration tests that run a second time on PostgreSQL (a server started by the global setup).
 * Tests of SQLite's own machinery (file migrations, restore of a file, the bulk seed) stay SQLite-only.
 */
const ON_POSTGRES = ['db/postgres/**/*.test.ts', 'electron/api/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration tests of the Node side, next to the code, against real SQLite.
        test: {
          name: 'node',
          include: ['electron/**/*.test.ts', 'db/**/*.test.ts'],
          exclude: ['db/postgres/**'],
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
          include: ON_POSTGRES,
          environment: 'node',
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
