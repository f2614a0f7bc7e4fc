/**
 * How an export's graph travels to its worker and its file comes back (run-export.ts,
 * export-worker.ts). One structured clone of 100,000 nodes and 150,000 links would hold the
 * main thread for hundreds of milliseconds, so the big arrays go in slices, one message each
 * with the event loop free in between, and the worker puts the graph back together. The file
 * comes back as UTF-8 bytes in slices whose buffers are transferred, not copied.
 */
import type { ExchangeGraph } from '../../shared/exchange';
import type { ExportFormat } from '../../shared/exchange/formats';

/** Records per message to the worker (a few milliseconds of cloning each). */
export const RECORDS_PER_PART = 5_000;
/** UTF-16 units of the file per message back (1–3 MB of UTF-8). */
export const CHARS_PER_CHUNK = 1 << 20;

/** The graph without its big arrays (which go as `Part`s first). */
export type GraphRest = Omit<ExchangeGraph, 'nodes' | 'links' | 'schedule'> & {
  schedule?: Omit<NonNullable<ExchangeGraph['schedule']>, 'nodes'>;
};

/** One message to the worker: a slice of a big array, or the rest, which comes last. */
export type Part =
  | { kind: 'nodes'; items: ExchangeGraph['nodes'] }
  | { kind: 'links'; items: ExchangeGraph['links'] }
  | { kind: 'scheduled'; items: NonNullable<ExchangeGraph['schedule']>['nodes'] }
  | { kind: 'rest'; graph: GraphRest };

/** What the worker starts with. */
export interface ExportJob {
  format: ExportFormat;
  charsPerChunk: number;
}

/** Worker → main thread. After `ready`, one `chunk` or `end` answers each `more`. */
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'chunk'; bytes: Uint8Array }
  | { kind: 'end' }
  | { kind: 'failed'; message: string };

/** Main thread → worker once the graph is sent: the next chunk, please. */
export type ToWorker = Part | { kind: 'more' };

function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The messages that carry `graph`, the rest last. */
export function* graphParts(graph: ExchangeGraph, size = RECORDS_PER_PART): Generator<Part> {
  const { nodes, links, schedule, ...others } = graph;
  for (const items of slices(nodes, size)) yield { kind: 'nodes', items };
  for (const items of slices(links, size)) yield { kind: 'links', items };
  const rest: GraphRest = others;
  if (schedule !== undefined) {
    const { nodes: scheduled, ...plan } = schedule;
    for (const items of slices(scheduled, size)) yield { kind: 'scheduled', items };
    rest.schedule = plan;
  }
  yield { kind: 'rest', graph: rest };
}

/** Puts the graph back together from its parts, in the order they were sent. */
export class GraphAssembler {
  private readonly nodes: ExchangeGraph['nodes'] = [];
  private readonly links: ExchangeGraph['links'] = [];
  private readonly scheduled: NonNullable<ExchangeGraph['schedule']>['nodes'] = [];

  /** Takes one part; answers the whole graph once its last part has come. */
  add(part: Part): ExchangeGraph | undefined {
    switch (part.kind) {
      case 'nodes':
        for (const n of part.items) this.nodes.push(n);
        return undefined;
      case 'links':
        for (const l of part.items) this.links.push(l);
        return undefined;
      case 'scheduled':
        for (const s of part.items) this.scheduled.push(s);
        return undefined;
      case 'rest': {
        const { schedule, ...rest } = part.graph;
        const graph: ExchangeGraph = { ...rest, nodes: this.nodes, links: this.links };
        if (schedule !== undefined) graph.schedule = { ...schedule, nodes: this.scheduled };
        return graph;
      }
    }
  }
}

/**
 * The file's text as UTF-8, `chars` UTF-16 units at a time. A slice never ends between the
 * two halves of a surrogate pair (an emoji): encoded apart, each half would become U+FFFD.
 */
export function* utf8Chunks(text: string, chars = CHARS_PER_CHUNK): Generator<Uint8Array> {
  // TextEncoder gives each chunk a buffer of its own, which can be transferred (a small
  // Buffer.from would share Node's pool).
  const encoder = new TextEncoder();
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + chars, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) {
      if (end - start > 1) end--;
      else end++; // a slice of one unit takes the whole pair
    }
    yield encoder.encode(text.slice(start, end));
    start = end;
  }
}

/** A file's text as a byte stream of `utf8Chunks`, for one written on this thread. */
export function textBytes(text: string): ReadableStream<Uint8Array> {
  const chunks = utf8Chunks(text);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}
