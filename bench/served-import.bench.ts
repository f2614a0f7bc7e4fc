/**
 * Importing a 100,000-node plan the way a person's tool does it (issue 16: GraphML < 8 s and
 * native JSON < 4 s through the service, no main-thread stall over 100 ms): `npm run build`,
 * then `npm run bench -- served-import`. The built headless server in a process of its own,
 * with its built import worker (`import.bench.ts` runs the sources under tsx instead, where
 * each worker first compiles its TypeScript, ~1 s on this machine); `POST /api/import` of the
 * file until the answer names the new workspace, while another client pings `/rpc/app.info`
 * every 10 ms from a process of its own (the bench's own upload would hold its pings); then
 * `workspace.open` of it (the first open is the server's own work). Peer in
 * the same run: a bare `JSON.parse` of the same JSON file in this process.
 *
 * SERVED_IMPORT_NODES (100000), SERVED_IMPORT_FORMATS (json,graphml), SERVED_IMPORT_RUNS (3),
 * SERVED_IMPORT_SERVE (another build's dist/electron/serve.mjs, to compare two builds).
 */
import { loadavg } from 'node:os';
import { exportGraphml, exportNativeJson } from '../shared/exchange';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { startServe, type ServeHandle } from '../e2e/support/serve-process';
import { rpc } from './support/app-changes';
import { median } from './support/measure';
import { pingerProcess } from './support/pinger';

const count = Number(process.env.SERVED_IMPORT_NODES ?? 100_000);
const formats = (process.env.SERVED_IMPORT_FORMATS ?? 'json,graphml').split(',').filter(Boolean);
const runs = Number(process.env.SERVED_IMPORT_RUNS ?? 3);
const TARGET_MS: Record<string, number> = { json: 4_000, graphml: 8_000 };
const load = (): string => loadavg()[0]?.toFixed(2) ?? '?';

interface Run {
  ms: number;
  stallMs: number;
  /** When the longest gap ended, from the request's start. */
  stallEndMs: number;
  openMs: number;
  openStallMs: number;
}

async function importOnce(serve: ServeHandle, format: string, body: Uint8Array): Promise<Run> {
  const ping = await pingerProcess(serve);
  await new Promise((r) => setTimeout(r, 200)); // a few pings of a quiet server first
  const t0 = performance.now();
  const t0Epoch = performance.timeOrigin + t0;
  const res = await fetch(`${serve.origin}/api/import?format=${format}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'text/plain' },
    body: body as unknown as BodyInit,
  });
  const answer = (await res.json()) as { ok: boolean; workspace?: { id: string } };
  const ms = performance.now() - t0;
  const during = await ping.stop();
  if (!answer.ok || !answer.workspace) throw new Error(`${format}: import refused`);
  // `app.info` reports the open workspace's problems, so it waits for the workspace to load;
  // `workspace.list` waits for nothing: its gaps are the time the server's thread was held.
  const openPing = await pingerProcess(serve, 'workspace.list');
  const t1 = performance.now();
  await rpc(serve, 'workspace.open', { id: answer.workspace.id });
  // The workspace is read on its first use (any request on it), not by the open itself; the
  // first request is the editor's own first ask, `graph.columns`.
  await rpc(serve, 'graph.columns', {});
  const openMs = performance.now() - t1;
  const opened = await openPing.stop();
  return {
    ms,
    stallMs: during.gap,
    stallEndMs: during.gapEndedAt - t0Epoch,
    openMs,
    openStallMs: opened.gap,
  };
}

const plan = laidOutPlan(count);
const files = {
  json: exportNativeJson(plan),
  graphml: exportGraphml(plan),
};
const serve = await startServe(undefined, 0, process.env.SERVED_IMPORT_SERVE || undefined);
try {
  console.log(
    `POST /api/import of ${count} nodes / ${plan.links.length} links while /rpc is pinged ` +
      `(${process.env.SERVED_IMPORT_SERVE ?? 'this build'}; medians of ${runs}); load ${load()}`,
  );
  const peer = median(
    Array.from({ length: runs }, () => {
      const t = performance.now();
      JSON.parse(files.json);
      return performance.now() - t;
    }),
  );
  for (const format of formats) {
    const text = (files as Record<string, string | undefined>)[format];
    if (text === undefined) throw new Error(`no ${format} file in this bench`);
    // Encoded before the clock starts: encoding 200 MB in this process would hold its own
    // event loop, and so its pings, and count as the server's stall.
    const body = new TextEncoder().encode(text);
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) all.push(await importOnce(serve, format, body));
    const m = (f: (r: Run) => number) => median(all.map(f)).toFixed(0);
    const each = (f: (r: Run) => number) => all.map((r) => f(r).toFixed(0)).join(' / ');
    const target = TARGET_MS[format];
    console.log(
      `${format.padEnd(8)} ${(body.byteLength / 1e6).toFixed(0)} MB: until answered ${m((r) => r.ms)} ms ` +
        `(${each((r) => r.ms)})${target ? ` (target < ${target})` : ''}, ` +
        `API's longest gap ${m((r) => r.stallMs)} ms (${each((r) => r.stallMs)}; ended at ${each((r) => r.stallEndMs)} ms) (target < 100); ` +
        `first open and graph.columns ${m((r) => r.openMs)} ms, API's longest gap meanwhile (workspace.list) ${m((r) => r.openStallMs)} ms`,
    );
  }
  console.log(
    `peer: bare JSON.parse of the ${(files.json.length / 1e6).toFixed(0)} MB JSON file, this process: ${peer.toFixed(0)} ms; load at the end ${load()}`,
  );
} finally {
  await serve.stop();
}
