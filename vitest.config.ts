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
    testTimeout: 20_000,
  },
});
