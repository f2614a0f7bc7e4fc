/**
 * Which Chromium the end-to-end tests and the canvas benchmark launch: Playwright's own when
 * it is installed, else a system Chromium (LINKGRAPH_CHROMIUM, or Debian's /usr/bin/chromium),
 * since Playwright cannot download its browsers on every machine.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags for a sandboxed, offline machine: no background network calls that would be refused. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** undefined: Playwright finds its own; a path: the system Chromium; throws when there is none. */
export function chromiumExecutable(): string | undefined {
  const own = chromium.executablePath();
  if (own && existsSync(own)) return undefined;
  const system = process.env.LINKGRAPH_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(system)) return system;
  throw new Error(
    `No Chromium found: run "npx playwright install chromium", install Debian's "chromium", or set LINKGRAPH_CHROMIUM to a Chromium binary (looked for ${own} and ${system}).`,
  );
}
