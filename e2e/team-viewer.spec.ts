/**
 * [A4][T4] A viewer's browser against the real team server (PostgreSQL): the token is taken
 * off the address at once and kept for the tab (a reload still opens the workspace), changes
 * made by others arrive live, and another member's private link never reaches the page — in
 * no HTTP answer and no Socket.IO frame — while its author sees it.
 */
import { expect, test } from '@playwright/test';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { startTeamServerProcess, type TeamServerHandle } from './support/team-server-process';

let server: TeamServerHandle;
test.beforeAll(async () => {
  server = await startTeamServerProcess();
});
test.afterAll(async () => {
  await server?.stop();
});

async function call<T>(
  method: string,
  path: string,
  body: unknown,
  token = server.token,
): Promise<T> {
  const res = await fetch(server.origin + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (res.status !== 200)
    throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}
type Diff = { diff: { nodes: { after: NodeRecord }[]; links: { after: LinkRecord }[] } };

test('[A4][T4] a viewer opens the team editor with a token kept for the tab and never receives a private link', async ({
  page,
}) => {
  const invite = async (username: string) =>
    (
      await call<{ value: { token: string } }>('POST', '/rpc/member.invite', {
        username,
        email: `${username}@example.com`,
      })
    ).value.token;
  const edna = await invite('edna');
  const victor = await invite('victor');
  const p = (await call<Diff>('POST', '/api/node', { title: 'Plan the launch' })).diff.nodes[0]!
    .after;
  const q = (await call<Diff>('POST', '/api/node', { title: 'Book the venue' })).diff.nodes[0]!
    .after;
  await call('POST', '/api/node', { title: 'Owner only' });
  for (const node of [p, q]) {
    await call('POST', '/api/node/access', {
      id: node.id,
      email: 'edna@example.com',
      level: 2,
      branch: false,
    });
    await call('POST', '/api/node/access', {
      id: node.id,
      email: 'victor@example.com',
      level: 3,
      branch: false,
    });
  }

  // Everything the page receives from the server, on every transport.
  const received: Promise<string>[] = [];
  page.on('response', (res) => {
    if (res.url().startsWith(server.origin)) received.push(res.text().catch(() => ''));
  });
  const frames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => frames.push(String(frame.payload))),
  );

  await page.goto(`${server.origin}/?token=${victor}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(page.locator(`.react-flow__node[data-id="${p.id}"]`)).toContainText(
    'Plan the launch',
  );
  // Taken off the address at once; kept for the tab: a reload opens the workspace again.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  expect(new URL(page.url()).search).toBe('');

  // Edna draws a private link between the two nodes Victor sees; then the owner renames one.
  const secret = (
    await call<Diff>(
      'POST',
      '/api/link',
      { source: p.id, target: q.id, type: 0, private: true },
      edna,
    )
  ).diff.links[0]!.after;
  expect(secret.private).toBe(true);
  await call('PUT', '/api/node', { id: p.id, title: 'Plan the launch, v2' });
  // The rename arrives live (over Socket.IO), so the page was listening when the link was made.
  await expect(page.locator(`.react-flow__node[data-id="${p.id}"]`)).toContainText('v2');
  expect(frames.some((f) => f.includes('Plan the launch, v2'))).toBe(true);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  // A fresh load too: every read the editor makes.
  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await page.waitForLoadState('networkidle');
  const bodies = await Promise.all(received);
  expect(bodies.length).toBeGreaterThan(3);
  for (const text of [...bodies, ...frames]) {
    expect(text).not.toContain(secret.id);
    expect(text).not.toContain('Owner only');
  }
  // Stored, and shown to its author.
  const ednaGraph = await call<{ graph: { links: LinkRecord[] } }>(
    'GET',
    '/api/graph',
    undefined,
    edna,
  );
  expect(ednaGraph.graph.links.map((l) => l.id)).toContain(secret.id);
  await page.screenshot({ path: 'test-results/team-viewer.png' });
});
