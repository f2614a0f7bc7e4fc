/**
 * A client that asks the local API something cheap (`POST /rpc/app.info`) every
 * PING_EVERY_MS, one request at a time, and reports the longest round trip and the longest
 * time between two answers: how long the server's thread was held meanwhile (export-stall,
 * served-import benches).
 */
import type { ServeHandle } from '../../e2e/support/serve-process';
import { spawn } from 'node:child_process';
import { rpc } from './app-changes';

export const PING_EVERY_MS = 10;

/** Pings the API every PING_EVERY_MS (one at a time) until `stop` is called. */
export function pinger(serve: ServeHandle): {
  stop: () => Promise<{ worst: number; gap: number; n: number; gapEndedAt: number }>;
} {
  let running = true;
  let worst = 0;
  let gap = 0;
  let n = 0;
  /** performance.now() when the longest gap ended (to place it in what was going on). */
  let gapEndedAt = 0;
  const loop = (async () => {
    let lastAnswer = performance.now();
    while (running) {
      const sent = performance.now();
      await rpc(serve, 'app.info', {});
      const now = performance.now();
      worst = Math.max(worst, now - sent);
      if (now - lastAnswer > gap) {
        gap = now - lastAnswer;
        gapEndedAt = now;
      }
      lastAnswer = now;
      n++;
      const wait = PING_EVERY_MS - (performance.now() - sent);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { worst, gap, n, gapEndedAt };
    },
  };
}

/**
 * The same pings from a process of their own: a client that is itself sending a 200 MB body
 * (served-import) holds its own event loop while it does, and its pings would show that
 * as the server's stall. Times are epoch milliseconds (`performance.timeOrigin + now`).
 */
export async function pingerProcess(
  serve: ServeHandle,
  /** What to ask: `app.info` waits for the open workspace; `workspace.list` for nothing. */
  method = 'app.info',
): Promise<{
  stop: () => Promise<{ worst: number; gap: number; n: number; gapEndedAt: number }>;
}> {
  const script = `
    const url = ${JSON.stringify(`${serve.origin}/rpc/${method}`)};
    const headers = { authorization: ${JSON.stringify(`Bearer ${serve.token}`)}, 'content-type': 'application/json' };
    let running = true, worst = 0, gap = 0, n = 0, gapEndedAt = 0;
    process.stdin.on('data', () => (running = false));
    const now = () => performance.timeOrigin + performance.now();
    // The first answer starts the clock (this process's own start is not the server's stall).
    await (await fetch(url, { method: 'POST', headers, body: '{}' })).text();
    process.stdout.write('ready\\n');
    let last = now();
    while (running) {
      const sent = now();
      await (await fetch(url, { method: 'POST', headers, body: '{}' })).text();
      const at = now();
      worst = Math.max(worst, at - sent);
      if (at - last > gap) { gap = at - last; gapEndedAt = at; }
      last = at;
      n++;
      const wait = ${PING_EVERY_MS} - (now() - sent);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    process.stdout.write(JSON.stringify({ worst, gap, n, gapEndedAt }) + '\\n');
    process.exit(0);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) ready();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([started, exited]);
  return {
    stop: async () => {
      child.stdin.write('stop\n');
      await exited;
      const report = out.split('\n').filter(Boolean).at(-1) ?? '';
      return JSON.parse(report) as { worst: number; gap: number; n: number; gapEndedAt: number };
    },
  };
}
