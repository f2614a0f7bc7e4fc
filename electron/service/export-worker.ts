/**
 * Worker-thread entry for text exports (run-export.ts): receives the graph in parts
 * (export-parts.ts), writes the file with the format's own exporter — the same function the
 * `export` method calls, so the bytes are the same — and hands it back as UTF-8 chunks, one
 * per `more` from the main thread, each chunk's buffer transferred.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { EXPORTERS } from '../../shared/exchange';
import {
  GraphAssembler,
  utf8Chunks,
  type ExportJob,
  type FromWorker,
  type ToWorker,
} from './export-parts';

const job = workerData as ExportJob;
const assembler = new GraphAssembler();
let chunks: Generator<Uint8Array> | undefined;

const send = (message: FromWorker, transfer: ArrayBuffer[] = []): void =>
  parentPort?.postMessage(message, transfer);

// As the import and compaction workers do: on Linux the nice value is per thread, so this
// lowers only this worker, and a contended CPU serves the main thread (the API) first.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // not allowed: run at normal priority
  }
}

parentPort?.on('message', (message: ToWorker) => {
  try {
    if (message.kind !== 'more') {
      const graph = assembler.add(message);
      if (graph === undefined) return;
      chunks = utf8Chunks(EXPORTERS[job.format].write(graph), job.charsPerChunk);
      send({ kind: 'ready' });
      return;
    }
    const next = chunks?.next();
    if (next === undefined || next.done) return send({ kind: 'end' });
    send({ kind: 'chunk', bytes: next.value }, [next.value.buffer as ArrayBuffer]);
  } catch (cause) {
    send({ kind: 'failed', message: String(cause) });
  }
});
