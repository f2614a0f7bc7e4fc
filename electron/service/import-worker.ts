/**
 * Worker-thread entry for imports: receives the file in slices, then `null` (run-import.ts),
 * writes the new workspace into its folder (import-into-folder.ts) and posts back the result
 * (a Result value: errors cross as data).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { importIntoFolder } from './import-into-folder';
import type { WorkerJob, WorkerPart } from './run-import';

const job = workerData as WorkerJob;
const parts: string[] = [];
// Bytes are decoded as they come (a character may straddle two slices); like the API's own
// text decoding, invalid sequences become U+FFFD and a leading byte-order mark is dropped.
const decoder = new TextDecoder();

async function run(content: string, bytesCounted: boolean): Promise<void> {
  let answer: unknown;
  try {
    answer = await importIntoFolder({ ...job, content, bytesCounted });
  } catch (cause) {
    answer = {
      ok: false,
      error: { code: 'internal.import_failed', message: `The import failed: ${String(cause)}` },
    };
  }
  parentPort?.postMessage(answer);
}

// As the compaction worker does (electron/store/compaction-worker.ts): on Linux the nice value
// is per thread, so this lowers only this worker, and when the CPU is contended the main
// thread, which answers the person, runs first. Elsewhere it would renice the whole app.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // not allowed: run at normal priority
  }
}

// Bytes come only from runImport, which counted them against the import limit first.
let asBytes = false;
parentPort?.on('message', (part: WorkerPart) => {
  if (part === null) {
    // The end: what the decoder still holds (a sequence cut short becomes U+FFFD).
    if (asBytes) parts.push(decoder.decode());
    parentPort?.removeAllListeners('message');
    void run(parts.join(''), asBytes);
  } else if (typeof part === 'string') {
    parts.push(part);
  } else {
    asBytes = true;
    parts.push(decoder.decode(part, { stream: true }));
  }
});
