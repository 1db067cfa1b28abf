import { defineConfig } from 'vitest/config';

// `npm run bench` runs these through vitest so they can reuse test/support (nginx, demo apps, harness).
export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
