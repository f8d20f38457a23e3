import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: real headless Chromium against the built lab. One file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
