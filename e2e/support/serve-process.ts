/**
 * Starts the real headless server (`dist/electron/serve.mjs`, built by `npm run build`) on a
 * free port with its own data folder, and waits for its one ready line. The data folders made
 * here are removed when the process that made them exits (a test may start a second server on
 * the first one's folder, so not at `stop`): a benchmark's 100,000-node workspace is tens of
 * MB, and runs had left 13 GB of them in the temporary folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServeHandle {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<number | null>;
}

export const SERVE_ENTRY = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'serve.mjs');

/** Data folders made by startServe, removed at exit. */
const made = new Set<string>();
/** A data folder of its own, removed when this process exits. */
function newDataDir(): string {
  if (made.size === 0)
    process.once('exit', () => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });
  const dir = mkdtempSync(join(tmpdir(), 'linkgraph-e2e-'));
  made.add(dir);
  return dir;
}

export async function startServe(
  dataDir = newDataDir(),
  /** A fixed port, to start it again where an open page will reconnect (0: a free one). */
  port = 0,
  /** Another build's server (a bench's A/B against another worktree's `dist/`). */
  entry = SERVE_ENTRY,
): Promise<ServeHandle> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first.`);
  const child = spawn(process.execPath, [entry, '--data', dataDir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`serve printed no ready line in 10 s. stderr: ${stderr}`)),
      10_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /Linkgraph ready at (\S+)/.exec(stdout);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`serve exited with ${code} before it was ready. stderr: ${stderr}`)),
    );
  });
  const parsed = new URL(line);
  return {
    url: line,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
