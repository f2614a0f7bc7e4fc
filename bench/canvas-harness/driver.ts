/**
 * In-page measurements, exposed on `window.__bench` for bench/canvas.bench.ts to call through
 * Playwright. Both canvases are driven by the same code: programmatic viewport changes once
 * per animation frame, with frames counted by requestAnimationFrame. If rendering a frame
 * takes longer, the next rAF comes later, so frames per second is what a user would see.
 */
import type { Viewport } from '@xyflow/react';

export interface Controls {
  setViewport: (v: Viewport) => void;
  getViewport: () => Viewport;
  /** Moves one node by dx inside flushSync; returns when React has committed. */
  nudge: (dx: number) => void;
  /** Moves one node record by dx inside flushSync; the whole-graph minimap redraws its nodes. */
  redrawMinimap: (dx: number) => MinimapRedraw;
}

export interface MinimapRedraw {
  /** Drawing every node into the minimap's layer (WholeGraphMiniMap's own timing). */
  nodesMs: number;
  count: number;
  /** The whole synchronous commit (React + the layer + the viewport frame). */
  commitMs: number;
}

export interface MotionResult {
  fps: number;
  frames: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** Most `.react-flow__node` elements in the DOM at any sampled frame. */
  maxDomNodes: number;
  /** Zoom motion only: mean frame time (ms) while the zoom was in each band (see ZOOM_BANDS). */
  frameMsByZoom?: Record<string, number>;
}

/** Zoom bands for MotionResult.frameMsByZoom: below 0.75 is the far look (level-of-detail.ts). */
const ZOOM_BANDS: [string, number][] = [
  ['<0.75', 0.75],
  ['0.75-1', 1],
  ['1-1.5', 1.5],
  ['>=1.5', Infinity],
];

export interface BenchApi {
  variant: string;
  /** When the page script started and when the graph was generated, since navigation. */
  scriptStartMs: number;
  graphReadyMs?: number;
  firstRenderMs?: number;
  domNodes: () => number;
  pan: (ms: number) => Promise<MotionResult>;
  zoom: (ms: number) => Promise<MotionResult>;
  nudge: (times: number) => Promise<{ commitMs: number; nextFrameMs: number }>;
  /** Zooms to `zoom` around the screen centre (for screenshots); resolves after two frames. */
  zoomTo: (zoom: number) => Promise<void>;
  /** Median minimap node-layer redraw and commit over `times` one-record moves. */
  minimapRedraw: (times: number) => Promise<MinimapRedraw>;
}

const controls: Partial<Controls> = {};

export function registerControls(part: Partial<Controls>): void {
  Object.assign(controls, part);
}

function need<K extends keyof Controls>(key: K): Controls[K] {
  const fn = controls[key];
  if (!fn) throw new Error(`benchmark control ${key} is not registered yet`);
  return fn as Controls[K];
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const domNodes = () => document.querySelectorAll('.react-flow__node').length;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/**
 * Calls `step(elapsedMs)` once per frame for `ms`, and reports the frame rate. `step` may
 * return the zoom it set, to have frame times reported by zoom band.
 */
async function animate(ms: number, step: (t: number) => number | void): Promise<MotionResult> {
  await frame();
  const start = await frame();
  const gaps: number[] = [];
  const bands = new Map<string, { ms: number; frames: number }>();
  let zoom: number | void = undefined;
  let last = start;
  let maxDomNodes = 0;
  for (;;) {
    const now = await frame();
    gaps.push(now - last);
    if (typeof zoom === 'number') {
      const z = zoom;
      const band = ZOOM_BANDS.find(([, below]) => z < below)![0];
      const b = bands.get(band) ?? { ms: 0, frames: 0 };
      b.ms += now - last;
      b.frames++;
      bands.set(band, b);
    }
    last = now;
    maxDomNodes = Math.max(maxDomNodes, domNodes());
    if (now - start >= ms) break;
    zoom = step(now - start);
  }
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    fps: (gaps.length * 1000) / (last - start),
    frames: gaps.length,
    p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
    maxFrameMs: sorted[sorted.length - 1] ?? NaN,
    maxDomNodes,
    ...(bands.size > 0 && {
      frameMsByZoom: Object.fromEntries(
        ZOOM_BANDS.filter(([band]) => bands.has(band)).map(([band]) => {
          const b = bands.get(band)!;
          return [band, b.ms / b.frames];
        }),
      ),
    }),
  };
}

/** Watches for the first node React Flow shows (it hides nodes until measured). */
function watchFirstPaint(api: BenchApi): void {
  const check = () => {
    const shown = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].some(
      (el) => el.style.visibility !== 'hidden',
    );
    if (!shown) {
      requestAnimationFrame(check);
      return;
    }
    // One more frame so the measurement includes painting what was just committed.
    requestAnimationFrame(() => {
      performance.mark('lg-nodes-painted');
      api.firstRenderMs = performance.now(); // since navigation start (timeOrigin)
    });
  };
  requestAnimationFrame(check);
}

export function installBenchApi(variant: string): BenchApi {
  const api: BenchApi = {
    variant,
    scriptStartMs: performance.now(),
    domNodes,
    pan: (ms) => {
      const v0 = need('getViewport')();
      const set = need('setViewport');
      // 900 px/s right and 500 px/s down across the plane, at a fixed zoom.
      return animate(ms, (t) => set({ x: v0.x - 0.9 * t, y: v0.y - 0.5 * t, zoom: v0.zoom }));
    },
    zoom: (ms) => {
      const v0 = need('getViewport')();
      const set = need('setViewport');
      const cx = window.innerWidth / 2;
      const cy = window.innerHeight / 2;
      // The flow point under the screen centre stays put while zoom swings 0.5×–2× of v0.
      const fx = (cx - v0.x) / v0.zoom;
      const fy = (cy - v0.y) / v0.zoom;
      return animate(ms, (t) => {
        const zoom = v0.zoom * 2 ** Math.sin((2 * Math.PI * t) / 2000);
        set({ x: cx - fx * zoom, y: cy - fy * zoom, zoom });
        return zoom;
      });
    },
    nudge: async (times) => {
      const nudge = need('nudge');
      const commits: number[] = [];
      const frames: number[] = [];
      for (let i = 0; i < times; i++) {
        await frame();
        const t0 = performance.now();
        nudge(i % 2 === 0 ? 10 : -10);
        commits.push(performance.now() - t0);
        await frame();
        frames.push(performance.now() - t0);
      }
      return { commitMs: median(commits), nextFrameMs: median(frames) };
    },
    minimapRedraw: async (times) => {
      const redraw = need('redrawMinimap');
      const runs: MinimapRedraw[] = [];
      for (let i = 0; i < times; i++) {
        await frame();
        runs.push(redraw(i % 2 === 0 ? 10 : -10));
      }
      return {
        nodesMs: median(runs.map((r) => r.nodesMs)),
        count: runs[0]?.count ?? 0,
        commitMs: median(runs.map((r) => r.commitMs)),
      };
    },
    zoomTo: async (zoom) => {
      const v0 = need('getViewport')();
      const cx = window.innerWidth / 2;
      const cy = window.innerHeight / 2;
      const fx = (cx - v0.x) / v0.zoom;
      const fy = (cy - v0.y) / v0.zoom;
      need('setViewport')({ x: cx - fx * zoom, y: cy - fy * zoom, zoom });
      await frame();
      await frame();
    },
  };
  (window as unknown as { __bench: BenchApi }).__bench = api;
  watchFirstPaint(api);
  return api;
}
