/** Real mouse gestures on the React Flow canvas, as a person makes them. */
import type { Locator, Page } from '@playwright/test';

export const nodeCard = (page: Page, id: string): Locator =>
  page.locator(`.react-flow__node[data-id="${id}"]`);
export const edge = (page: Page, id: string): Locator =>
  page.locator(`.react-flow__edge[data-id="${id}"]`);

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses at `from`, moves in small steps to `to`, releases: a real drag. */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 16 });
  await page.mouse.up();
}

/** Drags from a node's source handle and drops on the middle of another node (not its handle). */
export async function drawLink(page: Page, sourceId: string, targetId: string): Promise<void> {
  const handle = nodeCard(page, sourceId).locator('.react-flow__handle.source');
  await drag(page, await centre(handle), await centre(nodeCard(page, targetId)));
}

/** Drags an edge's end (`'source'` or `'target'`) onto the middle of another node. */
export async function dragEdgeEnd(
  page: Page,
  edgeId: string,
  end: 'source' | 'target',
  toNodeId: string,
): Promise<void> {
  const anchor = edge(page, edgeId).locator(`.react-flow__edgeupdater-${end}`);
  await drag(page, await centre(anchor), await centre(nodeCard(page, toNodeId)));
}
