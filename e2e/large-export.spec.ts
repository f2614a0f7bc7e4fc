/**
 * [F1] SVG and PNG of a large graph: the canvas mounts only what is on screen (viewport
 * virtualisation), yet the pictures hold the whole graph, drawn from the records.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { XMLValidator } from 'fast-xml-parser';
import { api, graph } from './support/api';
import { startServe, type ServeHandle } from './support/serve-process';

const COUNT = 1000;
const COLUMNS = 40;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let serve: ServeHandle;
/** Links made between row neighbours: [secondary?, private?] per link. */
const LINKS: { secondary: boolean; private: boolean }[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  serve = await startServe();
  for (let i = 0; i < COUNT; i++) {
    const position = { x: (i % COLUMNS) * 260, y: Math.floor(i / COLUMNS) * 140 };
    // Through the editor's own channel (the SynapTask REST API is rate-limited to 300 a minute).
    await api(serve, 'POST', '/rpc/node.create', { title: `Bulk ${i}`, position });
  }
  const byTitle = new Map((await graph(serve)).nodes.map((n) => [n.title, n.id]));
  // A chain along part of the first rows, some links secondary, some private.
  for (let i = 0; i < 60; i++) {
    const from = i + Math.floor(i / (COLUMNS - 1)); // never from a row's last column
    const link = { secondary: i % 3 === 1, private: i % 5 === 0 };
    await api(serve, 'POST', '/rpc/link.create', {
      source: byTitle.get(`Bulk ${from}`),
      target: byTitle.get(`Bulk ${from + 1}`),
      ...(link.secondary ? { link_type: 'is_related_to', type: 1 } : {}),
      private: link.private,
    });
    LINKS.push(link);
  }
});
test.afterAll(async () => {
  await serve.stop();
});

async function openLargeCanvas(page: Page): Promise<number> {
  await page.goto(serve.url);
  const mounted = page.locator('.react-flow__node');
  // A large plan opens fitted: the overview layer draws it and no card is mounted.
  await expect(page.locator('canvas.lg-overview')).toHaveAttribute('data-active', 'true');
  const count = await mounted.count();
  expect(count).toBeLessThan(COUNT / 4);
  return count;
}

async function exportVia(page: Page, item: RegExp): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('[F1] the SVG of a large graph holds every node and link, not just the mounted ones', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const mounted = await openLargeCanvas(page);
  const file = await exportVia(page, /SVG/);
  expect(file.name).toBe('My-first-plan.svg');
  const svg = file.bytes.toString('utf8');
  expect(XMLValidator.validate(svg)).toBe(true);
  // Every card, each with its own title (the 4 nodes of the first workspace as well).
  const cards = svg.split('<g class="n"').slice(1);
  expect(cards).toHaveLength(COUNT + 4);
  const titles = new Set(cards.map((c) => /<text class="t"[^>]*>([^<]*)</.exec(c)?.[1]));
  for (let i = 0; i < COUNT; i++) expect(titles.has(`Bulk ${i}`), `Bulk ${i}`).toBe(true);
  expect(mounted).toBeLessThan(cards.length / 4);
  // Every link (the 2 of the first workspace too), styled by kind, the private ones locked.
  const paths = [
    ...(/<g class="l">(.*?)<\/g>/.exec(svg)?.[1] ?? '').matchAll(/<path class="([^"]+)"/g),
  ];
  expect(paths).toHaveLength(LINKS.length + 2);
  expect(paths.filter((p) => p[1] === 's')).toHaveLength(LINKS.filter((l) => l.secondary).length);
  expect(svg.match(/href="#lk"/g)).toHaveLength(LINKS.filter((l) => l.private).length);
  await writeFile('test-results/large-export.svg', file.bytes);
});

test('[F1] the PNG of a large graph is a real PNG of the expected size', async ({ page }) => {
  test.setTimeout(60_000);
  await openLargeCanvas(page);
  const svg = (await exportVia(page, /SVG/)).bytes.toString('utf8');
  const svgHeight = Number(/<svg [^>]*height="(\d+)"/.exec(svg)?.[1]);
  const file = await exportVia(page, /PNG/);
  expect(file.name).toBe('My-first-plan.png');
  expect([...file.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(file.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  // IHDR: width and height, big-endian, at bytes 16 and 20; the height follows the graph's
  // shape (about a third of the width here), within 400–4000 px.
  expect(file.bytes.readUInt32BE(16)).toBe(1600);
  expect(svgHeight).toBeGreaterThan(400);
  expect(file.bytes.readUInt32BE(20)).toBe(Math.min(4000, svgHeight));
  expect(file.bytes.length).toBeGreaterThan(50_000); // a thousand cards, not an empty frame
  await writeFile('test-results/large-export.png', file.bytes);
});

/**
 * In the page: the SVG rasterised by the browser (as the PNG export did before it moved to
 * the picture worker) beside the exported PNG, pixel by pixel.
 */
async function comparePictures(page: Page, svg: string, png: Buffer) {
  return page.evaluate(
    async ({ svg, png }) => {
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const { width, height } = bitmap;
      const image = new Image();
      image.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      await image.decode();
      const pixels = (draw: (ctx: CanvasRenderingContext2D) => void) => {
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext('2d')!;
        draw(ctx);
        return ctx.getImageData(0, 0, width, height).data;
      };
      const exported = pixels((ctx) => ctx.drawImage(bitmap, 0, 0));
      const background = [exported[0]!, exported[1]!, exported[2]!];
      const reference = pixels((ctx) => {
        ctx.fillStyle = `rgb(${background.join(',')})`;
        ctx.fillRect(0, 0, width, height);
        const scale = Math.min(width / image.naturalWidth, height / image.naturalHeight);
        const w = image.naturalWidth * scale;
        const h = image.naturalHeight * scale;
        ctx.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
      });
      let sum = 0;
      let far = 0;
      let drawn = 0;
      for (let i = 0; i < exported.length; i += 4) {
        let most = 0;
        for (let c = 0; c < 3; c++) {
          const d = Math.abs(exported[i + c]! - reference[i + c]!);
          sum += d;
          if (d > most) most = d;
        }
        if (most > 64) far++;
        if (
          Math.abs(reference[i]! - background[0]!) + Math.abs(reference[i + 2]! - background[2]!) >
          24
        )
          drawn++;
      }
      const n = exported.length / 4;
      return { width, height, meanDiff: sum / (3 * n), farShare: far / n, drawnShare: drawn / n };
    },
    { svg, png: png.toString('base64') },
  );
}

test('[F1] the PNG, painted in the picture worker, shows what the SVG shows (light and dark)', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openLargeCanvas(page);
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await page.getByRole('button', { name: 'Use dark theme' }).click();
      await expect(page.locator('[data-theme="dark"]').first()).toBeVisible();
    }
    const svg = (await exportVia(page, /SVG/)).bytes.toString('utf8');
    const png = (await exportVia(page, /PNG/)).bytes;
    await writeFile(`test-results/large-export-worker-${theme}.png`, png);
    const seen = await comparePictures(page, svg, png);
    // A picture, not a blank frame: cards and links cover a good part of it.
    expect(seen.drawnShare, theme).toBeGreaterThan(0.03);
    // The same picture: only anti-aliasing and text rasterising differ.
    expect(seen.meanDiff, theme).toBeLessThan(3);
    expect(seen.farShare, theme).toBeLessThan(0.01);
  }
});
