import { expect, test } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { api } from './support/api';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
test.beforeAll(async () => {
  serve = await startServe();
});
test.afterAll(async () => {
  // [X7] SIGTERM shuts the server down cleanly.
  expect(await serve.stop()).toBe(0);
});

async function nodesFromApi(handle: ServeHandle): Promise<NodeRecord[]> {
  const res = await fetch(`${handle.origin}/api/graph`, {
    headers: { authorization: `Bearer ${handle.token}` },
  });
  return ((await res.json()) as { graph: { nodes: NodeRecord[] } }).graph.nodes;
}

test('[X7] the served canvas shows the workspace of --data, with statuses', async ({ page }) => {
  const nodes = await nodesFromApi(serve);
  expect(nodes.map((n) => n.title).sort()).toEqual([
    'Build the API',
    'Design the schema',
    'Ship the editor',
    'Write the guide',
  ]);

  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes.length);
  for (const node of nodes) {
    const card = page.locator(`.react-flow__node[data-id="${node.id}"]`);
    await expect(card).toContainText(node.title);
    await expect(card.locator('.lg-node')).toHaveAttribute('data-status', String(node.status));
  }
  // The token is removed from the address bar once read.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await page.screenshot({ path: 'test-results/serve-canvas.png' });
});

test('[X2] the page without a token explains how to open it, and the API refuses it', async ({
  page,
  request,
}) => {
  await page.goto(serve.origin + '/');
  await expect(page.getByRole('alert')).toContainText('?token=');
  const refused = await request.post(`${serve.origin}/rpc/graph.get`);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ ok: false, error: 'unauthorized.invalid_token' });
});

test('[X2] a page whose token is no longer valid says how to get in again', async ({ page }) => {
  await page.goto(`${serve.origin}/?token=lg_an_old_token_from_a_previous_start`);
  await expect(page.getByRole('alert')).toContainText('access token is not valid');
});

test('[S1] a restarted server opens the same workspace from its files', async ({ page }) => {
  const before = await nodesFromApi(serve);
  expect(await serve.stop()).toBe(0);
  serve = await startServe(serve.dataDir);
  const after = await nodesFromApi(serve);
  expect(after).toEqual(before);
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(before.length);
});

test('[S1] the toolbar’s theme and link defaults are saved for the next visit', async ({
  page,
}) => {
  const saved = async () => {
    const res = await fetch(`${serve.origin}/rpc/preferences.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    return ((await res.json()) as { value: unknown }).value;
  };
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const app = page.locator('.lg-app');
  const before = await app.getAttribute('data-theme');
  const after = before === 'dark' ? 'light' : 'dark';
  await page.getByRole('button', { name: /^Use (light|dark) theme$/ }).click();
  await expect(app).toHaveAttribute('data-theme', after);
  await page.getByRole('combobox', { name: 'Link type' }).selectOption('is_part_of');
  await page.getByRole('combobox', { name: 'Blocking' }).selectOption('secondary');
  await expect.poll(saved).toMatchObject({
    theme: after,
    linkDefaults: { linkType: 'is_part_of', blocking: 'secondary' },
  });

  await page.reload();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(app).toHaveAttribute('data-theme', after);
  await expect(page.getByRole('combobox', { name: 'Link type' })).toHaveValue('is_part_of');
  await expect(page.getByRole('combobox', { name: 'Blocking' })).toHaveValue('secondary');
});

test('[X4] a change another client makes while the page reads the plan is shown once it is read', async ({
  page,
}) => {
  const [node] = await nodesFromApi(serve);
  if (!node) throw new Error('the demo workspace has no node');
  const renamed = 'Renamed while the page opened';
  // The plan's answer is held once the server has read it; only then does another client
  // rename a node, and the push reaches this page (its socket is connected before the read)
  // before the older answer does.
  let pushedMeanwhile = false;
  await page.route('**/rpc/graph.columns', async (route) => {
    const response = await route.fetch();
    await api(serve, 'POST', '/rpc/node.update', { id: node.id, title: renamed });
    await page.waitForTimeout(500);
    pushedMeanwhile = true;
    await route.fulfill({ response });
  });
  await page.goto(serve.url);
  const card = page.locator(`.react-flow__node[data-id="${node.id}"]`);
  await expect(card).toContainText(renamed);
  expect(pushedMeanwhile).toBe(true);
  await api(serve, 'POST', '/rpc/node.update', { id: node.id, title: node.title });
  await expect(card).toContainText(node.title);
});
