/**
 * A fresh headless serve with the starter plan for every test, and the look-ups the editor's
 * inspector and menu tests share: a starter node by title, what the server stored, the page's
 * panels, and light/dark documentation screenshots.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { api, graph } from './api';
import { startServe, type ServeHandle } from './serve-process';
import { docShotPath } from './doc-shots';

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export interface StarterPlan {
  /** This test's server (a new one per test). */
  readonly serve: ServeHandle;
  /** The starter node with this title, as the server had it when the test began. */
  named(title: string): NodeRecord;
  /** Every starter node, as the server had it when the test began. */
  starterNodes(): NodeRecord[];
  stored(id: string): Promise<NodeRecord>;
  storedLink(id: string): Promise<LinkRecord | undefined>;
  historyCount(): Promise<number>;
  /** The starter plan's link from one titled node to another. */
  starterLink(source: string, target: string): Promise<LinkRecord>;
  /** Opens the editor and waits for its cards. */
  open(page: Page): Promise<void>;
}

/** Registers a beforeEach/afterEach pair that starts and stops a serve around each test. */
export function starterPlanPerTest(): StarterPlan {
  let serve: ServeHandle | undefined;
  let byTitle: Record<string, NodeRecord> = {};
  test.beforeEach(async () => {
    serve = await startServe();
    byTitle = Object.fromEntries((await graph(serve)).nodes.map((n) => [n.title, n]));
  });
  test.afterEach(async () => {
    await serve?.stop();
    serve = undefined;
  });
  const current = (): ServeHandle => {
    if (!serve) throw new Error('no serve outside a test');
    return serve;
  };
  const named = (title: string) => byTitle[title] as NodeRecord;
  return {
    get serve() {
      return current();
    },
    named,
    starterNodes: () => Object.values(byTitle),
    stored: async (id) => (await graph(current())).nodes.find((n) => n.id === id) as NodeRecord,
    storedLink: async (id) => (await graph(current())).links.find((l) => l.id === id),
    historyCount: async () =>
      (await api<{ items: unknown[] }>(current(), 'GET', '/api/history?limit=500')).items.length,
    starterLink: async (source, target) =>
      (await graph(current())).links.find(
        (l) => l.source === named(source).id && l.target === named(target).id,
      ) as LinkRecord,
    open: async (page) => {
      await page.goto(current().url);
      await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
    },
  };
}

export const nodePanel = (page: Page) => page.getByRole('complementary', { name: 'Node details' });
export const linkPanel = (page: Page) => page.getByRole('complementary', { name: 'Link details' });

/** Saves a documentation screenshot of the page in light and dark. */
export async function screens(
  page: Page,
  name: string,
  reopen?: () => Promise<void>,
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const toggle = page.getByRole('button', {
      name: theme === 'dark' ? 'Use dark theme' : 'Use light theme',
    });
    if (await toggle.isVisible()) {
      await page.keyboard.press('Escape');
      await toggle.click();
      if (reopen) await reopen();
    }
    await page.screenshot({ path: docShotPath(`${name}-${theme}`) });
  }
  await page.getByRole('button', { name: 'Use light theme' }).click();
}

export async function rightClick(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
}
