/**
 * Issue 14 item 6: readable at every zoom. The zoom indicator shows the percentage, 100% and
 * fit work (buttons and keys); zoomed out, a card is filled with its status colour and its
 * display id stays readable (≥ 11 px on screen), instead of shrinking to a tick.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { STATUS_COLOURS } from '../shared/ui-constants';
import { api, graph } from './support/api';
import { docShotPath } from './support/doc-shots';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
test.afterEach(async () => {
  await serve?.stop();
});

const zoomOf = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
const level = (page: Page) => page.getByLabel('Zoom level');
const rgb = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};

/** Waits for the zoom animation to settle at `percent`. */
async function zoomIs(page: Page, percent: number): Promise<void> {
  await expect(level(page)).toHaveText(`${percent}%`);
  await expect.poll(async () => Math.round((await zoomOf(page)) * 100)).toBe(percent);
}

/** On-screen size of a card's display id and the card's fill, for every card on screen. */
async function cardsOnScreen(page: Page) {
  const zoom = await zoomOf(page);
  const cards: Locator = page.locator('.react-flow__node .lg-node');
  return cards.evaluateAll((els, z) => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return els
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return (
          r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom
        );
      })
      .map((el) => {
        // The zoomed-out display id is the card's ::before (the near look's is in its header).
        const lod = document.querySelector('.react-flow')!.getAttribute('data-lod');
        const style =
          lod === 'near'
            ? getComputedStyle(el.querySelector('.lg-node__display-id')!)
            : getComputedStyle(el, '::before');
        const text = el.getAttribute('data-display-id') ?? '';
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        return {
          text,
          status: Number(el.getAttribute('data-status')),
          idPx: parseFloat(style.fontSize) * z,
          idShown:
            style.visibility === 'visible' && (lod === 'near' || style.content === `"${text}"`),
          // The whole id shows: its width fits inside the card.
          idFits: ctx.measureText(text).width <= (el as HTMLElement).clientWidth - 4,
          fill: getComputedStyle(el).backgroundColor,
        };
      });
  }, zoom);
}

test('[U5] the zoom indicator shows the percentage; −, +, 100% and Fit work, by button and by key', async ({
  page,
}) => {
  serve = await startServe();
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  const controls = page.getByLabel('Zoom controls');
  await expect(controls).toBeVisible();
  await expect(level(page)).toHaveText(/^\d+%$/);
  expect(await level(page).textContent()).toBe(`${Math.round((await zoomOf(page)) * 100)}%`);

  await controls.getByRole('button', { name: 'Zoom to 100%' }).click();
  await zoomIs(page, 100);
  await controls.getByRole('button', { name: 'Zoom out' }).click();
  await zoomIs(page, 71);
  await controls.getByRole('button', { name: 'Zoom out' }).click();
  await zoomIs(page, 50);
  await controls.getByRole('button', { name: 'Zoom in' }).click();
  await zoomIs(page, 71);

  // Fit: every card of the plan on screen.
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await zoomIs(page, 141);
  await controls.getByRole('button', { name: 'Fit the whole plan' }).click();
  const pane = (await page.locator('.react-flow').boundingBox())!;
  const nodes = (await graph(serve)).nodes.filter((n) => !n.in_trash);
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes.length);
  await expect
    .poll(async () => {
      const boxes = await page
        .locator('.react-flow__node')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      return boxes.every(
        (b) =>
          b.left >= pane.x &&
          b.top >= pane.y &&
          b.right <= pane.x + pane.width &&
          b.bottom <= pane.y + pane.height,
      );
    })
    .toBe(true);
  await expect(level(page)).toHaveText(`${Math.round((await zoomOf(page)) * 100)}%`);

  // The keys: 0 is 100%, − zooms out, F fits; the buttons are reached with Tab.
  await page.keyboard.press('0');
  await zoomIs(page, 100);
  await page.keyboard.press('-');
  await zoomIs(page, 71);
  await page.keyboard.press('f');
  await expect.poll(async () => Math.round((await zoomOf(page)) * 100)).not.toBe(71);
  await controls.getByRole('button', { name: 'Zoom to 100%' }).focus();
  await page.keyboard.press('Enter');
  await zoomIs(page, 100);
});

test('[U5] zoomed out, cards are filled with their status colour and the display id stays ≥ 11 px on screen', async ({
  page,
}) => {
  serve = await startServe();
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  const flow = page.locator('.react-flow');
  await page.keyboard.press('0');
  await zoomIs(page, 100);
  await expect(flow).toHaveAttribute('data-lod', 'near');
  const sizes = () =>
    page
      .locator('.react-flow__node .lg-node')
      .evaluateAll((els) =>
        els.map((e) => `${(e as HTMLElement).offsetWidth}×${(e as HTMLElement).offsetHeight}`),
      );
  const nearSizes = await sizes();
  // Near: the full card (status strip, white card).
  const near = await cardsOnScreen(page);
  expect(near.some((c) => c.fill === rgb(STATUS_COLOURS[c.status as 0]))).toBe(false);

  for (const [presses, percent, look] of [
    [2, 50, 'far'],
    [1, 35, 'overview'],
    [1, 25, 'overview'],
  ] as const) {
    for (let i = 0; i < presses; i++) await page.keyboard.press('-');
    await zoomIs(page, percent);
    await expect(flow).toHaveAttribute('data-lod', look);
    // The text scale is set on the cards' container only (a custom property on the root would
    // restyle every link and panel each time it steps: LevelOfDetail.tsx).
    const scaleOn = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => (e as HTMLElement).style.getPropertyValue('--lg-lod-scale'));
    expect(Number(await scaleOn('.react-flow__nodes'))).toBeGreaterThan(1);
    expect(await scaleOn('.react-flow')).toBe('');
    // The look changes, not the layout: every card keeps its size (nothing is measured again).
    expect(await sizes()).toEqual(nearSizes);
    const cards = await cardsOnScreen(page);
    expect(cards.length).toBeGreaterThan(2);
    // Blocked cards are red, available ones blue…: each card is its status colour.
    expect(new Set(cards.map((c) => c.status)).size).toBeGreaterThan(1);
    for (const c of cards) {
      expect(c.fill, `${c.text} at ${percent}%`).toBe(rgb(STATUS_COLOURS[c.status as 0]));
      expect(c.idShown).toBe(true);
      expect(c.idFits, `${c.text} fits its card at ${percent}%`).toBe(true);
      // Readable: ≥ 11 px on screen down to 35%; at 25% as large as the card allows (≥ 9 px).
      expect(c.idPx, `${c.text} at ${percent}%`).toBeGreaterThanOrEqual(percent >= 35 ? 11 : 9);
    }
  }
  if (process.env.LINKGRAPH_DOC_SHOTS !== '1')
    await page.screenshot({ path: 'test-results/zoom-small-25.png' });
});

/** A 300-node plan: a 20×15 grid, chains of blocking links, some done, some in progress. */
async function seedPlan(s: ServeHandle): Promise<void> {
  const ids: string[] = [];
  for (let i = 0; i < 300; i++) {
    const status = i % 7 === 0 ? 3 : i % 5 === 0 ? 1 : 0;
    const kind = ['task', 'issue', 'feature', 'ticket'][i % 4];
    const position = { x: (i % 20) * 280, y: Math.floor(i / 20) * 140 };
    const res = await api<{ value: { nodes: { after: { id: string } }[] } }>(
      s,
      'POST',
      '/rpc/node.create',
      { title: `Plan step ${i + 1}`, kind, status, position },
    );
    ids.push(res.value.nodes[0]?.after.id ?? '');
  }
  for (let i = 0; i < 300; i++) {
    if (i % 20 !== 19 && i % 3 !== 2) {
      await api(s, 'POST', '/rpc/link.create', { source: ids[i], target: ids[i + 1] });
    }
  }
}

test('[U5] a 300-node plan at 100%, 50% and 25% (screenshots)', async ({ page }) => {
  test.setTimeout(120_000);
  serve = await startServe();
  await seedPlan(serve);
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  const app = page.locator('.lg-app');
  for (const theme of ['light', 'dark'] as const) {
    if ((await app.getAttribute('data-theme')) !== theme) {
      await page.getByRole('button', { name: /^Use (light|dark) theme$/ }).click();
      await expect(app).toHaveAttribute('data-theme', theme);
    }
    await page.keyboard.press('0');
    await zoomIs(page, 100);
    // The near look is the editor's usual one (its dark twin is in the other screens).
    if (theme === 'light') await page.screenshot({ path: docShotPath('zoom-100-light') });
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await zoomIs(page, 50);
    await page.screenshot({ path: docShotPath(`zoom-50-${theme}`) });
    const cards = await cardsOnScreen(page);
    expect(cards.length).toBeGreaterThan(40);
    for (const c of cards) expect(c.idPx).toBeGreaterThanOrEqual(11);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await zoomIs(page, 25);
    await page.screenshot({ path: docShotPath(`zoom-25-${theme}`) });
    expect((await cardsOnScreen(page)).length).toBeGreaterThan(150);
  }
});
