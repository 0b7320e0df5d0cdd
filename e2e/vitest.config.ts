import { defineConfig } from 'vitest/config';

// End-to-end suite: the real app on a real port, driven by the system Chromium (/usr/bin/chromium).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
