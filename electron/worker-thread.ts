/**
 * Starting a worker thread on one of our own modules. In development and tests the module is
 * TypeScript, and Node 20 does not pass tsx's loader on to workers, so a tiny bootstrap
 * registers tsx inside the worker first; a bundled build starts the built .mjs directly.
 */
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** The worker module next to `here`: its .ts under tsx/Vitest, its built .mjs in a bundle. */
export function siblingModuleUrl(here: string, tsName: string, builtName: string): URL {
  return here.endsWith('.ts') ? new URL(`./${tsName}`, here) : new URL(`./${builtName}`, here);
}

export function startModuleWorker(
  workerUrl: URL,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl, { workerData, ...limits });
  const tsxApi = tsxEsmApiUrl();
  const bootstrap = `
    const { register } = await import(${JSON.stringify(tsxApi)});
    register();
    await import(${JSON.stringify(workerUrl.href)});
  `;
  return new Worker(bootstrap, { eval: true, workerData, ...limits });
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

/**
 * Lowers the calling worker thread's priority. On Linux the nice value is per thread, so this
 * lowers only the worker: when the CPU is contended (2 cores, other apps) the main thread,
 * which answers the person, runs first. Elsewhere it would renice the whole app, so it is not
 * done there.
 */
export function yieldToMainThread(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, 10);
  } catch {
    // not allowed: run at normal priority
  }
}
