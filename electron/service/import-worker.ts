/**
 * Worker-thread entry for imports: receives the file in slices, then `null` (run-import.ts),
 * reading each slice as it comes (import-feed.ts: GraphML is parsed meanwhile, the other
 * formats at the end), writes the new workspace into its folder (import-into-folder.ts) and
 * posts back the result (a Result value: errors cross as data).
 *
 * A large GraphML file still waiting to be read when its last slice arrives (an upload is
 * faster than the parse) is cut in two: the rest goes to a second thread
 * (graphml-second-thread.ts), and both halves are read at once (graphml-halves.ts).
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { cutIn, headLength } from '../../shared/exchange/graphml-halves';
import { GraphmlFeed, type ImportFeed } from '../../shared/exchange/import-feed';
import { yieldToMainThread } from '../worker-thread';
import { SecondThread } from './graphml-second-thread';
import { importIntoFolder } from './import-into-folder';
import { startImport } from './prepare-import';
import type { WorkerJob, WorkerPart } from './run-import';

const job = workerData as WorkerJob;
/**
 * Characters still to read at the end from which a GraphML file is read on two threads: the
 * second thread's start and the records it sends back cost ~0.1 s, a 16 M-character half
 * ~0.4 s of parsing (about 7,000 nodes of our export).
 */
const splitFrom = job.splitFromChars ?? 16 * 1024 * 1024;
/** The file's start is kept up to this many characters, to find its head for the second thread. */
const HEAD_CHARS = 1024 * 1024;

// Bytes are decoded as they come (a character may straddle two slices); like the API's own
// text decoding, invalid sequences become U+FFFD and a leading byte-order mark is dropped.
const decoder = new TextDecoder();
/** The import, started by the first slice (which tells whether the file comes as bytes). */
let feed: ImportFeed | undefined;
/** Thrown while a slice was read: answered at the end, as any failure of the import. */
let failure: unknown;
/**
 * Slices not read yet. One is read at a time, and between two the slices that arrived
 * meanwhile are taken from the port (`receiveMessageOnPort`: while messages keep coming, the
 * port's events would hold every other turn of the event loop), so when the last one arrives
 * it is known how much is left to read.
 */
let waiting: string[] = [];
let waitingChars = 0;
let arrivedChars = 0;
let start = '';
let ended = false;
let turnAsked = false;
/** The thread for a second half: started once the file is large enough, used at the end. */
let second: SecondThread | undefined;
/** The waiting slices were kept when the file was cut: they are only parsed now. */
let cut = false;

const failed = (cause: unknown) => ({
  ok: false as const,
  error: { code: 'internal.import_failed', message: `The import failed: ${String(cause)}` },
});

async function run(whole: ImportFeed, twoThreads = false): Promise<void> {
  let answer: unknown;
  try {
    const done = failure === undefined ? await importIntoFolder(job, whole) : failed(failure);
    answer = done.ok ? { ...done, value: { ...done.value, twoThreads } } : done;
  } catch (cause) {
    answer = failed(cause);
  }
  parentPort?.postMessage(answer);
}

/** Reads one slice into the import (GraphML parses it now). */
function read(slice: string): void {
  if (failure !== undefined || feed === undefined) return;
  try {
    if (cut) (feed as GraphmlFeed).read(slice);
    else feed.write(slice);
  } catch (cause) {
    failure = cause;
  }
}

function arrive(slice: string): void {
  if (slice.length === 0) return;
  waiting.push(slice);
  waitingChars += slice.length;
  arrivedChars += slice.length;
  if (start.length < HEAD_CHARS) start += slice.slice(0, HEAD_CHARS - start.length);
  if (second === undefined && feed instanceof GraphmlFeed && arrivedChars >= splitFrom) {
    try {
      second = new SecondThread(job);
    } catch {
      // no second thread: one pass
    }
  }
}

function askTurn(): void {
  if (turnAsked) return;
  turnAsked = true;
  setImmediate(turn);
}

/** Takes every message already at the port. */
function takeArrived(): void {
  if (!parentPort || ended) return;
  for (
    let m = receiveMessageOnPort(parentPort);
    m;
    m = ended ? undefined : receiveMessageOnPort(parentPort)
  ) {
    take(m.message as WorkerPart);
  }
}

/** Reads one waiting slice, taking what arrived before and after. */
function turn(): void {
  turnAsked = false;
  takeArrived();
  const slice = waiting.shift();
  if (slice !== undefined) {
    waitingChars -= slice.length;
    read(slice);
    takeArrived();
  }
  if (waiting.length > 0) askTurn();
  else if (ended) void finish();
}

/**
 * At the last slice: gives the second half of what is still waiting to the second thread, if
 * there is enough of it and a place to cut (graphml-halves.ts checks the cut later).
 */
function cutForSecondThread(): void {
  const thread = second;
  second = undefined;
  if (thread === undefined) return;
  const graphml = feed instanceof GraphmlFeed ? feed : undefined;
  const head = headLength(start);
  const at = cutIn(waiting, Math.floor(waitingChars / 2));
  if (!graphml || failure !== undefined || waitingChars < splitFrom || head === -1 || !at) {
    thread.stop();
    return;
  }
  // Every slice is counted and kept now, in file order (to read it again or word a refusal).
  for (const slice of waiting) {
    if (!graphml.keep(slice)) {
      // Over the size limit: nothing more is read, the end answers it.
      thread.stop();
      waiting = [];
      cut = true;
      return;
    }
  }
  const middle = waiting[at.slice] as string;
  thread.send(start.slice(0, head), [middle.slice(at.at), ...waiting.slice(at.slice + 1)]);
  waiting = [...waiting.slice(0, at.slice), middle.slice(0, at.at)];
  cut = true;
  second = thread;
}

let finished = false;
async function finish(): Promise<void> {
  if (finished || feed === undefined) return;
  finished = true;
  const thread = second;
  if (thread === undefined || !(feed instanceof GraphmlFeed)) return run(feed);
  const graphml = feed;
  const clean = failure === undefined && graphml.cut();
  const half = clean ? await thread.done : undefined;
  thread.stop();
  const result = graphml.endWithHalf(half);
  return run({ write: () => undefined, end: () => result }, graphml.readInHalves);
}

yieldToMainThread();

/** One message from runImport. Bytes come only from it, counted against the import limit. */
function take(part: WorkerPart): void {
  if (part === null) {
    feed ??= startImport({ ...job, bytesCounted: false }); // an empty file
    // The end: what the decoder still holds (a sequence cut short becomes U+FFFD).
    arrive(decoder.decode());
    parentPort?.removeAllListeners('message');
    ended = true;
    cutForSecondThread();
  } else if (typeof part === 'string') {
    feed ??= startImport({ ...job, bytesCounted: false });
    arrive(part);
  } else {
    feed ??= startImport({ ...job, bytesCounted: true });
    arrive(decoder.decode(part, { stream: true }));
  }
}

parentPort?.on('message', (part: WorkerPart) => {
  take(part);
  turn();
});
