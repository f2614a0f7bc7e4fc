import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

/**
 * Which Chromium drives the end-to-end tests: Playwright's own when it is installed, else a
 * system Chromium (LINKGRAPH_CHROMIUM, or Debian's /usr/bin/chromium), since Playwright
 * cannot download its browsers on every machine.
 */
function chromiumExecutable(): string | undefined {
  const own = chromium.executablePath();
  if (own && existsSync(own)) return undefined; // Playwright finds its own.
  const system = process.env.LINKGRAPH_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(system)) return system;
  throw new Error(
    `No Chromium for the end-to-end tests: run "npx playwright install chromium", install Debian's "chromium", or set LINKGRAPH_CHROMIUM to a Chromium binary (looked for ${own} and ${system}).`,
  );
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
