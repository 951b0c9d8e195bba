import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration tests of the Node side, next to the code, against real SQLite.
        test: {
          name: 'node',
          include: ['electron/**/*.test.ts', 'db/**/*.test.ts'],
          environment: 'node',
          // limits for a busy 2-core machine shared with other runs: a database seeded in a beforeAll
          // takes seconds alone and several times that under load (vitest's own hook limit is 10 s)
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
