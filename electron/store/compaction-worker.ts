/**
 * Worker-thread entry for compaction: loads the fold function from a module (functions cannot
 * cross threads), folds on this thread, and posts back the temp snapshot's path. All the
 * parsing, folding, serialising and checksumming happens here, off the main thread.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { foldToTempSnapshot } from './fold-to-snapshot';
import type { FoldFn, FoldJob } from './fold-to-snapshot';

export interface WorkerInput {
  job: FoldJob;
  foldModuleUrl: string;
  exportName: string;
}

async function main(input: WorkerInput): Promise<void> {
  let fold: FoldFn;
  try {
    const mod = (await import(input.foldModuleUrl)) as Record<string, unknown>;
    const candidate = mod[input.exportName];
    if (typeof candidate !== 'function')
      throw new Error(`${input.exportName} is not exported as a function`);
    fold = candidate as FoldFn;
  } catch (cause) {
    parentPort?.postMessage({
      ok: false,
      error: {
        code: 'internal.write_failed',
        message: `Cannot load the fold module ${input.foldModuleUrl}: ${String(cause)}`,
      },
    });
    return;
  }
  parentPort?.postMessage(await foldToTempSnapshot(input.job, fold));
}

// On Linux the nice value is per thread, so this lowers only this worker: when the CPU is
// contended (2 cores, other apps) the main thread, which answers the person, runs first.
// Elsewhere it would renice the whole app, so it is not done there.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // not allowed: run at normal priority
  }
}

void main(workerData as WorkerInput);
