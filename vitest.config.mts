import { defineConfig } from 'vitest/config';

// Unit and integration tests of the Node side, next to the code, against real SQLite.
export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'db/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
