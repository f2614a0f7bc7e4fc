import { defineConfig } from 'vitest/config';

// Unit and integration tests (Node). End-to-end tests live in e2e/ and run under Playwright.
export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    // Temporary folders of the run under one folder, removed at its end (scripts/vitest-tmpdir.ts).
    globalSetup: ['scripts/vitest-tmpdir.ts'],
    testTimeout: 20_000,
  },
});
