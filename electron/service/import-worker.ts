/**
 * Worker-thread entry for imports: receives the file in slices, then `null` (run-import.ts),
 * reading each slice as it comes (import-feed.ts: GraphML is parsed meanwhile, the other
 * formats at the end), writes the new workspace into its folder (import-into-folder.ts) and
 * posts back the result (a Result value: errors cross as data).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportFeed } from '../../shared/exchange/import-feed';
import { importIntoFolder } from './import-into-folder';
import { startImport } from './prepare-import';
import type { WorkerJob, WorkerPart } from './run-import';

const job = workerData as WorkerJob;
// Bytes are decoded as they come (a character may straddle two slices); like the API's own
// text decoding, invalid sequences become U+FFFD and a leading byte-order mark is dropped.
const decoder = new TextDecoder();
/** The import, started by the first slice (which tells whether the file comes as bytes). */
let feed: ImportFeed | undefined;
/** Thrown while a slice was read: answered at the end, as any failure of the import. */
let failure: unknown;

const failed = (cause: unknown) => ({
  ok: false,
  error: { code: 'internal.import_failed', message: `The import failed: ${String(cause)}` },
});

async function run(whole: ImportFeed): Promise<void> {
  let answer: unknown;
  try {
    answer = failure === undefined ? await importIntoFolder(job, whole) : failed(failure);
  } catch (cause) {
    answer = failed(cause);
  }
  parentPort?.postMessage(answer);
}

/** Reads one slice into the import (GraphML parses it now, while the next one arrives). */
function read(slice: string): void {
  if (failure !== undefined) return;
  try {
    feed?.write(slice);
  } catch (cause) {
    failure = cause;
  }
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
parentPort?.on('message', (part: WorkerPart) => {
  if (part === null) {
    feed ??= startImport({ ...job, bytesCounted: false }); // an empty file
    // The end: what the decoder still holds (a sequence cut short becomes U+FFFD).
    read(decoder.decode());
    parentPort?.removeAllListeners('message');
    void run(feed);
  } else if (typeof part === 'string') {
    feed ??= startImport({ ...job, bytesCounted: false });
    read(part);
  } else {
    feed ??= startImport({ ...job, bytesCounted: true });
    read(decoder.decode(part, { stream: true }));
  }
});
