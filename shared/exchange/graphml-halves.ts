/**
 * A large GraphML file read in two halves on two threads (issue 16: saxes alone takes ~3 s of
 * a 100,000-node file on this machine, its two halves at once ~1.7 s). The file is cut just
 * before a `<node` or `<edge` past the middle; the first half is read as usual
 * (GraphmlFeed), the second by a reader of its own given the file's head (everything up to
 * and including the `<graph …>` start tag, so it knows the keys), which hands its records
 * back in file order. They are added to the first half's builder after its own, so display
 * ids, grid places, duplicates, references and limits are judged exactly as in one pass.
 *
 * Only a clean cut is used: the first half's parser must end between two children of the
 * graph (xml-guard.ts `cut`: not inside a comment, CDATA or tag), and the second reader must
 * stand right inside the graph after the head. Anything else — a cut that is not clean, a
 * refusal on either side, a count over the limits — and the whole file is read again in one
 * pass, so every refusal is the one-pass refusal, worded and positioned in the whole file.
 */
import { ok, type Result } from '../model/result';
import type { ForeignLink, ForeignNode } from './foreign-graph';
import { GraphmlReader, Place, type RecordSink } from './graphml-reader';
import { type Scalar, WHAT } from './graphml-records';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import type { ExchangeError, ImportContext } from './types';
import { startXmlScan } from './xml-guard';

/** Records of the second half, in file order, as sent back (a structured clone). */
export interface HalfBatch {
  nodes: ForeignNode[];
  edges: ForeignLink[];
}

/** How the second half ended: read cleanly, with its counts, or not (read it all again). */
export type HalfEnd =
  | {
      ok: true;
      nodes: number;
      edges: number;
      graphs: number;
      graphValues: [string, Scalar][];
    }
  | { ok: false };

/** The second half as the first thread has it once the other thread is done. */
export interface SecondHalf {
  batches: readonly HalfBatch[];
  end: HalfEnd;
}

/** Records per batch sent back: small enough to be taken in between the first half's slices. */
const BATCH_RECORDS = 4096;

/** True for XML white space, `>` or `/`: what may follow an element's name. */
export function endsName(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x0a ||
    code === 0x09 ||
    code === 0x0d ||
    code === 0x3e ||
    code === 0x2f
  );
}

/**
 * The index of the first `<node` or `<edge` start tag in `text` at or after `from`, or -1.
 * Only a candidate: one inside a comment or CDATA is found too, and the cut is checked.
 */
export function recordStart(text: string, from: number): number {
  for (let i = text.indexOf('<', from); i !== -1; i = text.indexOf('<', i + 1)) {
    const name = text.slice(i + 1, i + 5);
    if ((name === 'node' || name === 'edge') && endsName(text.charCodeAt(i + 5))) return i;
  }
  return -1;
}

/**
 * Where to cut text given in `slices`: before the first record start at or after character
 * `from` of their whole (searched slice by slice: one cut by a slice boundary is passed over).
 */
export function cutIn(
  slices: readonly string[],
  from: number,
): { slice: number; at: number } | undefined {
  let before = 0;
  for (let slice = 0; slice < slices.length; slice++) {
    const text = slices[slice] as string;
    if (before + text.length > from) {
      const at = recordStart(text, Math.max(0, from - before));
      if (at !== -1) return { slice, at };
    }
    before += text.length;
  }
  return undefined;
}

/**
 * The length of the file's head: up to and including the first `<graph …>` start tag, or -1.
 * Only a candidate (the second reader checks that it stands inside the graph after it).
 */
export function headLength(text: string): number {
  for (let i = text.indexOf('<graph'); i !== -1; i = text.indexOf('<graph', i + 1)) {
    if (endsName(text.charCodeAt(i + 6))) {
      const close = text.indexOf('>', i);
      return close === -1 ? -1 : close + 1;
    }
  }
  return -1;
}

/** The second half's reader: `write` its slices, then `end`; records go to `post` in batches. */
export interface HalfReader {
  write(slice: string): void;
  end(): HalfEnd;
}

/**
 * Reads the second half of a file, given the file's `head`: its records are posted in
 * batches as they are read, its refusals are not worded (the whole file is read again).
 */
export function readSecondHalf(
  ctx: ImportContext,
  head: string,
  post: (batch: HalfBatch) => void,
): HalfReader {
  const limits = ctx.limits ?? IMPORT_LIMITS;
  let nodes: ForeignNode[] = [];
  let edges: ForeignLink[] = [];
  const flush = (): void => {
    if (nodes.length + edges.length === 0) return;
    post({ nodes, edges });
    nodes = [];
    edges = [];
  };
  const sink: RecordSink = {
    node(node) {
      if (nodes.push(node) + edges.length >= BATCH_RECORDS) flush();
    },
    edge(link) {
      if (edges.push(link) + nodes.length >= BATCH_RECORDS) flush();
    },
  };
  const reader = new GraphmlReader(ctx, limits, sink);
  const scan = startXmlScan(WHAT, reader, () => '');
  scan.write(head);
  const inside = scan.unrefused && reader.betweenRecords;
  return {
    write(slice) {
      if (inside) scan.write(slice);
    },
    end() {
      if (!inside || !scan.end().ok) return { ok: false };
      flush();
      return {
        ok: true,
        nodes: reader.nodes,
        edges: reader.edgeCount,
        graphs: reader.graphs,
        graphValues: [...reader.graphValues],
      };
    },
  };
}

/**
 * Adds the second half's records to the first half's reader (cut cleanly), after its own:
 * its nodes to the builder now, as one pass would have, and its edges after the reader's own
 * (`graphOf` then adds every edge and builds). An error: a node refused as one pass refuses
 * it; undefined: read the file again in one pass.
 */
export function adoptSecondHalf(
  reader: GraphmlReader,
  half: SecondHalf,
  limits: ImportLimits,
): Result<void, ExchangeError> | undefined {
  const end = half.end;
  if (!end.ok || end.graphs !== 1 || reader.graphs !== 1) return undefined;
  // Each half was read within the limits; together they may not be (the one-pass refusal
  // names the file's count of nodes, so it is worded by reading it again).
  if (reader.nodes + end.nodes > limits.nodes || reader.edgeCount + end.edges > limits.links) {
    return undefined;
  }
  for (const batch of half.batches) {
    for (const node of batch.nodes) {
      const added = reader.builder.addNode(node, new Place('node', node.fileId));
      if (!added.ok) return added;
    }
  }
  for (const [name, value] of end.graphValues) reader.graphValues.set(name, value);
  // Edges are numbered in the whole file (`edge #N` in a refusal).
  let index = reader.edgeCount;
  for (const batch of half.batches) {
    for (const link of batch.edges) {
      reader.edges.push({ link, where: new Place('edge', link.fileId, ++index) });
    }
  }
  return ok(undefined);
}
