/**
 * Starts the compaction worker and answers its result. In development and tests the worker
 * is TypeScript, and Node 20 does not pass tsx's loader on to workers, so a tiny bootstrap
 * registers tsx inside the worker first. A bundled build passes `workerUrl` to a built .mjs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { err } from '../../shared/model/result';
import type { Result } from '../../shared/model/result';
import type { WorkerInput } from './compaction-worker';
import type { FoldOutput } from './fold-to-snapshot';
import type { StoreError } from './store-errors';

export function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('./compaction-worker.ts', here)
    : new URL('./store-compaction-worker.mjs', here);
}

function startWorker(workerUrl: URL, input: WorkerInput): Worker {
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl, { workerData: input });
  const tsxApi = tsxEsmApiUrl();
  const bootstrap = `
    const { register } = await import(${JSON.stringify(tsxApi)});
    register();
    await import(${JSON.stringify(workerUrl.href)});
  `;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

/** tsx's ESM register API (require.resolve would give its CommonJS build, which cannot register ESM hooks). */
function tsxEsmApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsField = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const entry = exportsField.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return new URL(entry, pathToFileURL(manifest)).href;
}

export function runFoldWorker(
  workerUrl: URL,
  input: WorkerInput,
): Promise<Result<FoldOutput, StoreError>> {
  return new Promise((resolve) => {
    const worker = startWorker(workerUrl, input);
    let settled = false;
    const settle = (r: Result<FoldOutput, StoreError>): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker.terminate();
    };
    worker.once('message', (m: Result<FoldOutput, StoreError>) => settle(m));
    worker.once('error', (cause) =>
      settle(
        err({
          code: 'internal.write_failed',
          message: `The compaction worker failed: ${String(cause)}`,
        }),
      ),
    );
    worker.once('exit', (code) =>
      settle(
        err({
          code: 'internal.write_failed',
          message: `The compaction worker exited (${code}) without a result.`,
        }),
      ),
    );
  });
}
