import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe, type ServeHandle } from './support/serve-process';

/** The nodes the server's workspace file on disk holds, read independently of the app. */
function nodesOnDisk(dataDir: string): { title: string; status: number; id: string }[] {
  const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
    openWorkspace: string;
  };
  const file = join(dataDir, 'workspaces', settings.openWorkspace, 'graph.json');
  return (
    JSON.parse(readFileSync(file, 'utf8')) as {
      nodes: { title: string; status: number; id: string }[];
    }
  ).nodes;
}

let serve: ServeHandle;
test.beforeAll(async () => {
  serve = await startServe();
});
test.afterAll(async () => {
  // [X7] SIGTERM shuts the server down cleanly.
  expect(await serve.stop()).toBe(0);
});

test('[X7] the served canvas shows the nodes of the workspace file in --data', async ({ page }) => {
  const onDisk = nodesOnDisk(serve.dataDir);
  expect(onDisk.length).toBeGreaterThanOrEqual(3);

  await page.goto(serve.url);
  const canvasNodes = page.locator('.react-flow__node');
  await expect(canvasNodes).toHaveCount(onDisk.length);
  for (const node of onDisk) {
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
