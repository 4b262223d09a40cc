import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file opens its own databases; PGlite start-up and migrations take a second or two.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
