/**
 * The local API while a large plan is exported (issue 16: "the server's API must not stall
 * during a 100k export"): `npm run build`, then `npm run bench -- export-stall`. The built
 * headless server (a process of its own) with a laid-out plan imported through `/api/import`;
 * per text format, `GET /api/export` (what the served editor's download fetches) read to its
 * last byte, while another client pings `POST /rpc/app.info` every 10 ms. Printed per format:
 * the time to the response's headers and to its last byte, the size, and the longest ping
 * round trip and longest gap between two answered pings meanwhile (the API's stall). Medians
 * over the runs, each run in brackets.
 *
 * EXPORT_STALL_NODES (100000), EXPORT_STALL_FORMATS (comma-separated; default every text
 * format), EXPORT_STALL_RUNS (3), EXPORT_STALL_SERVE (another build's dist/electron/serve.mjs,
 * to compare two builds in one window; default this worktree's).
 */
import { exportNativeJson } from '../shared/exchange';
import { EXPORT_FORMATS } from '../shared/exchange/formats';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { startServe, type ServeHandle } from '../e2e/support/serve-process';
import { rpc } from './support/app-changes';
import { median } from './support/measure';
import { PING_EVERY_MS, pinger } from './support/pinger';

const count = Number(process.env.EXPORT_STALL_NODES ?? 100_000);
const formats = (process.env.EXPORT_STALL_FORMATS ?? EXPORT_FORMATS.join(','))
  .split(',')
  .filter(Boolean);
const runs = Number(process.env.EXPORT_STALL_RUNS ?? 3);

interface Run {
  headersMs: number;
  totalMs: number;
  mb: number;
  /** Longest round trip of one ping, and longest time between two answered pings. */
  pingMs: number;
  gapMs: number;
  pings: number;
}

/** How long the latest export took, to its last byte. */
let lastExportMs = 0;

async function exportOnce(serve: ServeHandle, format: string): Promise<Run> {
  const ping = pinger(serve);
  await new Promise((r) => setTimeout(r, 200)); // a few pings of a quiet server first
  const t0 = performance.now();
  const res = await fetch(`${serve.origin}/api/export?format=${format}`, {
    headers: { authorization: `Bearer ${serve.token}` },
  });
  const headersMs = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${format}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
  }
  const totalMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 100));
  const p = await ping.stop();
  return { headersMs, totalMs, mb: bytes / 1e6, pingMs: p.worst, gapMs: p.gap, pings: p.n };
}

const serve = await startServe(undefined, 0, process.env.EXPORT_STALL_SERVE || undefined);
try {
  const res = await fetch(`${serve.origin}/api/import?format=json`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
    body: exportNativeJson(laidOutPlan(count)),
  });
  const imported = (await res.json()) as { ok: boolean; workspace: { id: string } };
  if (!imported.ok) throw new Error(`import of ${count} nodes refused`);
  await rpc(serve, 'workspace.open', { id: imported.workspace.id });
  // The API left alone first: what its pings look like with no export running.
  const idle = pinger(serve);
  await new Promise((r) => setTimeout(r, 2000));
  const quiet = await idle.stop();
  console.log(
    `GET /api/export of ${count} nodes while /rpc is pinged every ${PING_EVERY_MS} ms ` +
      `(${process.env.EXPORT_STALL_SERVE ?? 'this build'}; medians of ${runs})`,
  );
  console.log(
    `idle API, 2 s: longest ping ${quiet.worst.toFixed(0)} ms, longest gap ${quiet.gap.toFixed(0)} ms`,
  );
  for (const format of formats) {
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) {
      // A token's read slot comes back as long after an export as the export took
      // (rate-limit.ts): wait that out, or the next run would time the queue, not the export.
      await new Promise((r) => setTimeout(r, lastExportMs));
      const run = await exportOnce(serve, format);
      lastExportMs = run.totalMs;
      all.push(run);
    }
    const m = (f: (r: Run) => number) => median(all.map(f)).toFixed(0);
    const each = (f: (r: Run) => number) => all.map((r) => f(r).toFixed(0)).join(' / ');
    console.log(
      `${format.padEnd(10)} last byte ${m((r) => r.totalMs).padStart(5)} ms (${each((r) => r.totalMs)}), ` +
        `headers ${m((r) => r.headersMs)} ms, ${median(all.map((r) => r.mb)).toFixed(1)} MB; ` +
        `API: longest ping ${m((r) => r.pingMs)} ms (${each((r) => r.pingMs)}), ` +
        `longest gap ${m((r) => r.gapMs)} ms (${each((r) => r.gapMs)})`,
    );
  }
} finally {
  await serve.stop();
}
