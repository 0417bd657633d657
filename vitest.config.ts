import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'machines/**/*.test.ts', 'properties/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Issue #11 (npm test time): the test files of one worker share its module registry, so the
    // model is imported once per worker, not once per file (about 40 s of 234 s). Nothing of
    // the model is global (every run builds its own Model); mocks are restored after each test.
    isolate: false,
    restoreMocks: true, // and before each test too, so a spy can never outlive its test into the next file
    // Every core (vitest's default leaves one idle): the property files are CPU-bound and independent.
    maxWorkers: availableParallelism(),
    setupFiles: ['test/setup-fast-check.ts'],
    coverage: { provider: 'v8', include: ['src/**/*.ts'], exclude: ['src/**/*.test.ts'], reporter: ['text-summary', 'text'] },
  },
});
