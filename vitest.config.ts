import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts an embedded PostgreSQL for the run when no server answers at TEST_DATABASE_URL.
    globalSetup: ['test/support/global-setup.ts'],
    // Each file opens its own databases; PGlite start-up and migrations take a second or two.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
