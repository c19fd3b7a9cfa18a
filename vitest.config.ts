import { defineConfig } from 'vitest/config';

// chDB binds one data directory per process and can crash at exit inside
// worker_threads, so every test file runs in its own forked process.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
