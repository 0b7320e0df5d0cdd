import { defineConfig } from 'vitest/config';

// The integration suite against a real PostgreSQL server (TEST_DATABASE_URL, started by .ci/run).
export default defineConfig({
  test: {
    include: [
      'src/**/*.http.test.ts',
      'src/**/*.pg.test.ts',
      'src/platform/http/*.test.ts',
      'src/modules/services/catalog.test.ts',
      'src/modules/services/search.test.ts',
      'src/modules/calculators/calculators.test.ts',
      'src/platform/audit/*.test.ts',
      'src/platform/jobs/*.test.ts',
      'src/platform/db/migrate.test.ts',
    ],
    globalSetup: ['src/testing/pg-global-setup.ts'],
    isolate: false,
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // A worker's first file builds the migrated, seeded base database; on a busy two-core machine that took over 60 s.
    hookTimeout: 180_000,
  },
});
