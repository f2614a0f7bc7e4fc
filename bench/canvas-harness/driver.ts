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
}

export interface MotionResult {
  fps: number;
  frames: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** Most `.react-flow__node` elements in the DOM at any sampled frame. */
  maxDomNodes: number;
}

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

/** Calls `step(elapsedMs)` once per frame for `ms`, and reports the frame rate. */
async function animate(ms: number, step: (t: number) => void): Promise<MotionResult> {
  await frame();
  const start = await frame();
  const gaps: number[] = [];
  let last = start;
  let maxDomNodes = 0;
  for (;;) {
    const now = await frame();
    gaps.push(now - last);
    last = now;
    maxDomNodes = Math.max(maxDomNodes, domNodes());
    if (now - start >= ms) break;
    step(now - start);
  }
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    fps: (gaps.length * 1000) / (last - start),
    frames: gaps.length,
    p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
    maxFrameMs: sorted[sorted.length - 1] ?? NaN,
    maxDomNodes,
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
  };
  (window as unknown as { __bench: BenchApi }).__bench = api;
  watchFirstPaint(api);
  return api;
}
