import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeHandle } from './support/serve-process';

const TITLES = ['Build the API', 'Design the schema', 'Ship the editor', 'Write the guide'];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let serve: ServeHandle;
test.beforeAll(async () => {
  serve = await startServe();
});
test.afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

/** Graphviz, asynchronously (a synchronous child would stall the test runner's own I/O). */
function graphviz(dot: string): Promise<{ code: number | null; svg: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/dot', ['-Tsvg'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let svg = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (svg += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, svg, stderr }));
    child.stdin.end(dot);
  });
}

async function openCanvas(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(TITLES.length);
}

/** Chooses an Export menu item and answers the downloaded file. */
async function exportVia(page: Page, item: RegExp): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('[F1] the Export menu lists every text format and both pictures', async ({ page }) => {
  await openCanvas(page);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const items = page.getByRole('menu', { name: 'Export as' }).getByRole('menuitem');
  await expect(items).toHaveText([
    'Linkgraph JSON',
    'GraphML',
    'DOT (Graphviz)',
    'Mermaid',
    'JSON Canvas',
    'CSV (nodes)',
    'CSV (links)',
    'Mermaid gantt (plan)',
    'iCalendar (plan)',
    'SVG image',
    'PNG image',
  ]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
});

test('[F2] the DOT download loads in Graphviz with every node', async ({ page }) => {
  await openCanvas(page);
  const file = await exportVia(page, /DOT/);
  expect(file.name).toBe('My-first-plan.dot');
  const { code, svg, stderr } = await graphviz(file.bytes.toString('utf8'));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  for (const title of TITLES) expect(svg).toContain(`>${title}</text>`);
  expect(svg.match(/class="edge"/g)).toHaveLength(2);
});

test('[F1] the PNG download is a real picture of the canvas', async ({ page }) => {
  await openCanvas(page);
  const file = await exportVia(page, /PNG/);
  expect(file.name).toBe('My-first-plan.png');
  expect([...file.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  expect(file.bytes.readUInt32BE(16)).toBe(1600);
  expect(file.bytes.readUInt32BE(20)).toBeGreaterThanOrEqual(400);
  // Four cards with text and edges, not an empty frame.
  expect(file.bytes.length).toBeGreaterThan(10_000);
  await writeFile('test-results/exchange-export.png', file.bytes);
});

test('[F1] the SVG download is a picture of the canvas with every node in it', async ({ page }) => {
  await openCanvas(page);
  const file = await exportVia(page, /SVG/);
  expect(file.name).toBe('My-first-plan.svg');
  const text = file.bytes.toString('utf8');
  expect(text.trimStart().startsWith('<svg')).toBe(true);
  expect(text).toMatch(/width="1600"/);
  // Drawn from the records: one card per node with its title, one path per link.
  const cards = text.split('<g class="n"').slice(1);
  expect(cards.map((c) => /<text class="t"[^>]*>([^<]*)</.exec(c)?.[1]).sort()).toEqual(TITLES);
  expect(text.match(/<path class="p[^"]*" d="M/g)).toHaveLength(2);
  await writeFile('test-results/exchange-export.svg', file.bytes);
});

test('[F1] Import… turns a chosen file into a new workspace and says so', async ({ page }) => {
  await openCanvas(page);
  const json = await exportVia(page, /Linkgraph JSON/);
  expect(json.name).toBe('My-first-plan.linkgraph.json');
  // The page posts the file itself as the body of /api/import: it never reads it as text,
  // and the server never parses it out of a JSON request (http-import.ts).
  const posted: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/(api|rpc)\/import/.test(r.url())) posted.push(r.url());
  });
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('File to import').setInputFiles({
    name: 'Copied plan.linkgraph.json',
    mimeType: 'application/json',
    buffer: json.bytes,
  });
  await expect(page.getByRole('status').filter({ hasText: 'Imported as workspace' })).toHaveText(
    /Imported as workspace “Copied plan”/,
  );
  const list = async () => {
    const res = await fetch(`${serve.origin}/api/workspaces`, {
      headers: { authorization: `Bearer ${serve.token}` },
    });
    return ((await res.json()) as { workspaces: { name: string }[] }).workspaces.map((w) => w.name);
  };
  expect(await list()).toEqual(['My first plan', 'Copied plan']);
  expect(posted).toEqual([`${serve.origin}/api/import?format=json&name=Copied+plan`]);

  // A file the importer refuses (the form is still open): its words in the toast, no
  // workspace made.
  await page.getByLabel('File to import').setInputFiles({
    name: 'Broken.graphml',
    mimeType: 'application/xml',
    buffer: Buffer.from('<graphml><graph><node id="a"></graph></graphml>'),
  });
  await expect(page.getByRole('alert').or(page.getByRole('status')).last()).toContainText(
    'not well-formed XML',
  );
  expect(await list()).toEqual(['My first plan', 'Copied plan']);
});
