import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // Tests that need a PostgreSQL server of their own run in the server suite (vitest.pg.config.ts).
    exclude: ['src/**/*.pg.test.ts', 'node_modules/**'],
    // One PGlite per worker, shared across its files (cloned per file): module state must survive between files.
    isolate: false,
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // A worker's first file builds the migrated, seeded base database; on a busy two-core machine that took over 60 s.
    hookTimeout: 180_000,
  },
});
