import { describe, expect, it } from 'vitest';
import {
  centredViewport,
  fitFrame,
  layerPlacement,
  minimapFrame,
  packRgba,
  parseColour,
  rasterizeNodes,
  recolourNode,
  spliceLayer,
  nodesBounds,
  rectToMinimap,
  toMinimap,
  toWorld,
  unionRect,
  viewportRect,
} from './minimap-geometry';

const CARD = { width: 200, height: 80 };
const MAP = { width: 200, height: 150 };

describe('minimap geometry', () => {
  it('bounds every node box, or none', () => {
    expect(nodesBounds([0, 500, -100], [40, -20, 300], 3, CARD)).toEqual({
      minX: -100,
      minY: -20,
      maxX: 700,
      maxY: 380,
    });
    // `count` limits what is read (typed arrays may be longer).
    expect(nodesBounds(new Float64Array([10, 99]), new Float64Array([20, 99]), 1, CARD)).toEqual({
      minX: 10,
      minY: 20,
      maxX: 210,
      maxY: 100,
    });
    expect(nodesBounds([], [], 0, CARD)).toBeNull();
  });

  it('turns the store transform and pane size into the viewport in flow coordinates', () => {
    // Translated by (-400, 200) at zoom 2 over a 1280×800 pane.
    expect(viewportRect([-400, 200, 2], { width: 1280, height: 800 })).toEqual({
      minX: 200,
      minY: -100,
      maxX: 840,
      maxY: 300,
    });
    expect(viewportRect([0, 0, 0.5], { width: 100, height: 50 })).toEqual({
      minX: -0,
      minY: -0,
      maxX: 200,
      maxY: 100,
    });
  });

  it('fits content inside the padding, centred along the roomier axis', () => {
    // 1000×300 into 200×150 with 5 px padding: width decides, 190/1000 = 0.19 px per unit.
    const wide = fitFrame({ minX: 0, minY: 0, maxX: 1000, maxY: 300 }, MAP, 5);
    expect(wide.scale).toBeCloseTo(0.19);
    expect(toMinimap(wide, 0, 0).x).toBeCloseTo(5);
    expect(toMinimap(wide, 1000, 0).x).toBeCloseTo(195);
    // 300 units × 0.19 = 57 px tall, centred in 150: 46.5 px above and below.
    expect(toMinimap(wide, 0, 0).y).toBeCloseTo(46.5);
    expect(toMinimap(wide, 0, 300).y).toBeCloseTo(103.5);

    // A tall graph: height decides, 140/2000 = 0.07, 100 units → 7 px, centred in 200.
    const tall = fitFrame({ minX: 0, minY: -1000, maxX: 100, maxY: 1000 }, MAP, 5);
    expect(tall.scale).toBeCloseTo(0.07);
    expect(toMinimap(tall, 0, -1000).x).toBeCloseTo(96.5);
    expect(toMinimap(tall, 100, 1000)).toEqual({
      x: expect.closeTo(103.5, 6) as number,
      y: expect.closeTo(145, 6) as number,
    });
  });

  it('includes the viewport in the frame, as React Flow does', () => {
    const nodes = { minX: 0, minY: 0, maxX: 1900, maxY: 1400 };
    // A view inside the graph leaves the frame as the graph's own.
    const inside = minimapFrame(nodes, { minX: 100, minY: 100, maxX: 500, maxY: 400 }, MAP, 5);
    expect(inside).toEqual(fitFrame(nodes, MAP, 5));
    // A view reaching past the right edge widens it: 0..3800 → 190 px, 0.05 px per unit.
    const past = minimapFrame(nodes, { minX: 3000, minY: 0, maxX: 3800, maxY: 500 }, MAP, 5);
    expect(past.scale).toBeCloseTo(0.05);
    expect(toMinimap(past, 3800, 0).x).toBeCloseTo(195);
    // No nodes: the view alone.
    const empty = minimapFrame(null, { minX: 0, minY: 0, maxX: 400, maxY: 300 }, MAP, 5);
    expect(empty.scale).toBeCloseTo(140 / 300);
    expect(unionRect(nodes, null)).toBe(nodes);
  });

  it('maps a minimap pixel back to the flow point drawn there', () => {
    const frame = fitFrame({ minX: -500, minY: 200, maxX: 9500, maxY: 4200 }, MAP, 5);
    // 10000 × 4000 → 190/10000 = 0.019 px per unit.
    expect(frame.scale).toBeCloseTo(0.019);
    expect(toWorld(frame, 5, 75)).toEqual({
      x: expect.closeTo(-500, 6) as number,
      y: expect.closeTo(2200, 6) as number,
    });
    expect(toWorld(frame, 195, 75).x).toBeCloseTo(9500);
    for (const [x, y] of [
      [0, 0],
      [123.4, 56.7],
    ] as const) {
      const p = toMinimap(frame, ...(Object.values(toWorld(frame, x, y)) as [number, number]));
      expect(p.x).toBeCloseTo(x);
      expect(p.y).toBeCloseTo(y);
    }
  });

  it('centres a flow point in the pane at the current zoom', () => {
    // Point (1000, 500) at zoom 0.5 in a 1280×800 pane: on screen at 1000·0.5 + x = 640.
    expect(centredViewport({ x: 1000, y: 500 }, 0.5, { width: 1280, height: 800 })).toEqual({
      x: 140,
      y: 150,
      zoom: 0.5,
    });
    // And the viewport rect of that transform is centred on the point.
    const v = viewportRect([140, 150, 0.5], { width: 1280, height: 800 });
    expect((v.minX + v.maxX) / 2).toBe(1000);
    expect((v.minY + v.maxY) / 2).toBe(500);
  });

  it('places a cached layer so that it lines up with a changed frame', () => {
    const nodes = { minX: 0, minY: 0, maxX: 1900, maxY: 1400 };
    const layer = fitFrame(nodes, MAP, 5); // scale 0.1 (190/1900 vs 140/1400)
    expect(layer.scale).toBeCloseTo(0.1);
    // Same frame: drawn 1:1 at the origin.
    const same = layerPlacement(layer, layer, MAP);
    expect(same.x).toBeCloseTo(0);
    expect(same.y).toBeCloseTo(0);
    expect(same.width).toBeCloseTo(200);
    expect(same.height).toBeCloseTo(150);
    // A frame twice as wide: the layer is drawn at half size, and a node corner on the layer
    // lands where the new frame draws that flow point.
    const frame = minimapFrame(nodes, { minX: 2000, minY: 0, maxX: 3800, maxY: 500 }, MAP, 5);
    const to = layerPlacement(layer, frame, MAP);
    expect(to.width).toBeCloseTo(100);
    expect(to.height).toBeCloseTo(75);
    const onLayer = toMinimap(layer, 1900, 1400);
    const k = to.width / MAP.width;
    const expected = toMinimap(frame, 1900, 1400);
    expect(to.x + onLayer.x * k).toBeCloseTo(expected.x);
    expect(to.y + onLayer.y * k).toBeCloseTo(expected.y);
  });

  it('maps a rectangle to minimap pixels', () => {
    const frame = { originX: 0, originY: 0, scale: 0.01 };
    expect(rectToMinimap(frame, { minX: 100, minY: 200, maxX: 300, maxY: 600 })).toEqual({
      minX: 1,
      minY: 2,
      maxX: 3,
      maxY: 6,
    });
  });

  it('reads CSS colours as RGBA bytes and packs them as a canvas pixel', () => {
    expect(parseColour('#2f80ed')).toEqual([47, 128, 237, 255]);
    expect(parseColour('#fff')).toEqual([255, 255, 255, 255]);
    expect(parseColour('rgba(60, 60, 60, 0.6)')).toEqual([60, 60, 60, 153]);
    expect(parseColour('rgb(1 2 3)')).toEqual([1, 2, 3, 255]);
    expect(parseColour('blue')).toBeNull();
    // As ImageData bytes: r, g, b, a in memory order whatever the CPU's.
    const bytes = new Uint8Array(new Uint32Array([packRgba(47, 128, 237)]).buffer);
    expect([...bytes]).toEqual([47, 128, 237, 255]);
  });

  it('rasterises each node as a box of device pixels in its status colour', () => {
    const W = 20;
    const H = 10;
    const pixels = new Uint32Array(W * H);
    const colours = [11, 22, 33, 44];
    // 0.01 px per unit at dpr 2: a 200×80 card is 4×1.6 → 4×2 device pixels.
    const frame = { originX: 0, originY: 0, scale: 0.01 };
    rasterizeNodes(
      pixels,
      W,
      H,
      frame,
      2,
      [0, 500, 950, -300],
      [0, 200, 0, 0],
      [0, 2, 3, 1],
      4,
      CARD,
      colours,
    );
    const at = (x: number, y: number) => pixels[y * W + x];
    // Node 0 at (0,0): x 0..3, y 0..1 (1.6 rounds to 2).
    expect([at(0, 0), at(3, 0), at(3, 1), at(4, 0), at(0, 2)]).toEqual([11, 11, 11, 0, 0]);
    // Node 1 at (500, 200) → device (10, 4), 4×2 px, blocked colour.
    expect([at(10, 4), at(13, 5), at(14, 4), at(9, 4), at(10, 6)]).toEqual([33, 33, 0, 0, 0]);
    // Node 2 at x 950 → device 19..22: clipped to the last column.
    expect([at(19, 0), at(19, 1)]).toEqual([44, 44]);
    // Node 3 lies left of the buffer: nothing drawn, nothing wrapped onto the row above.
    expect(pixels.filter((p) => p === 22).length).toBe(0);
    expect(pixels.filter((p) => p !== 0).length).toBe(8 + 8 + 2);

    // A 10,000-node graph shrinks a card below a pixel: each is still at least 1×1.
    const tiny = new Uint32Array(W * H);
    rasterizeNodes(
      tiny,
      W,
      H,
      { originX: 0, originY: 0, scale: 0.001 },
      1,
      [0, 5000],
      [0, 5000],
      [0, 0],
      2,
      CARD,
      colours,
    );
    expect([tiny[0], tiny[5 * W + 5], tiny.filter((p) => p !== 0).length]).toEqual([11, 11, 2]);
  });

  it('[H1] recolouring one node repaints only the pixels it is on top of, as a full redraw would', () => {
    const W = 24;
    const H = 12;
    const frame = { originX: 0, originY: 0, scale: 0.01 };
    const xs = [0, 100, 600, 650];
    const ys = [0, 40, 200, 200];
    const draw = (kinds: number[], owner?: Int32Array) => {
      const pixels = new Uint32Array(W * H);
      rasterizeNodes(pixels, W, H, frame, 2, xs, ys, kinds, 4, CARD, [11, 22, 33, 44], owner);
      return pixels;
    };
    const owner = new Int32Array(W * H).fill(-1);
    const pixels = draw([0, 1, 2, 3], owner);
    // Node 0 turns Blocked (it is partly under node 1), node 3 Done.
    recolourNode(pixels, owner, W, H, frame, 2, xs[0]!, ys[0]!, 0, CARD, 33);
    recolourNode(pixels, owner, W, H, frame, 2, xs[3]!, ys[3]!, 3, CARD, 11);
    expect([...pixels]).toEqual([...draw([2, 1, 2, 0])]);
  });

  it('[H1] a node appended to a drawn layer is drawn on top, as a full redraw of the longer list would', () => {
    const W = 24;
    const H = 12;
    const frame = { originX: 0, originY: 0, scale: 0.01 };
    const colours = [11, 22, 33, 44];
    const xs = [0, 100, 600, 650, 60];
    const ys = [0, 40, 200, 200, 20];
    const kinds = [0, 1, 2, 3, 2];
    const full = new Uint32Array(W * H);
    const fullOwner = new Int32Array(W * H).fill(-1);
    rasterizeNodes(full, W, H, frame, 2, xs, ys, kinds, 5, CARD, colours, fullOwner);
    const pixels = new Uint32Array(W * H);
    const owner = new Int32Array(W * H).fill(-1);
    rasterizeNodes(pixels, W, H, frame, 2, xs, ys, kinds, 4, CARD, colours, owner);
    // Node 4 (over nodes 0 and 1) appended: drawn alone, numbered 4 in the owner buffer.
    rasterizeNodes(pixels, W, H, frame, 2, [60], [20], [2], 1, CARD, colours, owner, 4);
    expect(owner.includes(4)).toBe(true);
    expect([...pixels]).toEqual([...full]);
    expect([...owner]).toEqual([...fullOwner]);
  });

  it('[H1] nodes that went, came in the middle or moved are patched into a drawn layer as a full redraw would draw them', () => {
    const W = 40;
    const H = 20;
    const frame = { originX: 0, originY: 0, scale: 0.01 };
    const colours = [11, 22, 33, 44];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    type N = { x: number; y: number; status: number };
    const draw = (list: N[], owner: Int32Array) => {
      const pixels = new Uint32Array(W * H);
      owner.fill(-1);
      rasterizeNodes(
        pixels,
        W,
        H,
        frame,
        2,
        list.map((n) => n.x),
        list.map((n) => n.y),
        list.map((n) => n.status),
        list.length,
        CARD,
        colours,
        owner,
      );
      return pixels;
    };
    const made = () => ({
      x: Math.floor(rnd() * 1800),
      y: Math.floor(rnd() * 900),
      status: Math.floor(rnd() * 4),
    });
    for (let round = 0; round < 40; round++) {
      const before = Array.from({ length: 30 }, made);
      const owner = new Int32Array(W * H);
      const pixels = draw(before, owner);
      // Two go, one comes in the middle, one moves.
      const removed = [3 + Math.floor(rnd() * 10), 15 + Math.floor(rnd() * 10)];
      const kept = before.filter((_, i) => !removed.includes(i));
      const at = Math.floor(rnd() * kept.length);
      const after = [...kept.slice(0, at), made(), ...kept.slice(at)];
      const mover = (at + 1 + Math.floor(rnd() * 20)) % after.length;
      after[mover] = { ...after[mover]!, ...made(), status: after[mover]!.status };
      const toNew = new Int32Array(before.length);
      for (let o = 0, i = 0; o < before.length; o++) {
        if (removed.includes(o)) {
          toNew[o] = -1;
          continue;
        }
        if (i === at) i++;
        toNew[o] = i++;
      }
      spliceLayer(
        pixels,
        owner,
        W,
        H,
        frame,
        2,
        toNew,
        [mover],
        after.length,
        (i) => ({ position: after[i]!, status: after[i]!.status }),
        [at, mover],
        CARD,
        colours,
      );
      const fullOwner = new Int32Array(W * H);
      expect([...pixels]).toEqual([...draw(after, fullOwner)]);
      expect([...owner]).toEqual([...fullOwner]);
    }
  });
});
