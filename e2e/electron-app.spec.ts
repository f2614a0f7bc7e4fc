import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
// @ts-expect-error -- plain .mjs helper shared with `npm start`, no type declarations.
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { METHOD_NAMES } from '../shared/contract/method-names';
import { drawLink, edge } from './support/canvas';

const binary = findElectronBinary() as string | null;
const SKIP_REASON =
  'SKIPPED: no Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron release to run the desktop-app tests).';
if (!binary) console.warn(`\n[e2e/electron-app] ${SKIP_REASON}\n`);

const launch = (dataDir: string): Promise<ElectronApplication> =>
  electron.launch({
    executablePath: binary ?? undefined,
    args: [join(import.meta.dirname, '..'), '--data', dataDir, '--no-sandbox'],
  });

interface GraphSummary {
  nodes: { id: string; title: string }[];
  links: { id: string; source: string; target: string }[];
}

/** The graph as the app window's own bridge answers it. */
const graphOf = (window: Page): Promise<GraphSummary> =>
  window.evaluate(async () => {
    const bridge = (window as unknown as { linkgraph: Record<string, () => Promise<unknown>> })
      .linkgraph;
    const answer = (await bridge['graph.get']?.()) as { ok: boolean; value: GraphSummary };
    if (!answer.ok) throw new Error('graph.get failed');
    return {
      nodes: answer.value.nodes.map(({ id, title }) => ({ id, title })),
      links: answer.value.links.map(({ id, source, target }) => ({ id, source, target })),
    };
  });

test.describe('Electron app', () => {
  test.skip(!binary, SKIP_REASON);

  test('[X1] the window loads the renderer from app:// through the preload bridge, without Node', async () => {
    const app = await launch(mkdtempSync(join(tmpdir(), 'linkgraph-electron-')));
    try {
      const page = await app.firstWindow();
      await expect(page.locator('.react-flow__node')).toHaveCount(4);
      expect(page.url()).toBe('app://linkgraph/index.html');
      // Only the contract's functions and the two subscriptions are exposed, and no Node.
      const exposed = await page.evaluate(() => ({
        api: Object.keys((window as unknown as { linkgraph: object }).linkgraph).sort(),
        hasRequire: typeof (window as unknown as { require?: unknown }).require,
        hasProcess: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({
        api: [...METHOD_NAMES, 'onDiff', 'onShellEvent'].sort(),
        hasRequire: 'undefined',
        hasProcess: 'undefined',
      });
      // window.open is refused by the main process.
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  test('[S1] a link drawn in the window is still there after quitting and starting again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-electron-'));
    let app = await launch(dataDir);
    const linkId = await (async () => {
      try {
        const window = await app.firstWindow();
        await expect(window.locator('.react-flow__node')).toHaveCount(4);
        const { nodes } = await graphOf(window);
        const id = (title: string) => nodes.find((n) => n.title === title)?.id ?? '';
        const [design, guide] = [id('Design the schema'), id('Write the guide')];
        expect(design).not.toBe('');
        expect(guide).not.toBe('');

        await drawLink(window, design, guide);
        const drawn = async () =>
          (await graphOf(window)).links.filter((l) => l.source === design && l.target === guide);
        await expect.poll(drawn).toHaveLength(1);
        const created = (await drawn())[0]?.id ?? '';
        await expect(edge(window, created)).toBeVisible();
        return created;
      } finally {
        await app.close();
      }
    })();

    app = await launch(dataDir);
    try {
      const window = await app.firstWindow();
      await expect(window.locator('.react-flow__node')).toHaveCount(4);
      await expect(edge(window, linkId)).toBeVisible();
      expect((await graphOf(window)).links.map((l) => l.id)).toContain(linkId);
    } finally {
      await app.close();
    }
  });
});
