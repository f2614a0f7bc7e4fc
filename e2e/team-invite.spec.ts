/**
 * [T4][X2] The owner's invitation and revocation in the team server's editor (PostgreSQL):
 * the owner adds a member with access to a node and its branch, sees the token once and
 * copies it; the member opens the editor with it in another browser and sees the plan, live;
 * the owner revokes the token; the member's page is cut off at once and says so, their next
 * change is refused, and the database holds the token as revoked. A page whose headless serve
 * restarted (a new owner token) is told its link is no longer valid — not that it was revoked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { freePort } from '../electron/team/test-support/postgres-cluster';
import type { NodeRecord } from '../shared/model/types';
import { nodeCard } from './support/canvas';
import { docShotPath } from './support/doc-shots';
import { startServe, type ServeHandle } from './support/serve-process';
import { startTeamServerProcess, type TeamServerHandle } from './support/team-server-process';

let server: TeamServerHandle;
let db: pg.Client;
test.beforeAll(async () => {
  server = await startTeamServerProcess();
  db = new pg.Client({ connectionString: server.cluster.url });
  await db.connect();
});
test.afterAll(async () => {
  await db?.end();
  await server?.stop();
});

async function call<T>(method: string, path: string, body: unknown, token = server.token) {
  const res = await fetch(server.origin + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}
type Made = { diff: { nodes: { after: NodeRecord }[] } };
const create = async (body: object) =>
  (await call<Made>('POST', '/api/node', body)).body.diff.nodes[0]!.after;

/** The answer to the page's next save of its preferences (the theme toggle saves the theme). */
const saveAnswered = (page: Page) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === '/rpc/preferences.set');

/** Two frames later: the page has drawn whatever it made of an answer that arrived. */
const drawn = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

/** Nothing is toasted behind the access dialog (it already says why calls are refused). */
async function expectNoToastBehind(page: Page) {
  await expect(page.locator('.lg-toast')).toHaveCount(0);
  await expect(page.getByText('A valid API token is required')).toHaveCount(0);
}

const setTheme = async (page: Page, theme: 'light' | 'dark') => {
  const toggle = page.getByRole('button', { name: /^Use (light|dark) theme$/ });
  if ((await page.locator('.lg-app').getAttribute('data-theme')) !== theme) await toggle.click();
  await expect(page.locator('.lg-app')).toHaveAttribute('data-theme', theme);
};

test('[T4][X2] the owner invites a member with access, the member opens the plan with the token, the owner revokes it and the member is cut off', async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const launch = await create({ title: 'Launch plan', position: { x: 0, y: 0 } });
  const venue = await create({
    title: 'Book the venue',
    target: launch.id,
    position: { x: 0, y: 220 },
  });
  await create({ title: 'Owner only', position: { x: 420, y: 0 } });

  // The owner selects the plan's top node, opens Members and adds Mia with editor access to it.
  await page.goto(`${server.origin}/?token=${server.token}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await nodeCard(page, launch.id).click();
  await page.getByRole('button', { name: 'Members' }).click();
  const panel = page.getByRole('complementary', { name: 'Members' });
  const form = panel.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Name').fill('mia');
  await form.getByLabel('Email').fill('mia@example.com');
  await form
    .getByLabel(`Access to ${launch.display_id} and what is under it`)
    .selectOption('editor');
  await form.getByRole('button', { name: 'Add member' }).click();
  const dialog = page.getByRole('dialog', { name: 'mia was added' });
  await expect(dialog).toBeVisible();
  const token = await dialog.getByLabel('Access token').inputValue();
  expect(token).toMatch(/^lg_/);
  await dialog.getByRole('button', { name: 'Copy token' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  expect(await dialog.getByLabel('Link that opens this editor with it').inputValue()).toBe(
    `${server.origin}/?token=${token}`,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Stored: the member in the workspace's batches, her token as a hash only, the grant.
  const tokenRows = await db.query<{ hash: string; member: string; revoked_time: Date | null }>(
    "SELECT hash, member, revoked_time FROM tokens WHERE workspace IS NOT NULL AND label = 'member'",
  );
  expect(tokenRows.rows).toHaveLength(1);
  const row = tokenRows.rows[0]!;
  expect(row.revoked_time).toBeNull();
  expect(JSON.stringify(tokenRows.rows)).not.toContain(token);
  const mia = row.member;
  const members = await call<{ value: { members: { id: string; username: string }[] } }>(
    'POST',
    '/rpc/members.list',
    {},
  );
  expect(members.body.value.members.find((m) => m.id === mia)?.username).toBe('mia');
  const access = await call<{ value: { access: { member: { id: string }; level: number }[] } }>(
    'POST',
    '/rpc/node.access',
    { id: launch.id },
  );
  expect(access.body.value.access.find((e) => e.member.id === mia)?.level).toBe(2);

  await expect(panel.locator(`[data-access="${mia}"]`)).toContainText(
    'editor, with what is under it',
  );
  // The panel lists her one live token, by the start of its id.
  const tokens = panel.getByRole('list', { name: 'Tokens of mia' });
  await expect(tokens.locator(`[data-token="${row.hash}"]`)).toContainText(row.hash.slice(0, 8));
  await page.mouse.move(0, 0);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await page.screenshot({ path: docShotPath(`team-members-${theme}`) });
  }
  await setTheme(page, 'light');

  // Mia opens the editor with the token, in a browser of her own: the plan she was given.
  const miaContext = await browser.newContext();
  const miaPage = await miaContext.newPage();
  const sockets: { closed: boolean }[] = [];
  miaPage.on('websocket', (ws) => {
    const s = { closed: false };
    sockets.push(s);
    ws.on('close', () => (s.closed = true));
  });
  await miaPage.goto(`${server.origin}/?token=${token}`);
  const miaGraph = await call<{ graph: { nodes: NodeRecord[] } }>(
    'GET',
    '/api/graph',
    undefined,
    token,
  );
  const shown = miaGraph.body.graph.nodes.map((n) => n.id).sort();
  expect(shown).toEqual([launch.id, venue.id].sort());
  await expect(miaPage.locator('.react-flow__node')).toHaveCount(2);
  await expect(nodeCard(miaPage, launch.id)).toContainText('Launch plan');
  await expect(miaPage.getByText('Owner only')).toHaveCount(0);
  // The theme is her page's own: it switches for her without a word, though the server keeps
  // preferences only for the person whose data folder it is.
  await setTheme(miaPage, 'dark');
  await setTheme(miaPage, 'light');
  // Live: the owner's rename reaches her page over its socket.
  await call('PUT', '/api/node', { id: venue.id, title: 'Book the venue (2 days)' });
  await expect(nodeCard(miaPage, venue.id)).toContainText('(2 days)');
  await drawn(miaPage);
  await expect(miaPage.locator('.lg-toast')).toHaveCount(0);
  expect(sockets.some((s) => !s.closed)).toBe(true);

  // The owner revokes her token (confirmed), and sees it gone from the list.
  await panel.getByRole('button', { name: `Revoke token ${row.hash.slice(0, 8)} of mia` }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Revoke mia’s token');
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByText('mia: 1 token revoked.')).toBeVisible();
  await expect(panel.getByText('No live token: mia cannot sign in.')).toBeVisible();

  // Her page: the live connection is cut and the page says why, at once.
  const revoked = miaPage.getByRole('alertdialog', { name: 'Your access was revoked' });
  await expect(revoked).toBeVisible();
  await expect.poll(() => sockets.every((s) => s.closed)).toBe(true);
  await miaPage.screenshot({ path: docShotPath('team-access-revoked-light') });
  // The dialog covers the theme button, so the dark picture clicks it from script.
  await miaPage.getByRole('button', { name: 'Use dark theme' }).dispatchEvent('click');
  await expect(miaPage.locator('.lg-app')).toHaveAttribute('data-theme', 'dark');
  await drawn(miaPage);
  await miaPage.screenshot({ path: docShotPath('team-access-revoked-dark') });
  // The theme is the page's own: it switched without a word behind the dialog.
  await expectNoToastBehind(miaPage);
  // Her next change is refused, and changes nothing.
  const refused = await miaPage.evaluate(
    async ({ id }) => {
      const res = await fetch('/rpc/node.update', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sessionStorage.getItem('linkgraph.token')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ id, title: 'Taken over' }),
      });
      return { status: res.status, body: (await res.json()) as { error: string } };
    },
    { id: venue.id },
  );
  expect(refused.status).toBe(401);
  // Refused as revoked (a token the server does not know is `unauthorized.invalid_token`).
  expect(refused.body.error).toBe('unauthorized.token_revoked');
  const after = await db.query<{ revoked_time: Date | null }>(
    'SELECT revoked_time FROM tokens WHERE hash = $1',
    [row.hash],
  );
  expect(after.rows[0]?.revoked_time).toBeInstanceOf(Date);
  const titles = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM batches WHERE record LIKE '%Taken over%'",
  );
  expect(titles.rows[0]?.n).toBe('0');
  await miaContext.close();
});

test('[X2] a page whose serve restarted says its link is no longer valid, not that its access was revoked', async ({
  page,
}) => {
  // `npm run serve` on a fixed port, so the open page reconnects to the restarted server.
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-e2e-restart-'));
  let serve: ServeHandle | undefined = await startServe(dataDir, port);
  try {
    await page.goto(serve.url);
    await expect(page.locator('.react-flow')).toBeVisible();
    const before = serve.token;
    await serve.stop();
    serve = undefined;
    serve = await startServe(dataDir, port);
    expect(serve.token).not.toBe(before);

    // The page's socket reconnects, is refused as unknown, and the page says so in those words.
    const ended = page.getByRole('alertdialog', { name: 'This link is no longer valid' });
    await expect(ended).toBeVisible({ timeout: 15_000 });
    await expect(ended).toContainText('the server may have restarted');
    await expect(ended).toContainText('Ask for a new link');
    await expect(page.getByText('Your access was revoked')).toHaveCount(0);
    // Nothing else fails behind it: the page did not try to reload with the refused token.
    await expect(page.getByText('A valid API token is required')).toHaveCount(0);
    // What the server answers the old token: unknown, not revoked.
    const stale = await fetch(`${serve.origin}/api/graph`, {
      headers: { authorization: `Bearer ${before}` },
    });
    expect([stale.status, ((await stale.json()) as { error: string }).error]).toEqual([
      401,
      'unauthorized.invalid_token',
    ]);
    await page.screenshot({ path: docShotPath('serve-link-no-longer-valid-light') });
    // The dialog covers the theme button, so the dark picture clicks it from script.
    const themeSaved = saveAnswered(page);
    await page.getByRole('button', { name: 'Use dark theme' }).dispatchEvent('click');
    await expect(page.locator('.lg-app')).toHaveAttribute('data-theme', 'dark');
    expect((await themeSaved).status()).toBe(401);
    await drawn(page);
    await page.screenshot({ path: docShotPath('serve-link-no-longer-valid-dark') });
    // Switching the theme behind the dialog said nothing either: it is the page's own choice,
    // and a refusal of the dead token is what the dialog already says.
    await expectNoToastBehind(page);
  } finally {
    await serve?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
