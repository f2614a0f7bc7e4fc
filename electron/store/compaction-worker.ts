/**
 * Worker-thread entry for compaction: loads the fold function from a module (functions cannot
 * cross threads), folds on this thread, and posts back the temp snapshot's path. All the
 * parsing, folding, serialising and checksumming happens here, off the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { yieldToMainThread } from '../worker-thread';
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

yieldToMainThread();

void main(workerData as WorkerInput);
