/**
 * GraphML import: our own exports (every field back, by attribute name) and files from other
 * tools (NetworkX, Gephi, yEd): a node's `title`, `label` or `name` attribute becomes its
 * title, `x`/`y` its position (or yEd's Geometry), and what the file lacks gets the defaults
 * of ForeignGraphBuilder. Each `<data>` value must parse as its key's declared attr.type.
 *
 * The file is read as a stream (xml-guard.ts): each node becomes a record as soon as its
 * element closes and nothing else of it is kept, so memory and time follow the records, not a
 * tree of the document. Keys must be declared before the graph, as the GraphML schema says.
 */
import { err, ok, type Result } from '../model/result';
import { adoptSecondHalf, endsName, type SecondHalf } from './graphml-halves';
import { GraphmlReader, tooMany } from './graphml-reader';
import { str, WHAT } from './graphml-records';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import type { ImportFeed } from './import-feed';
import type { ExchangeError, ExchangeGraph, ImportContext } from './types';
import { scanXmlSafely, startXmlScan } from './xml-guard';

/** Counts `<tag` elements by a cheap scan (stopping past `limit`), to word a refusal. */
function countTags(text: string, tag: string, limit: number): number {
  const open = `<${tag}`;
  let count = 0;
  for (let i = text.indexOf(open); i !== -1 && count <= limit; i = text.indexOf(open, i + 1)) {
    // `<node>`, `<node/`, `<node ` (any XML white space), not `<nodes`.
    if (endsName(text.charCodeAt(i + open.length))) count++;
  }
  return count;
}

export function importGraphml(
  text: string,
  ctx: ImportContext,
): Result<ExchangeGraph, ExchangeError> {
  const limits = ctx.limits ?? IMPORT_LIMITS;
  const scanned = scanXmlSafely(text, WHAT, new GraphmlReader(ctx, limits), {
    maxBytes: limits.bytes,
    overrule: overNodeLimit(limits),
  });
  return scanned.ok ? graphOf(scanned.value) : scanned;
}

/** `importGraphml` of a file given in slices, which may stop part way for another thread. */
export interface GraphmlScan extends ImportFeed {
  /**
   * Stops reading here, the rest of the file being read by another reader (graphml-halves.ts):
   * answers whether the text so far ends cleanly between two records of the graph.
   */
  cut(): boolean;
  /** After a clean `cut`: the graph with the second half's records, or undefined (read again). */
  endWithHalf(half: SecondHalf): Result<ExchangeGraph, ExchangeError> | undefined;
}

/**
 * `importGraphml` of a file given in slices as it arrives (import-feed.ts, which counts its
 * size); `source` answers the text so far, to word a refusal.
 */
export function graphmlScan(ctx: ImportContext, source: () => string): GraphmlScan {
  const limits = ctx.limits ?? IMPORT_LIMITS;
  const reader = new GraphmlReader(ctx, limits);
  const scan = startXmlScan(WHAT, reader, source, { overrule: overNodeLimit(limits) });
  return {
    write: (slice) => scan.write(slice),
    end: () => {
      const scanned = scan.end();
      return scanned.ok ? graphOf(scanned.value) : scanned;
    },
    cut: () => scan.cut() && reader.betweenRecords,
    endWithHalf: (half) => {
      const adopted = adoptSecondHalf(reader, half, limits);
      return adopted === undefined || !adopted.ok ? adopted : graphOf(reader);
    },
  };
}

/**
 * A file over the node limit is refused as such, whatever else is wrong with it (say,
 * duplicate ids among its first nodes): the stream refuses the first node over the limit,
 * and any earlier refusal gives way to a count of the file's `<node` tags. A successful read
 * has counted its nodes as they came, so the count is made only on a refusal.
 */
const overNodeLimit =
  (limits: ImportLimits) =>
  (xml: string): ExchangeError | undefined =>
    countTags(xml, 'node', limits.nodes) > limits.nodes
      ? tooMany(limits.nodes, 'nodes')
      : undefined;

/** The graph of a document read whole: its edges added (their ends known now), then built. */
function graphOf(reader: GraphmlReader): Result<ExchangeGraph, ExchangeError> {
  if (reader.graphs !== 1) return err(reader.graphCount());
  for (const { link, where } of reader.edges) {
    const added = reader.builder.addLink(link, where);
    if (!added.ok) return added;
  }
  const built = reader.builder.build(str(reader.graphValues.get('name')));
  return built.ok ? ok(built.value) : built;
}
