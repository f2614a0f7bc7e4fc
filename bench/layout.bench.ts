/**
 * Layout benchmark (`npm run bench -- layout`), issue 14 item 5: ELK's layered layout
 * (orthogonal routes) against dagre, in the same run, on plans shaped like real ones
 * (shared/test-support/plan-shape.ts: layered dependency work plus epics' `is_parent_of`
 * links) of 300 and 3,000 nodes. For each: median time, link crossings and total link length
 * (renderer/layout/layout-metrics.ts) — once with every link drawn straight from handle to
 * handle (the same measure for both engines), once as ELK routes them (orthogonal, around
 * cards) — and the drawing's size, with the zoom at which it fits a 1280×720 view.
 * Engines alternate run by run so both see the same machine load.
 */
import { loadavg } from 'node:os';
import { planShape } from '../shared/test-support/plan-shape';
import { CARD } from '../shared/ui-constants';
import { NODE_HEIGHT, NODE_WIDTH } from '../renderer/layout/apply-layout';
import { dagreLayout } from '../renderer/layout/dagre-layout';
import { elkLayout } from '../renderer/layout/elk-layout';
import { engineFor } from '../renderer/layout/engine-choice';
import {
  countCrossings,
  extent,
  straightLinks,
  totalLength,
  type DrawnLink,
} from '../renderer/layout/layout-metrics';
import type {
  LayoutDirection,
  LayoutEngine,
  LayoutRequest,
  LayoutResult,
} from '../renderer/layout/layout-types';
import { gc, median } from './support/measure';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

const SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT, handleY: CARD.height / 2 };
const VIEW = { width: 1280, height: 720 };

function request(n: number, direction: LayoutDirection): LayoutRequest {
  const plan = planShape(n);
  return {
    nodes: Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    })),
    edges: plan.links.map((l, i) => ({
      id: `l${i}`,
      source: `n${l.source}`,
      target: `n${l.target}`,
    })),
    direction,
  };
}

async function timed(engine: LayoutEngine, req: LayoutRequest) {
  gc();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result: LayoutResult = engine === 'elk' ? await elkLayout(req) : dagreLayout(req);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // CPU time too: on the shared machine wall time mostly measures the other people's load.
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, result };
}

function measure(req: LayoutRequest, result: LayoutResult) {
  const straight = straightLinks(result.positions, req.edges, SIZE, req.direction);
  const routed: DrawnLink[] = req.edges
    .filter((e) => result.routes[e.id])
    .map((e) => ({ source: e.source, target: e.target, points: result.routes[e.id]! }));
  const box = extent(result.positions, SIZE);
  return {
    straightCrossings: countCrossings(straight),
    straightLength: totalLength(straight),
    routedCrossings: routed.length ? countCrossings(routed) : null,
    routedLength: routed.length ? totalLength(routed) : null,
    box,
    fitZoom: Math.min(VIEW.width / box.width, VIEW.height / box.height),
  };
}

/**
 * dagre above this size is left out unless LAYOUT_DAGRE_ALL=1: at 3,000 nodes it ran for over
 * four minutes of CPU without finishing (2026-11-30), which alone broke the bench's budget.
 */
const DAGRE_MAX = 1000;
const runs: Record<number, number> = { 30: 5, 300: 3, 3000: 1 };
const sizes = (process.env.LAYOUT_SIZES ?? '30,300,3000').split(',').map(Number);
const directions: LayoutDirection[] = ['LR', 'TB'];
const k = (x: number) => (x / 1000).toFixed(0) + 'k';

console.log(`load average at start: ${load()}`);
console.log(
  '| nodes / links | direction | engine | median wall time | median CPU time | crossings, straight | length, straight | crossings, as routed | length, as routed | drawing (w × h) | zoom to fit 1280×720 |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const n of sizes) {
  for (const direction of n >= 3000 ? (['LR'] as const) : directions) {
    const req = request(n, direction);
    const times: Record<LayoutEngine, number[]> = { elk: [], dagre: [] };
    const cpuTimes: Record<LayoutEngine, number[]> = { elk: [], dagre: [] };
    const last: Partial<Record<LayoutEngine, LayoutResult>> = {};
    for (let r = 0; r < (runs[n] ?? 1); r++)
      for (const engine of (r % 2 ? ['dagre', 'elk'] : ['elk', 'dagre']) as LayoutEngine[]) {
        if (engine === 'dagre' && n > DAGRE_MAX && !process.env.LAYOUT_DAGRE_ALL) continue;
        const { ms, cpuMs, result } = await timed(engine, req);
        times[engine].push(ms);
        cpuTimes[engine].push(cpuMs);
        last[engine] = result;
      }
    for (const engine of ['elk', 'dagre'] as const) {
      if (!last[engine]) {
        console.log(
          `| ${n} / ${req.edges.length} | ${direction} | ${engine} | not run: over 4 min of CPU in the run of 2026-11-30 18:48 (LAYOUT_DAGRE_ALL=1 runs it) | | | | | | | |`,
        );
        continue;
      }
      const m = measure(req, last[engine]!);
      console.log(
        `| ${n} / ${req.edges.length} | ${direction} | ${engine}${engineFor(n) === engine ? ' (used)' : ''} | ${median(times[engine]).toFixed(0)} ms | ${median(cpuTimes[engine]).toFixed(0)} ms | ${m.straightCrossings} | ${k(m.straightLength)} | ${m.routedCrossings ?? '—'} | ${m.routedLength === null ? '—' : k(m.routedLength)} | ${m.box.width} × ${m.box.height} | ${m.fitZoom.toFixed(2)} |`,
      );
    }
  }
}
console.log(`load average at end: ${load()}`);
