import { describe, expect, it } from 'vitest';
import {
  CARD_LOOK_FROM,
  paintNodes,
  pixelFill,
  type Colour,
  type OverviewColours,
} from './overview-draw';
import {
  CARD_H,
  CARD_W,
  LINK,
  MARK,
  OverviewIndex,
  PATCH_MAX,
  type OverviewEdgeInput,
  type OverviewNodeInput,
} from './overview-index';
import { cardHeight, TALL_FROM_K } from './overview-heights';
import { CARD } from '../../../shared/ui-constants';
import {
  cacheRegion,
  cacheServes,
  MOTION_ZOOM_SLACK,
  overviewMinZoom,
  sourceRect,
} from './overview-view';

const node = (
  id: string,
  x: number,
  y: number,
  status = 0,
  extra: Partial<OverviewNodeInput> = {},
): OverviewNodeInput => ({
  id,
  position: { x, y },
  data: { record: { status }, flashing: false },
  ...extra,
});
const edge = (id: string, source: string, target: string, blocking = false): OverviewEdgeInput => ({
  id,
  source,
  target,
  data: { record: { type: 0 }, blocking },
});

/** A 3×2 grid 300×160 apart: n0..n5. */
const grid = () =>
  Array.from({ length: 6 }, (_, i) => node(`n${i}`, (i % 3) * 300, Math.floor(i / 3) * 160, i % 4));

const c = (px: number): Colour => ({ px, css: `#${px.toString(16).padStart(6, '0')}` });
const COLOURS: OverviewColours = {
  status: [c(10), c(11), c(12), c(13)],
  statusDim: [c(20), c(21), c(22), c(23)],
  match: c(40),
  chain: c(41),
  linkPrimary: '#000',
  linkSecondary: '#111',
  linkBlocking: '#f00',
  linkChain: '#c00',
  current: '#e00',
  selected: '#00f',
  flash: '#ff0',
  card: c(50),
  blockedCard: c(51),
  cardBorder: c(52),
  ink: '#123',
};

describe('overview index', () => {
  it('holds every node box, status and mark, and the links between drawn nodes', () => {
    const nodes = grid();
    nodes[1] = { ...nodes[1]!, className: 'lg-find-match lg-find-current', selected: true };
    nodes[2] = {
      ...nodes[2]!,
      className: 'lg-find-dim',
      data: { record: { status: 2 }, flashing: true },
    };
    const index = new OverviewIndex(nodes, [
      edge('a', 'n0', 'n1', true),
      { id: 'b', source: 'n1', target: 'n4', data: { record: { type: 1 }, blocking: false } },
      edge('gone', 'n0', 'missing'),
    ]);
    expect(index.count).toBe(6);
    expect(index.bounds).toEqual({ minX: 0, minY: 0, maxX: 600 + CARD_W, maxY: 160 + CARD_H });
    expect([...index.status]).toEqual([0, 1, 2, 3, 0, 1]);
    expect(index.marks[1]).toBe(MARK.match | MARK.current | MARK.selected);
    expect(index.marks[2]).toBe(MARK.dim | MARK.flash);
    // Drawn each frame: the selected/current node and the flashing one.
    expect(index.overlay).toEqual([1, 2]);
    // A link to a node that is not drawn is left out.
    expect(index.linkCount).toBe(2);
    expect([...index.linkMarks]).toEqual([LINK.primary | LINK.blocking, 0]);
    expect(index.nodesIn({ minX: 290, minY: 60, maxX: 310, maxY: 170 })).toEqual([1, 4]);
    expect(index.linksIn({ minX: 400, minY: 100, maxX: 420, maxY: 120 })).toEqual([1]);
  });

  it('takes the node part of an index of the same nodes and indexes only the new links, as a fresh index would', () => {
    const nodes = grid();
    nodes[4] = { ...nodes[4]!, selected: true };
    const first = new OverviewIndex(nodes, [edge('a', 'n0', 'n1', true)]);
    first.prepare(); // its node tree, taken over too
    const links = [
      edge('a', 'n0', 'n1', true),
      edge('b', 'n1', 'n2'),
      edge('c', 'n3', 'n5', true),
      edge('gone', 'n0', 'missing'),
    ];
    const relinked = new OverviewIndex(nodes, links, null, first);
    const fresh = new OverviewIndex(nodes, links);
    // Shared, not rebuilt.
    expect(relinked.nodesTakenOver).toBe(true);
    expect(fresh.nodesTakenOver).toBe(false);
    expect(relinked.xs).toBe(first.xs);
    expect(relinked.idIndex).toBe(first.idIndex);
    expect(relinked.nodeTreeBuilt).toBe(first.nodeTreeBuilt);
    // And the same answers as an index made from scratch.
    for (const key of ['count', 'bounds', 'linkCount', 'linkBounds', 'overlay'] as const) {
      expect(relinked[key]).toEqual(fresh[key]);
    }
    expect([...relinked.src]).toEqual([...fresh.src]);
    expect([...relinked.tgt]).toEqual([...fresh.tgt]);
    expect([...relinked.linkMarks]).toEqual([...fresh.linkMarks]);
    expect([...(relinked.edgeSlot ?? [])]).toEqual([...(fresh.edgeSlot ?? [])]);
    const everywhere = { minX: -1e6, minY: -1e6, maxX: 1e6, maxY: 1e6 };
    const part = { minX: 250, minY: 100, maxX: 700, maxY: 200 };
    for (const r of [everywhere, part]) {
      expect(relinked.nodesIn(r)).toEqual(fresh.nodesIn(r));
      expect(relinked.linksIn(r).sort()).toEqual(fresh.linksIn(r).sort());
    }
    // Another node list (even the same nodes in a new array) is indexed whole.
    const other = new OverviewIndex([...nodes], links, null, first);
    expect(other.nodesTakenOver).toBe(false);
    expect(other.xs).not.toBe(first.xs);
  });

  it('hits the box under a point, else the nearest within the slop, else nothing', () => {
    const index = new OverviewIndex(grid(), []);
    expect(index.hit(310, 170, 0)).toBe('n4');
    // In the gap between n0 and n1 (227..300), nearer n1's left edge.
    expect(index.hit(290, 20, 20)).toBe('n1');
    expect(index.hit(240, 20, 20)).toBe('n0');
    expect(index.hit(263, 20, 5)).toBeNull();
    expect(index.hit(5000, 5000, 100)).toBeNull();
  });

  it('answers links by their control boxes: every link for a query holding them all, the tree for the rest', () => {
    // A backward link bulges beyond the nodes' box; a far link; links among the grid.
    const nodes = [...grid(), node('far', 3000, 2000)];
    const edges = [edge('a', 'n0', 'n1'), edge('b', 'n2', 'n0'), edge('c', 'n4', 'far')];
    const index = new OverviewIndex(nodes, edges);
    const brute = (r: { minX: number; minY: number; maxX: number; maxY: number }) => {
      const out: number[] = [];
      const k = new Float64Array(8);
      for (let l = 0; l < index.linkCount; l++) {
        index.linkControls(l, k);
        const x0 = Math.min(k[0]!, k[2]!, k[4]!, k[6]!);
        const x1 = Math.max(k[0]!, k[2]!, k[4]!, k[6]!);
        if (
          x0 <= r.maxX &&
          x1 >= r.minX &&
          Math.min(k[1]!, k[7]!) <= r.maxY &&
          Math.max(k[1]!, k[7]!) >= r.minY
        )
          out.push(l);
      }
      return out;
    };
    const everything = { minX: -1e6, minY: -1e6, maxX: 1e6, maxY: 1e6 };
    expect(index.linksIn(everything)).toEqual([0, 1, 2]);
    for (const r of [
      { minX: 0, minY: 0, maxX: 100, maxY: 100 },
      { minX: 2000, minY: 1000, maxX: 3100, maxY: 2100 },
      { minX: -500, minY: -100, maxX: 1200, maxY: 300 },
    ])
      expect(index.linksIn(r).sort((a, b) => a - b)).toEqual(brute(r));
    // Built before or after first use, the trees answer the same.
    const early = new OverviewIndex(nodes, edges);
    early.prepare();
    expect(early.nodesIn({ minX: 0, minY: 0, maxX: 350, maxY: 100 })).toEqual(
      index.nodesIn({ minX: 0, minY: 0, maxX: 350, maxY: 100 }),
    );
    expect(index.nodesIn({ minX: 0, minY: 0, maxX: 350, maxY: 100 })).toEqual([0, 1]);
  });

  it('patches a few changed statuses, marks, moves and re-wired links in place; a link to a node not drawn, a list that is no patch or many changes rebuild; a same-looking new object is no change', () => {
    const nodes = grid();
    const edges = [edge('a', 'n0', 'n1'), edge('b', 'n1', 'n2')];
    const index = new OverviewIndex(nodes, edges);
    expect(index.update(nodes, edges)).toEqual({ kind: 'none' });

    const changed = [...nodes];
    changed[4] = node('n4', 300, 160, 1, { selected: true });
    const edges2 = [edges[0]!, edge('b', 'n1', 'n2', true)];
    expect(index.update(changed, edges2)).toEqual({
      kind: 'patch',
      nodes: [4],
      edges: [1],
      boxes: [],
    });
    expect(index.status[4]).toBe(1);
    expect(index.marks[4]).toBe(MARK.selected);
    expect(index.linkMarks[1]).toBe(LINK.primary | LINK.blocking);
    expect(index.overlay).toEqual([4]);

    // A move is a patch: the node and its link repainted where they were and where they are.
    index.prepare();
    const moved = [...changed];
    moved[0] = node('n0', 10, 0, 0);
    const wasBox = index.reach(0); // where it can be drawn at any zoom (the tallest card)
    const update = index.update(moved, edges2);
    expect(update).toMatchObject({ kind: 'patch', nodes: [0], edges: [0] });
    expect(update.kind === 'patch' && update.boxes).toContainEqual(wasBox);
    expect(index.xs[0]).toBe(10);
    const fresh = new OverviewIndex(moved, edges2);
    for (const r of [
      { minX: 0, minY: 0, maxX: 5, maxY: 5 },
      { minX: 205, minY: 0, maxX: 215, maxY: 10 },
    ]) {
      expect(index.nodesIn(r)).toEqual(fresh.nodesIn(r));
      expect(index.linksIn(r)).toEqual(fresh.linksIn(r));
    }
    expect(index.bounds).toEqual(fresh.bounds);
    // A link re-wired in place is a patch: new ends by id, repainted where it was drawn.
    const wasLink = index.linkBox(1);
    const rewired = [edges2[0]!, edge('b', 'n2', 'n1')];
    const wired = index.update(moved, rewired);
    expect(wired).toMatchObject({ kind: 'patch', nodes: [], edges: [1] });
    expect(wired.kind === 'patch' && wired.boxes[0]).toMatchObject({
      minX: wasLink.minX,
      maxX: wasLink.maxX,
    });
    expect([index.src[1], index.tgt[1]]).toEqual([2, 1]);
    const freshWired = new OverviewIndex(moved, rewired);
    for (const r of [
      { minX: 0, minY: 0, maxX: 5, maxY: 5 },
      { minX: 205, minY: 0, maxX: 215, maxY: 10 },
      { minX: 350, minY: 20, maxX: 420, maxY: 40 },
    ])
      expect(index.linksIn(r).sort()).toEqual(freshWired.linksIn(r).sort());
    // Re-wired to a node not drawn, or a longer list that is no patch of the held one,
    // rebuilds; a rebuild answer leaves the index as it was.
    expect(index.update(moved, [edges2[0]!, edge('b', 'n2', 'gone')])).toEqual({
      kind: 'rebuild',
    });
    expect([index.src[1], index.tgt[1]]).toEqual([2, 1]);
    expect(index.update([...moved, node('n6', 0, 900)], rewired)).toEqual({ kind: 'rebuild' });
    expect(index.count).toBe(moved.length);

    const many = Array.from({ length: PATCH_MAX + 1 }, (_, i) => node(`m${i}`, i * 300, 0));
    const big = new OverviewIndex(many, []);
    // New objects that draw the same (React Flow measured the cards at the hand-over): nothing.
    expect(
      big.update(
        many.map((n) => ({ ...n, measured: { width: 200, height: 67 } })),
        [],
      ),
    ).toEqual({ kind: 'none' });
    expect(
      big.update(
        many.map((n) => ({ ...n, data: { ...n.data, record: { status: 3 } } })),
        [],
      ),
    ).toEqual({ kind: 'rebuild' });
  });
});

describe('overview drawing', () => {
  it('paints a far-away node as a solid status box of at least one device pixel', () => {
    const index = new OverviewIndex([node('a', 0, 0, 2), node('b', 1000, 0, 3)], []);
    const w = 20;
    const h = 4;
    const pixels = new Uint32Array(w * h);
    // 0.01 device px per flow unit: a card is 2.27 × 0.67 px.
    paintNodes(index, null, { ox: 0, oy: 0, k: 0.01 }, w, h, COLOURS, pixelFill(pixels, w, h));
    expect([...pixels.slice(0, w)]).toEqual([
      12, 12, 0, 0, 0, 0, 0, 0, 0, 0, 13, 13, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect([...pixels.slice(w)].every((p) => p === 0)).toBe(true);
  });

  it('paints a wide card as the zoomed-out cards look: one status fill (no panel), hit ring', () => {
    const k = CARD_LOOK_FROM / CARD_W + 0.05; // a card about 35 × 10 device px
    const index = new OverviewIndex([node('a', 0, 0, 2, { className: 'lg-find-match' })], []);
    const w = 48;
    const h = 20;
    const pixels = new Uint32Array(w * h);
    const f = { ox: -30, oy: -20, k }; // the card starts at device (4.7, 3.1)
    paintNodes(index, null, f, w, h, COLOURS, pixelFill(pixels, w, h));
    const at = (x: number, y: number) => pixels[y * w + x];
    const x0 = Math.round(30 * k);
    const y0 = Math.round(20 * k);
    const x1 = Math.round((30 + CARD_W) * k);
    const y1 = Math.round((20 + CARD_H) * k);
    for (const [x, y] of [
      [x0, y0],
      [x0 + 10, y0 + 3],
      [x1 - 1, y1 - 1],
    ] as const)
      expect(at(x, y)).toBe(12); // the Blocked status colour throughout
    // The search-hit ring: 2 px outside the box.
    expect(at(x0 + 10, y0 - 2)).toBe(40);
    expect(at(x1 + 1, y0 + 3)).toBe(40);
    expect(at(0, 0)).toBe(0);
  });
  it("paints the cards' full look at card zoom: border, the card background (a Blocked card's own), status stripe", () => {
    const k = 0.8; // a card 181.6 × 53.6 device px
    const index = new OverviewIndex([node('a', 0, 0, 2), node('b', 300, 0, 1)], []);
    const w = 440;
    const h = 60;
    const pixels = new Uint32Array(w * h);
    paintNodes(
      index,
      null,
      { ox: 0, oy: 0, k, near: true },
      w,
      h,
      COLOURS,
      pixelFill(pixels, w, h),
    );
    const at = (x: number, y: number) => pixels[y * w + x];
    const stripe = Math.round(6 * k);
    // Blocked 'a': its stripe, its border, the Blocked card's background inside.
    expect([at(0, 20), at(stripe - 1, 20), at(stripe, 20)]).toEqual([12, 12, 51]);
    expect([at(100, 0), at(100, 20), at(Math.round(CARD_W * k) - 1, 20)]).toEqual([52, 51, 52]);
    // In progress 'b' (at x 240): the plain card background.
    expect([at(240, 20), at(300, 20)]).toEqual([11, 50]);
  });
});

describe("overview boxes in their cards' heights", () => {
  // 13 px semi-bold over the card's 200 px (renderer/exchange/card-text.ts): three lines.
  const LONG = 'Migrate the billing service to the new ledger and reconcile every account';
  const titled = (id: string, x: number, y: number, title: string) =>
    node(id, x, y, 0, { data: { record: { status: 0, title }, flashing: false } });

  it('gives a box the height of its card as the title wraps, a line more for each', () => {
    const index = new OverviewIndex([titled('a', 0, 0, 'Short'), titled('b', 300, 0, LONG)], []);
    expect(index.heightOf(0)).toBe(CARD_H);
    expect(index.heightOf(1)).toBe(CARD_H + 2 * CARD.titleLine);
    // An outline has no titles yet: one-line cards.
    expect(cardHeight(titled('c', 0, 0, LONG))).toBe(index.heightOf(1));
  });

  it('paints the taller box once a title line is a device pixel, a one-line box below that', () => {
    const index = new OverviewIndex([titled('a', 0, 0, LONG)], []);
    const tall = CARD_H + 2 * CARD.titleLine; // 97
    const paint = (k: number) => {
      const w = Math.ceil(CARD_W * k) + 2;
      const h = Math.ceil(tall * k) + 2;
      const pixels = new Uint32Array(w * h);
      paintNodes(index, null, { ox: 0, oy: 0, k }, w, h, COLOURS, pixelFill(pixels, w, h));
      // Rows painted down the box's middle column.
      let rows = 0;
      for (let y = 0; y < h; y++) if (pixels[y * w + Math.floor(w / 2)]) rows++;
      return rows;
    };
    expect(paint(0.3)).toBe(Math.round(tall * 0.3)); // 29 rows, as the card at zoom 0.3
    expect(TALL_FROM_K).toBeGreaterThan(0.05);
    expect(paint(0.05)).toBe(Math.max(1, Math.round(CARD_H * 0.05)));
  });

  it('hits and finds a tall card by its lower part, and ends its links at its middle when drawn tall', () => {
    const nodes = [titled('a', 0, 0, LONG), titled('b', 400, 0, 'Short')];
    const index = new OverviewIndex(nodes, [edge('l', 'a', 'b')]);
    index.prepare(); // the trees (one-line boxes)
    const below = CARD_H + 20; // inside card a, below a one-line card
    expect(index.hit(100, below, 0)).toBe('a');
    expect(index.nodesIn({ minX: 90, minY: below, maxX: 110, maxY: below + 1 })).toEqual([0]);
    const c = new Float64Array(8);
    expect(index.linkControls(0, c, true)[1]).toBe((CARD_H + 2 * CARD.titleLine) / 2);
    expect(index.linkControls(0, c)[1]).toBe(CARD_H / 2);
    // The link is found by a query at its tall end's height.
    const y = (CARD_H + 2 * CARD.titleLine) / 2;
    expect(index.linksIn({ minX: 226, minY: y - 1, maxX: 230, maxY: y + 1 })).toEqual([0]);
  });

  it('repaints a card whose retitling changes its height, and its links, as a moved one', () => {
    const nodes = [titled('a', 0, 0, 'Short'), titled('b', 400, 0, 'Short')];
    const edges = [edge('l', 'a', 'b')];
    const index = new OverviewIndex(nodes, edges);
    const retitled = [titled('a', 0, 0, LONG), nodes[1]!];
    const update = index.update(retitled, edges);
    expect(update).toMatchObject({ kind: 'patch', nodes: [0], edges: [0] });
    expect(update.kind === 'patch' && update.boxes).toContainEqual(index.reach(0));
    expect(index.heightOf(0)).toBe(CARD_H + 2 * CARD.titleLine);
    // The same title in a new record: no change.
    const again = [titled('a', 0, 0, LONG), nodes[1]!];
    expect(index.update(again, edges)).toEqual({ kind: 'none' });
  });
});

describe('overview cache and zoom', () => {
  const view = { minX: 0, minY: 0, maxX: 1000, maxY: 500 };

  it('covers the view with a quarter margin and serves pans inside it and zooms within 1.5×', () => {
    const rect = cacheRegion(view);
    expect(rect).toEqual({ minX: -250, minY: -125, maxX: 1250, maxY: 625 });
    const cache = { rect, zoom: 0.1, frame: { ox: -250, oy: -125, k: 0.1 } };
    expect(cacheServes(cache, view, 0.1)).toBe(true);
    expect(cacheServes(cache, { minX: 240, minY: 0, maxX: 1240, maxY: 500 }, 0.1)).toBe(true);
    expect(cacheServes(cache, { minX: 260, minY: 0, maxX: 1260, maxY: 500 }, 0.1)).toBe(false);
    expect(cacheServes(cache, view, 0.149)).toBe(true);
    expect(cacheServes(cache, view, 0.151)).toBe(false);
    expect(cacheServes(cache, view, 0.066)).toBe(false);
    // While moving, zooming in up to 3× is served scaled up (drawn sharp when it stops).
    const inner = { minX: 400, minY: 200, maxX: 600, maxY: 300 };
    expect(cacheServes(cache, inner, 0.29)).toBe(false);
    expect(cacheServes(cache, inner, 0.29, MOTION_ZOOM_SLACK)).toBe(true);
    expect(cacheServes(cache, inner, 0.31, MOTION_ZOOM_SLACK)).toBe(false);
    expect(cacheServes(cache, view, 0.066, MOTION_ZOOM_SLACK)).toBe(false);
    expect(cacheServes(null, view, 0.1)).toBe(false);
    // Across the cards' full look (zoom 0.75): drawn again, whatever the slack.
    const near = { rect, zoom: 0.8, frame: { ox: -250, oy: -125, k: 0.8, near: true } };
    expect(cacheServes(near, view, 0.8)).toBe(true);
    expect(cacheServes(near, view, 0.7, MOTION_ZOOM_SLACK)).toBe(false);
    expect(cacheServes({ ...cache, zoom: 0.6 }, view, 0.8, MOTION_ZOOM_SLACK)).toBe(false);
    expect(sourceRect(cache, view)).toEqual({ x: 25, y: 12.5, width: 100, height: 50 });
  });

  it('allows zooming out until the whole plan fits a small pane twice over', () => {
    // 100 columns 280 apart, 1,000 rows 160 apart: 27,947 × 159,907.
    const plan = { minX: 0, minY: 0, maxX: 99 * 280 + CARD_W, maxY: 999 * 160 + CARD_H };
    const min = overviewMinZoom(plan, { width: 480, height: 320 });
    expect(min).toBeCloseTo(320 / 159_907 / 2, 8);
    expect(
      overviewMinZoom({ minX: 0, minY: 0, maxX: 2000, maxY: 1000 }, { width: 480, height: 320 }),
    ).toBe(0.05);
    expect(overviewMinZoom(null, { width: 480, height: 320 })).toBe(0.05);
  });
});
