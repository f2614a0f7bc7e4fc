/**
 * Accessibility of the editor (issue 14, item 8), in Chromium against the real headless
 * server with a plan of 50 nodes: an axe-core scan (WCAG 2 A/AA, 2.1 AA) of the editor in both
 * themes and with its panels open finds nothing serious or critical; a keyboard user tabs to
 * the cards first and then to the links, each named by display ids and titles, with a visible
 * focus ring; the cards' status text is readable in the dark theme.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { contrastRatio } from '../shared/contrast';
import { api, graph } from './support/api';
import { edge, nodeCard } from './support/canvas';
import { docShotPath } from './support/doc-shots';
import { startServe, type ServeHandle } from './support/serve-process';
import { lowContrastText } from './support/text-contrast';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PLAN_SIZE = 50;

let serve: ServeHandle;
let nodes: NodeRecord[];
let byId: Map<string, NodeRecord>;
let privateLink: LinkRecord;
let parentLink: LinkRecord;

const created = (r: {
  value: { nodes?: { after: NodeRecord }[]; links?: { after: LinkRecord }[] };
}) => r.value;

test.beforeAll(async () => {
  serve = await startServe();
  const seeded = (await graph(serve)).nodes.length;
  const made: NodeRecord[] = [];
  // A plan of 50 nodes: ten columns of cards, each one waiting on the one above it.
  for (let i = 0; i < PLAN_SIZE - seeded; i++) {
    const position = { x: 600 + (i % 10) * 260, y: Math.floor(i / 10) * 140 };
    const r = await api<{ value: { nodes: { after: NodeRecord }[] } }>(
      serve,
      'POST',
      '/rpc/node.create',
      { title: `Step ${i + 1} of the plan`, position },
    );
    made.push(created(r).nodes?.[0]?.after as NodeRecord);
  }
  for (let i = 10; i < made.length; i += 3) {
    await api(serve, 'POST', '/rpc/link.create', {
      source: made[i - 10]?.id,
      target: made[i]?.id,
    });
  }
  const first = made[0] as NodeRecord;
  const second = made[1] as NodeRecord;
  const third = made[2] as NodeRecord;
  privateLink = created(
    await api<{ value: { links: { after: LinkRecord }[] } }>(serve, 'POST', '/rpc/link.create', {
      source: first.id,
      target: second.id,
      private: true,
    }),
  ).links?.[0]?.after as LinkRecord;
  parentLink = created(
    await api<{ value: { links: { after: LinkRecord }[] } }>(serve, 'POST', '/rpc/link.create', {
      source: third.id,
      target: second.id,
      link_type: 'is_parent_of',
      type: 1,
    }),
  ).links?.[0]?.after as LinkRecord;
  nodes = (await graph(serve)).nodes;
  byId = new Map(nodes.map((n) => [n.id, n]));
});
test.afterAll(async () => {
  await serve.stop();
});

async function open(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(PLAN_SIZE);
}

/** Scans the page; fails listing every serious or critical violation, readably. */
async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  const serious = result.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  const report = serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} elements)\n` +
      v.nodes
        .slice(0, 5)
        .map(
          (n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`,
        )
        .join('\n'),
  );
  expect(report, `axe: serious or critical violations with ${where}`).toEqual([]);
  // axe cannot tell the background of the text on the canvas (it reports it "incomplete"):
  // every text's colour against the background the page drew it on, as computed.
  expect(await lowContrastText(page), `text below AA contrast with ${where}`).toEqual([]);
  // Names and titles a person hears or sees never carry a record's raw id.
  const tree = await page.locator('body').ariaSnapshot();
  expect(tree.match(UUID), `a raw id in the accessibility tree with ${where}`).toBeNull();
  const titles = await page
    .locator('[title], [aria-label]')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`),
    );
  expect(titles.filter((t) => UUID.test(t))).toEqual([]);
}

/** The theme is a saved preference (it outlives the page): switch only when it differs. */
async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const app = page.locator('.lg-app');
  if ((await app.getAttribute('data-theme')) !== theme)
    await page.getByRole('button', { name: `Use ${theme} theme` }).click();
  await expect(app).toHaveAttribute('data-theme', theme);
}

const focused = (page: Page): Locator => page.locator(':focus');

/** The computed focus ring of the focused element: its outline, or a box-shadow. */
const ringOf = (page: Page) =>
  focused(page).evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      shadow: s.boxShadow,
    };
  });

for (const theme of ['light', 'dark'] as const) {
  test(`[U1] axe finds nothing serious or critical (${theme} theme): canvas, node and link inspectors, search results, history, members`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await open(page);
    await useTheme(page, theme);
    await expectNoSeriousViolations(page, `the canvas (${theme})`);

    // The node inspector, by clicking a card; the link inspector from its list of links.
    const second = nodes.find((n) => n.id === privateLink.target) as NodeRecord;
    await nodeCard(page, second.id).click();
    const details = page.getByRole('complementary', { name: 'Node details' });
    await expect(details.getByRole('heading', { name: second.display_id })).toBeVisible();
    await expectNoSeriousViolations(page, `the node inspector (${theme})`);
    await details
      .getByRole('button', { name: new RegExp(`^Link ${parentLink.display_id}:`) })
      .click();
    const linkDetails = page.getByRole('complementary', { name: 'Link details' });
    await expect(linkDetails.getByTestId('link-sentence')).toContainText('is parent of');
    await expectNoSeriousViolations(page, `the link inspector (${theme})`);
    await page.screenshot({ path: `test-results/a11y-inspectors-${theme}.png` });
    await linkDetails.getByRole('button', { name: 'Close link details' }).click();
    // Opening a link from the node's list leaves the node's details open or not: close what is.
    if (await details.isVisible())
      await details.getByRole('button', { name: 'Close details' }).click();

    // A card's context menu (named by the card, never by its id), its first item focused.
    await nodeCard(page, second.id).click({ button: 'right' });
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await expectNoSeriousViolations(page, `a card's context menu (${theme})`);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);

    // Search results.
    await page.getByLabel('Search nodes').click();
    await page.keyboard.type('Step 1');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await expect(results.getByRole('option').first()).toBeVisible();
    await expectNoSeriousViolations(page, `search results (${theme})`);
    await page.screenshot({ path: `test-results/a11y-search-${theme}.png` });
    await page.keyboard.press('Escape');

    // History and members panels.
    await page.getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('complementary', { name: 'History' })).toBeVisible();
    await expectNoSeriousViolations(page, `the history panel (${theme})`);
    await page.getByRole('button', { name: 'Members' }).click();
    await expect(page.getByRole('complementary', { name: 'Members' })).toBeVisible();
    await expectNoSeriousViolations(page, `the members panel (${theme})`);
    await page.screenshot({ path: `test-results/a11y-members-${theme}.png` });
  });
}

test('[U1] keyboard: Tab from the canvas reaches every card before any link, each named by display id and title, with a visible focus ring', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await open(page);
  await useTheme(page, 'light');
  // Click an empty spot of the canvas, then Tab, as a person starting on the canvas does.
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  await page.mouse.click(pane.x + 8, pane.y + 8);
  await page.keyboard.press('Tab');

  // The first stop is a card, named "<display id> <title> — <status>".
  const first = focused(page);
  await expect(first).toHaveClass(/react-flow__node/);
  const firstRecord = byId.get((await first.getAttribute('data-id')) ?? '') as NodeRecord;
  const statusWords = ['Available', 'In progress', 'Blocked', 'Completed'];
  await expect(first).toHaveAttribute(
    'aria-label',
    new RegExp(
      `^${firstRecord.display_id} ${firstRecord.title} — ${statusWords[firstRecord.status]}`,
    ),
  );
  await expect(
    page.getByRole('group', {
      name: new RegExp(`^${firstRecord.display_id} ${firstRecord.title} — `),
    }),
  ).toBeFocused();
  const cardRing = await ringOf(page);
  expect(cardRing.outline).toMatch(/^solid 3px rgb/);
  await page.screenshot({ path: 'test-results/a11y-focus-card.png' });

  // Every card comes before the first link. A card's own controls (a parent's collapse
  // toggle) follow their card.
  let cards = 1;
  for (;;) {
    await page.keyboard.press('Tab');
    const stop = await focused(page).evaluate((el) =>
      el.classList.contains('react-flow__node')
        ? 'card'
        : el.closest('.react-flow__node')
          ? 'in-card'
          : 'other',
    );
    if (stop === 'in-card') continue;
    if (stop !== 'card') break;
    cards++;
    expect(cards).toBeLessThanOrEqual(PLAN_SIZE);
  }
  expect(cards).toBe(PLAN_SIZE);
  const link = focused(page);
  await expect(link).toHaveClass(/react-flow__edge/);
  const linkId = await link.getAttribute('data-id');
  const linkRecord = (await graph(serve)).links.find((l) => l.id === linkId);
  expect(linkRecord?.id).toBe(linkId);
  const src = byId.get(linkRecord?.source ?? '') as NodeRecord;
  const tgt = byId.get(linkRecord?.target ?? '') as NodeRecord;
  const label = (await link.getAttribute('aria-label')) ?? '';
  expect(label).toMatch(
    new RegExp(`^${src.display_id} ${src.title} \\w.* ${tgt.display_id} ${tgt.title}`),
  );
  expect(label).not.toMatch(UUID);
  const linkRing = await ringOf(page);
  expect(linkRing.outline).toMatch(/^solid 2px rgb/);
  await page.screenshot({ path: 'test-results/a11y-focus-link.png' });

  // Shift+Tab goes back to the last card; Tab again to the first link.
  await page.keyboard.press('Shift+Tab');
  await expect(focused(page)).toHaveClass(/react-flow__node/);
  await page.keyboard.press('Tab');
  await expect(focused(page)).toHaveAttribute('aria-label', label);

  // The private link and the typed secondary one read as sentences in the model's words.
  const a = byId.get(privateLink.source) as NodeRecord;
  const b = byId.get(privateLink.target) as NodeRecord;
  const c = byId.get(parentLink.source) as NodeRecord;
  await expect(edge(page, privateLink.id)).toHaveAttribute(
    'aria-label',
    `${a.display_id} ${a.title} blocks ${b.display_id} ${b.title} (private, blocking now)`,
  );
  await expect(edge(page, parentLink.id)).toHaveAttribute(
    'aria-label',
    `${c.display_id} ${c.title} is parent of ${b.display_id} ${b.title} (non-blocking)`,
  );
  // Keep tabbing: past the links, focus leaves the canvas's links for its controls.
  const links = await page.locator('.react-flow__edge').count();
  for (let i = 1; i < links; i++) await page.keyboard.press('Tab');
  await expect(focused(page)).toHaveClass(/react-flow__edge/);
  await page.keyboard.press('Tab');
  await expect(focused(page)).not.toHaveClass(/react-flow__(edge|node)/);

  // Buttons show the ring too (dark theme: the theme's lighter focus colour).
  await useTheme(page, 'dark');
  const toggle = page.getByRole('button', { name: 'Use light theme' });
  await toggle.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(toggle).toBeFocused();
  expect((await ringOf(page)).outline).toBe('solid 2px rgb(110, 168, 255)');
  await page.screenshot({ path: 'test-results/a11y-focus-button-dark.png' });
});

test('[U1][U3] dark theme: the text on cards (status, id, kind) has at least 4.5:1 contrast', async ({
  page,
}) => {
  await open(page);
  await useTheme(page, 'dark');
  const blocked = nodes.find((n) => n.status === 2);
  // The plan has a Blocked node and the page draws it as one.
  await expect(nodeCard(page, blocked?.id ?? '').locator('.lg-node')).toHaveAttribute(
    'data-status',
    '2',
  );
  for (const id of [privateLink.source, blocked?.id ?? '']) {
    // The text a person sees: zoomed out (the plan opens fitted), a card's own lines are
    // hidden and its display id (and title) are drawn by ::before/::after on the status fill.
    const colours = await nodeCard(page, id)
      .locator('.lg-node')
      .evaluate((card) => {
        const texts: string[] = [];
        for (const sel of ['.lg-node__status', '.lg-node__meta', '.lg-node__title']) {
          const s = getComputedStyle(card.querySelector(sel) as Element);
          if (s.visibility !== 'hidden' && s.display !== 'none') texts.push(s.color);
        }
        for (const pseudo of ['::before', '::after']) {
          const s = getComputedStyle(card, pseudo);
          if (s.content !== 'none' && s.content !== 'normal' && s.display !== 'none')
            texts.push(s.color);
        }
        return { background: getComputedStyle(card).backgroundColor, texts };
      });
    expect(colours.texts.length).toBeGreaterThan(0);
    for (const text of colours.texts)
      expect(contrastRatio(text, colours.background)).toBeGreaterThanOrEqual(4.5);
  }
  await page.screenshot({ path: 'test-results/a11y-dark-canvas.png' });

  // Close up, in both themes: a card with the keyboard's focus ring (Tab pans to it).
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  for (const theme of ['dark', 'light'] as const) {
    await useTheme(page, theme);
    const card = nodeCard(page, privateLink.target);
    await card.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(card).toBeFocused();
    await expect(card).toBeInViewport();
    await page.screenshot({ path: docShotPath(`accessibility-focus-${theme}`) });
  }

  // Tab from the last card to the first link, far out of sight: the canvas brings it into view.
  const lastCard = page.locator('.react-flow__node').last();
  await lastCard.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(lastCard).toBeFocused();
  const firstLink = page.locator('.react-flow__edge').first();
  const onCanvas = () =>
    firstLink.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const c = (el.closest('.react-flow') as Element).getBoundingClientRect();
      return r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom;
    });
  expect(await onCanvas()).toBe(false);
  await page.keyboard.press('Tab');
  await expect(firstLink).toBeFocused();
  await expect.poll(onCanvas).toBe(true);
  await page.screenshot({ path: 'test-results/a11y-focus-link-close.png' });
});
