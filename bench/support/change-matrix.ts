/**
 * The canvas bench's one-node changes as a matrix (bench/canvas.bench.ts, CANVAS_BENCH_APP_PART=
 * change with several kinds, places or builds): every change kind × place (fit-all, zoom 1) on
 * one imported plan per build, runs interleaved build by build (A, B, A, B…) so the machine's
 * drifting load hits both alike. `CANVAS_BENCH_APP_AB=../linkgraph-base` serves that worktree's
 * `dist/` beside this one's (both plans identical, both given the same changes in the same order).
 *
 * Why one plan for all kinds: a 100,000-node import costs ~6 s per server; each run opens a fresh
 * page. Each run numbers its changes apart from every other run's (`run`), so removals, re-wires
 * and new links never pick the same node or link twice; kinds that remove go last.
 */
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { ServeHandle } from '../../e2e/support/serve-process';
import type { NodeRecord } from '../../shared/model/types';
import { appRun, serveWithPlan, type AppRunOptions } from '../canvas-app';
import type { ChangeKind, ServedPlan } from './app-changes';
import { median } from './measure';

export interface MatrixOptions {
  count: number;
  kinds: readonly ChangeKind[];
  places: readonly AppRunOptions['at'][];
  runs: number;
  changes: number;
  /** Other worktrees to serve beside this one (their `dist/`). */
  others: readonly string[];
  load: () => string;
}

interface Served {
  name: string;
  serve: ServeHandle;
  changing: NodeRecord;
  plan: ServedPlan;
  run: number;
  nodes: number;
}

const REMOVING: readonly ChangeKind[] = ['remove-link', 'remove'];

export async function benchChangeMatrix(browser: Browser, o: MatrixOptions): Promise<void> {
  const builds: Served[] = [];
  try {
    for (const name of ['this', ...o.others]) {
      const entry = name === 'this' ? undefined : join(name, 'dist', 'electron', 'serve.mjs');
      const { serve, changing, plan } = await serveWithPlan(o.count, entry);
      builds.push({ name, serve, changing, plan, run: 0, nodes: o.count });
      console.log(`served ${name}: ${o.count} nodes (load ${o.load()})`);
    }
    const kinds = [...o.kinds].sort(
      (a, b) => Number(REMOVING.includes(a)) - Number(REMOVING.includes(b)),
    );
    const rows: {
      kind: ChangeKind;
      at: string;
      build: string;
      main: number[];
      frame: number[];
      /** Each run opens the page afresh: its first frame, page load → content. */
      first: number[];
      /** …and to the records drawn (later than the first frame when the outline came first). */
      ready: number[];
    }[] = [];
    for (const kind of kinds)
      for (const at of o.places) {
        const row = (build: string) => {
          let r = rows.find((x) => x.kind === kind && x.at === at && x.build === build);
          if (!r) rows.push((r = { kind, at, build, main: [], frame: [], first: [], ready: [] }));
          return r;
        };
        for (let r = 1; r <= o.runs; r++)
          for (const b of builds) {
            b.run++;
            const result = await appRun(
              browser,
              b.serve,
              b.changing,
              o.count,
              0,
              b.run,
              { part: 'change', at, kind, changes: o.changes, expectNodes: b.nodes },
              b.plan,
            );
            if (kind === 'remove') b.nodes -= o.changes;
            row(b.name).main.push(result.changeMs);
            row(b.name).frame.push(result.changeFrameMs);
            row(b.name).first.push(result.firstFrameMs);
            row(b.name).ready.push(result.readyMs);
            console.log(
              `  ${kind} at ${at}, ${b.name} run ${r}: first frame ${result.firstFrameMs.toFixed(0)} ms, ` +
                `ready ${result.readyMs.toFixed(0)} ms (longest task meanwhile ${result.longestTaskMs.toFixed(0)} ms, ` +
                `after it ${result.longestAfterMs.toFixed(0)} ms; links made ${result.linksMs.toFixed(0)} ms); ` +
                `${result.changeMs.toFixed(1)} ms main thread ` +
                `(layer ${result.changeKind} ${result.layerMs.toFixed(1)} ms) / ` +
                `${result.changeFrameMs.toFixed(1)} ms to the next frame (load ${o.load()})`,
            );
          }
      }
    console.log(
      `\none-node changes at ${o.count}: medians of ${o.runs} runs (each a median of ${o.changes})`,
    );
    for (const r of rows)
      console.log(
        `${r.kind.padEnd(13)} ${r.at.padEnd(8)} ${r.build.padEnd(16)} ` +
          `${median(r.main).toFixed(1).padStart(6)} ms (${r.main.map((x) => x.toFixed(1)).join(' / ')}), ` +
          `next frame ${median(r.frame).toFixed(1)} ms; first frame ` +
          `${median(r.first).toFixed(0)} ms (${r.first.map((x) => x.toFixed(0)).join(' / ')}), ready ` +
          `${median(r.ready).toFixed(0)} ms (${r.ready.map((x) => x.toFixed(0)).join(' / ')})`,
      );
  } finally {
    for (const b of builds) await b.serve.stop();
  }
}
