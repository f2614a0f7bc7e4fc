/**
 * Worker-thread entry for imports: prepares the new workspace's snapshot (prepare-import.ts)
 * off the main thread and posts back the result (a Result value: errors cross as data).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareImport, type ImportJob } from './prepare-import';

let answer: unknown;
try {
  answer = prepareImport(workerData as ImportJob);
} catch (cause) {
  answer = {
    ok: false,
    error: { code: 'internal.import_failed', message: `The import failed: ${String(cause)}` },
  };
}
parentPort?.postMessage(answer);
