import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
// @ts-expect-error -- plain .mjs helper shared with `npm start`, no type declarations.
import { findElectronBinary } from '../scripts/electron-binary.mjs';

const binary = findElectronBinary() as string | null;
const SKIP_REASON =
  'SKIPPED: no Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron release to run the desktop-app tests).';
if (!binary) console.warn(`\n[e2e/electron-app] ${SKIP_REASON}\n`);

test.describe('Electron app', () => {
  test.skip(!binary, SKIP_REASON);

  test('[X1] the desktop window loads the renderer through the preload bridge and shows the workspace', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-electron-'));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [join(import.meta.dirname, '..'), '--data', dataDir, '--no-sandbox'],
    });
    try {
      const window = await app.firstWindow();
      await expect(window.locator('.react-flow__node')).toHaveCount(4);
      // Only the contract's functions are exposed, and no Node.
      const exposed = await window.evaluate(() => ({
        api: Object.keys((window as unknown as { linkgraph: object }).linkgraph).sort(),
        hasRequire: typeof (window as unknown as { require?: unknown }).require,
      }));
      expect(exposed).toEqual({
        api: ['app.info', 'graph.get', 'workspace.list'],
        hasRequire: 'undefined',
      });
    } finally {
      await app.close();
    }
  });
});
