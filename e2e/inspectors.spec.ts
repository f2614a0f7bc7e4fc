/**
 * The node and link inspectors end to end (issue 13, items 1, 2), in Chromium against the real
 * headless server, with the mouse and keyboard as a person uses them: every node field, the
 * link inspector opened from a click and from the node's list.
 */
import { expect, test } from '@playwright/test';
import { api, createLink, createNode, graph } from './support/api';
import { edge, nodeCard } from './support/canvas';
import { nodePanel, linkPanel, screens, starterPlanPerTest } from './support/starter-plan';

const plan = starterPlanPerTest();
const { named, stored, storedLink, historyCount, starterLink, open } = plan;

test('[N1][N4] node inspector: every field changes with one batch each; refusals show the API’s limits next to the field', async ({
  page,
}) => {
  const design = named('Design the schema');
  await open(page);
  await nodeCard(page, design.id).click();
  const panel = nodePanel(page);
  const before = await historyCount();

  // Title: the engine's limit, shown next to the field; nothing stored. Then a good title.
  const title = panel.getByLabel('Title');
  await title.fill('x'.repeat(81));
  await title.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('A title has at most 80 characters.');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  expect((await stored(design.id)).title).toBe('Design the schema');
  await title.fill('Design the data model');
  await title.press('Enter');
  await expect(nodeCard(page, design.id)).toContainText('Design the data model');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // Description: multi-line Markdown, shown rendered (and sanitised) when not editing.
  await panel.getByRole('button', { name: 'Edit description' }).click();
  const text =
    'Use **Postgres**\n\n- tables\n- indexes\n\n<script>window.hacked=1</script>[docs](javascript:window.hacked=2)';
  await panel.getByLabel('Description').fill(text);
  await panel.getByRole('button', { name: 'Save description' }).click();
  const rendered = panel.getByRole('region', { name: 'Description' });
  await expect(rendered.locator('strong')).toHaveText('Postgres');
  await expect(rendered.locator('li')).toHaveText(['tables', 'indexes']);
  // Sanitised: no script, no javascript: link.
  expect(await rendered.locator('script').count()).toBe(0);
  expect(await rendered.locator('a[href^="javascript"]').count()).toBe(0);
  await rendered.getByText('docs').click();
  expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined();
  expect((await stored(design.id)).description).toBe(text);

  // Kind, dependent, priority (refused out of range, then kept), tags added and removed.
  await panel.getByLabel('Kind').selectOption('issue');
  await expect(nodeCard(page, design.id)).toContainText('issue');
  const priority = panel.getByLabel('Priority');
  await priority.fill('12');
  await priority.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('Priority is a whole number from 0 to 9.');
  await priority.fill('7');
  await priority.press('Enter');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  const addTag = panel.getByLabel('Add tag');
  for (const tag of ['backend', 'api']) {
    await addTag.fill(tag);
    await addTag.press('Enter');
    await expect(panel.getByRole('list', { name: 'Tags' })).toContainText(tag);
  }
  await addTag.fill('t'.repeat(51));
  await addTag.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('A tag has at most 50 characters.');
  await expect(addTag).toHaveValue('t'.repeat(51));
  await addTag.fill('');
  await panel.getByRole('button', { name: 'Remove tag backend' }).click();
  await expect(panel.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveCount(1);
  await panel.getByLabel('Dependent (links can block it)').click();
  await expect(panel.getByLabel('Dependent (links can block it)')).not.toBeChecked();

  const members = await api<{ value: { members: { id: string; username: string }[] } }>(
    plan.serve,
    'POST',
    '/rpc/members.list',
  );
  const owner = members.value.members.find((m) => m.id === design.owner);
  await expect(panel.locator('[data-owner]')).toHaveText(owner?.username ?? '?');

  await expect
    .poll(async () => {
      const n = await stored(design.id);
      return [n.title, n.kind, n.priority, n.tags, n.dependent];
    })
    .toEqual(['Design the data model', 'issue', 7, ['api'], false]);
  // One batch per accepted change (title, description, kind, priority, 2 tags, untag,
  // dependent); the refused ones recorded nothing.
  expect((await historyCount()) - before).toBe(8);

  await panel.getByLabel('Status').selectOption('3');
  await expect(nodeCard(page, design.id)).toContainText('Completed');
  expect((await stored(design.id)).status).toBe(3);
  // A tidy description for the documentation's picture.
  await panel.getByRole('button', { name: 'Edit description' }).click();
  await panel
    .getByLabel('Description')
    .fill('Tables for **Postgres**:\n\n- `users`, `plans`\n- one index per foreign key');
  await panel.getByLabel('Description').press('Control+Enter');
  await expect(rendered.locator('code')).toHaveText(['users', 'plans']);
  await screens(page, 'node-inspector');
});

test('[L6][L7][A3][P3] link inspector: blocking, privacy, swap, type (replace where allowed, else why), trash; opened from a click and from the node’s list', async ({
  page,
}) => {
  const link = await starterLink('Design the schema', 'Build the API');
  const build = named('Build the API');
  await open(page);
  await edge(page, link.id).click({ force: true });
  const panel = linkPanel(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('link-sentence')).toHaveText(
    'TASK-1 Design the schema blocks TASK-2 Build the API',
  );
  await expect(panel.getByTestId('link-waits')).toHaveText(
    'TASK-2 Build the API waits for TASK-1 Design the schema.',
  );
  await screens(page, 'link-inspector', () => edge(page, link.id).click({ force: true }));

  // Type: tasks are not parts, so replace must keep the type [P3]: the reason is shown.
  await panel.getByLabel('Link type').selectOption('is_related_to');
  await expect(panel.getByRole('alert')).toContainText('must keep the same link type');
  expect((await storedLink(link.id))?.in_trash).toBe(false);

  // Secondary: the blocked node is released; the label no longer says "blocks".
  await panel.getByLabel('Blocking').selectOption('1');
  await expect.poll(async () => (await storedLink(link.id))?.type).toBe(1);
  await expect.poll(async () => (await stored(build.id)).status).toBe(0);
  await expect(page.locator(`[data-edge-label="${link.id}"]`)).toHaveText('non-blocking link');

  // [L6] Primary again is refused while the blocked node is not dependent: said in words.
  await api(plan.serve, 'PUT', '/api/node', { id: build.id, dependent: false });
  await panel.getByLabel('Blocking').selectOption('0');
  await expect(panel.getByRole('alert')).toHaveText(
    'TASK-2 Build the API is not dependent, so no link can block it: turn on “Dependent” in its inspector first.',
  );
  expect((await storedLink(link.id))?.type).toBe(1);

  await panel.getByLabel('Private (only its owner sees it)').click();
  await expect.poll(async () => (await storedLink(link.id))?.private).toBe(true);
  await expect(page.locator(`[data-edge-label="${link.id}"] [aria-label="private"]`)).toBeVisible();
  await panel.getByRole('button', { name: 'Swap direction' }).click();
  await expect
    .poll(async () => {
      const l = await storedLink(link.id);
      return [l?.source, l?.target];
    })
    .toEqual([build.id, named('Design the schema').id]);

  // Open an end: the node inspector, whose list of links opens the link again.
  await panel.getByRole('button', { name: 'Open TASK-1' }).click();
  await nodePanel(page)
    .getByRole('button', { name: /^Link LNK-1:/ })
    .click();
  await expect(panel.getByRole('heading', { name: 'LNK-1' })).toBeVisible();
  await panel.getByRole('button', { name: 'Move to trash' }).click();
  await expect(edge(page, link.id)).toHaveCount(0);
  expect((await storedLink(link.id))?.in_trash ?? true).toBe(true);

  // Between parts any type goes [P2]: the link is replaced (one batch) and the new one shown.
  const search = await createNode(plan.serve, 'Search', 'capability', { x: 0, y: 400 });
  const faster = await createNode(plan.serve, 'Faster queries', 'enhancement', { x: 400, y: 400 });
  const parent = await createLink(plan.serve, {
    source: search.id,
    target: faster.id,
    link_type: 'is_parent_of',
  });
  // As a person would: wait for the new link to show (the parent now waits on its part), fit
  // the plan so both new cards are on screen (they were made below the view), then click.
  await expect(nodeCard(page, search.id)).toHaveAccessibleName(/Blocked, waits for ENH-1/);
  await page.getByRole('button', { name: 'Fit the whole plan' }).click();
  await nodeCard(page, search.id).click();
  await nodePanel(page)
    .getByRole('button', { name: /is parent of ENH-1 Faster queries/ })
    .click();
  await panel.getByLabel('Link type').selectOption('is_related_to');
  await expect(panel.getByTestId('link-sentence')).toHaveText(
    'CAPL-1 Search is related to ENH-1 Faster queries',
  );
  const links = (await graph(plan.serve)).links.filter((l) => l.source === search.id);
  expect(links.map((l) => l.link_type)).toEqual(['is_related_to']);
  expect((await storedLink(parent.id))?.in_trash ?? true).toBe(true);
});

test('[N1] switching the inspector between two nodes of the same version shows each one’s own fields', async ({
  page,
}) => {
  const first = await createNode(plan.serve, 'First of a pair', 'task', { x: -500, y: 400 });
  const second = await createNode(plan.serve, 'Second of a pair', 'issue', { x: -200, y: 400 });
  expect(first.version).toBe(second.version);
  await open(page);
  await nodeCard(page, first.id).click();
  await expect(nodePanel(page).getByLabel('Title')).toHaveValue('First of a pair');
  await nodeCard(page, second.id).click();
  await expect(nodePanel(page).getByLabel('Title')).toHaveValue('Second of a pair');
  await expect(nodePanel(page).getByLabel('Kind')).toHaveValue('issue');
});
