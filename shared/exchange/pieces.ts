/**
 * Exports written in parts. A 100,000-node export is 150–200 MB of text and takes one to two
 * seconds to write. Written as one string on the service's thread it held the local API for
 * that long; written on a worker thread, copying the 250,000 records there cost more than the
 * writing itself (issue 16). So every text exporter is a generator of pieces of about
 * PIECE_CHARS UTF-16 units, each ending at a record's end: the local API's download writes,
 * encodes and sends one piece per turn of the event loop (electron/service/export-stream.ts),
 * and `joinPieces` makes the whole file for the `export` method. An exporter whose
 * preparation is long (iCalendar sorts every event before its first line) yields an empty
 * piece now and then: the download gives the event loop a turn for it.
 */
import { TextBuilder } from './text';

/** About 1–3 MB of UTF-8: a few milliseconds of writing, then the API answers others. */
export const PIECE_CHARS = 1 << 20;

/** An exporter's text, in pieces; joined, they are the file. */
export type Pieces = Generator<string, void, undefined>;

/** The whole file of an exporter that writes in pieces. */
export function joinPieces(pieces: Iterable<string>): string {
  const out = new TextBuilder();
  for (const piece of pieces) out.push(piece);
  return out.toString();
}

/** Records prepared between two turns of an exporter's preparation (an empty piece). */
export const RECORDS_PER_TURN = 5_000;

/** Records per `JSON.stringify` call of a big array (one call per record costs more). */
const RECORDS_PER_SLICE = 500;

/**
 * An array whose items are made only as they are written: `prettyJsonPieces` writes it as the
 * array of `make(item)` for each item, a slice at a time, so a format that reshapes every
 * record (the canvas' cards) does not build 250,000 new objects before its first piece.
 */
export class LazyList<U> {
  private constructor(readonly slices: () => Iterable<readonly U[]>) {}

  static of<T, U>(items: Iterable<T>, make: (item: T) => U): LazyList<U> {
    return new LazyList(function* () {
      let slice: U[] = [];
      for (const item of items) {
        slice.push(make(item));
        if (slice.length === RECORDS_PER_SLICE) {
          yield slice;
          slice = [];
        }
      }
      yield slice;
    });
  }
}

function* sliced<T>(items: readonly T[]): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += RECORDS_PER_SLICE) {
    yield items.slice(start, start + RECORDS_PER_SLICE);
  }
}

/** `{\n  "": [\n` and `\n  ]\n}` around the items of `JSON.stringify({ '': items }, null, 2)`. */
const WRAP_START = '{\n  "": [\n'.length;
const WRAP_END = -'\n  ]\n}'.length;

/** JSON.stringify leaves out a property with no JSON form. */
const hasJson = (value: unknown): boolean =>
  value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

/**
 * `JSON.stringify(object, null, 2)`, the same text, in pieces: each property's value is
 * stringified on its own and indented one level, and an array's items a slice at a time, so
 * no call holds the thread for the whole file. (Raw line breaks in the output are only the
 * layout's: JSON.stringify escapes those inside strings, so indenting after each is exact.)
 * A `LazyList` value is written as the array it stands for.
 */
export function* prettyJsonPieces(
  object: Readonly<Record<string, unknown>>,
  pieceChars = PIECE_CHARS,
): Pieces {
  const keys = Object.keys(object).filter((key) => hasJson(object[key]));
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  const out = new TextBuilder(pieceChars);
  out.push('{\n');
  for (const [i, key] of keys.entries()) {
    const value = object[key];
    const end = i < keys.length - 1 ? ',\n' : '\n';
    out.push(`  ${JSON.stringify(key)}: `);
    const slices =
      value instanceof LazyList ? value.slices() : Array.isArray(value) ? sliced(value) : [];
    let written = false;
    for (const slice of slices) {
      if (slice.length === 0) continue;
      // Inside `{ "": [...] }` the items are at their depth in the file: cut out, they need
      // no indenting (a pass over every line of a 150 MB file).
      const items = JSON.stringify({ '': slice }, null, 2).slice(WRAP_START, WRAP_END);
      out.push(`${written ? ',\n' : '[\n'}${items}`);
      written = true;
      if (out.full) yield out.take();
    }
    if (written) out.push(`\n  ]${end}`);
    else if (value instanceof LazyList) out.push(`[]${end}`);
    else out.push(`${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}${end}`);
  }
  out.push('}');
  yield out.take();
}
