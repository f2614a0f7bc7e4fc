import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../../shared/exchange/test-support/fixtures';
import { curveEnd, pictureTransform, pngHeight } from './graph-raster';
import { graphScene, handlePoints, linkPath } from './graph-svg';

describe('the PNG painter (graph-raster.ts)', () => {
  it('[F1] maps the viewBox onto the PNG as the SVG drawn into it did: fitted, centred', () => {
    const scene = {
      width: 1600,
      height: 800,
      viewBox: { x: -40, y: 100, width: 2000, height: 1000 },
    };
    // Same shape: the viewBox fills the canvas.
    const same = pictureTransform(scene, 1600, 800);
    expect(same.scale).toBeCloseTo(0.8);
    expect(-40 * same.scale + same.dx).toBeCloseTo(0);
    expect(1100 * same.scale + same.dy).toBeCloseTo(800);
    // A taller canvas (the height clamped up to 400–4000): the picture centred vertically.
    const tall = pictureTransform(scene, 1600, 1000);
    expect(100 * tall.scale + tall.dy).toBeCloseTo(100);
    expect(1100 * tall.scale + tall.dy).toBeCloseTo(900);
    // A shorter one: centred horizontally at the smaller scale.
    const short = pictureTransform(scene, 1600, 400);
    expect(short.scale).toBeCloseTo(0.4);
    expect(-40 * short.scale + short.dx).toBeCloseTo(400);
    expect(1960 * short.scale + short.dx).toBeCloseTo(1200);
  });

  it('[F1] points each arrowhead along the curve at its target handle', () => {
    const a = { x: 0, y: 0, width: 227, height: 67 };
    const forward = handlePoints(a, { ...a, x: 400, y: 200 });
    const end = curveEnd(linkPath(forward)[0]);
    expect(end.x).toBeCloseTo(forward.targetX);
    expect(end.y).toBeCloseTo(forward.targetY);
    // React Flow's left-hand target handle: the curve arrives heading right.
    expect(end.angle).toBeCloseTo(0);
    const backward = handlePoints(a, { ...a, x: -600, y: -300 });
    expect(curveEnd(linkPath(backward)[0]).angle).toBeCloseTo(0);
  });

  it('[F1] clamps the PNG height to its bounds', () => {
    const bounds = { minHeight: 400, maxHeight: 4000 };
    expect(pngHeight(120, bounds)).toBe(400);
    expect(pngHeight(900, bounds)).toBe(900);
    expect(pngHeight(90_000, bounds)).toBe(4000);
  });

  it('[F1] paints from the same scene the SVG is written from', () => {
    const { nodes, links } = sampleGraph();
    const scene = graphScene({ nodes, links });
    expect(scene.cards.map((c) => c.record.id)).toEqual(
      nodes.filter((n) => !n.in_trash).map((n) => n.id),
    );
    expect(scene.links.length).toBeGreaterThan(0);
    for (const link of scene.links) expect(link.d).toMatch(/^M[-\d.]+,[-\d.]+ C/);
  });
});
