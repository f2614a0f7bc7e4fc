/**
 * Worker-thread entry that reads the second half of a large GraphML file while the import
 * worker reads the first (graphml-halves.ts, import-worker.ts). Its first message is the
 * file's head, then the half's slices, then `null`; it posts its records back in batches as
 * it reads them, then how the half ended.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSecondHalf, type HalfReader } from '../../shared/exchange/graphml-halves';
import { yieldToMainThread } from '../worker-thread';
import { importContext } from './import-context';
import type { HalfMessage } from './graphml-second-thread';
import type { WorkerJob } from './run-import';

const ctx = importContext(workerData as WorkerJob);
let half: HalfReader | undefined;

yieldToMainThread();

parentPort?.on('message', (part: string | null) => {
  if (half === undefined) {
    half = readSecondHalf(ctx, part ?? '', (batch) =>
      parentPort?.postMessage({ batch } satisfies HalfMessage),
    );
  } else if (part !== null) {
    half.write(part);
  } else {
    parentPort?.postMessage({ end: half.end() } satisfies HalfMessage);
    parentPort?.removeAllListeners('message');
  }
});
