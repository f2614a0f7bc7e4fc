/**
 * `JSON.parse` of a large UTF-8 payload in steps (shared/engine/steps.ts), so that the first
 * open of a large workspace does not hold the server's thread (docs/store.md, "Opening in
 * turns"). An imported 100,000-node plan is one 26 MB journal record (or snapshot). Its one
 * `JSON.parse`, with the UTF-8 decoding before it, held the thread ~0.4 s; every other client
 * waited that long.
 *
 * The bytes are scanned once, by a plain loop that tracks only nesting and strings. An array or
 * object whose text grows past `sliceBytes` becomes "big": its members are parsed by the native
 * `JSON.parse`, a run of them at a time, each run ending at a comma of its own level once it
 * holds `sliceBytes`. A big member of a big container becomes big itself, so nested large
 * values (the workspace's `nodes` inside `genesis`) split as well. A value with no comma to
 * split at (one long string) is parsed whole. Small payloads are one `JSON.parse`.
 *
 * The result is what `JSON.parse` gives: the same values, the same key order (integer-like keys
 * first, as in any object), the last of duplicate keys, and `__proto__` as an own key.
 * Malformed JSON throws a `SyntaxError`: each run is checked by `JSON.parse` itself, and the
 * joints between runs and big members (commas, keys, brackets) are checked here. A test
 * compares both on random values, cut at every size.
 *
 * The price: ~20% more time than the one `JSON.parse` in a fresh process (the 26 MB record:
 * ~0.6 s against ~0.5 s; runs parse as fast as the whole once warm, the rest is the scan, the
 * runs' joining and their garbage). Trying runs without scanning (the first comma past the
 * slice, kept if the run parses) saved nothing measurable, and was not kept.
 */
import { type Steps } from '../../shared/engine/steps';

/** Text parsed by one `JSON.parse` at most (a few ms on this machine), where it can be cut. */
export const PARSE_SLICE_BYTES = 256 * 1024;

/** Bytes scanned between two steps when no run is parsed meanwhile. */
const SCAN_BYTES = 1 << 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const isSpace = (b: number | undefined): boolean =>
  b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** A container whose text passed the slice: its value is built from runs of its members. */
interface Big {
  isArray: boolean;
  /** An array's members, a run (or a big member) at a time; joined when it closes. */
  parts: unknown[][];
  /** An object's members so far (its value from the start: big members fill in later). */
  object: Record<string, unknown>;
  /** Where the members not yet parsed begin. */
  runStart: number;
  /** Whether a member must follow (the run starts after a comma). */
  needMember: boolean;
  /** Where its value goes once it closes: a slot among its parent array's parts, or a key. */
  place: { slot: unknown[] } | { object: Record<string, unknown>; key: string } | null;
}

/** The scan's position, and per open container (by depth, the outermost 1) what it needs. */
interface Scan {
  at: number;
  depth: number;
  starts: number[];
  /** Where each container's current member starts (after its last comma). */
  memberStarts: number[];
  bigs: (Big | undefined)[];
}

const CUT = 1;
const BIG_CLOSES = 2;
const OUTER_CLOSES = 3;

/**
 * The hot loop: nesting and strings only, from `scan.at` to `stop`, until a comma where a run
 * is due (CUT, at the comma), a big container's closing bracket (BIG_CLOSES, at it), or the
 * outermost container's end when it never grew big (OUTER_CLOSES). A plain function, not a
 * generator's loop: about twice as fast.
 */
function scanTo(bytes: Buffer, scan: Scan, stop: number, sliceBytes: number): number {
  const { starts, memberStarts, bigs } = scan;
  const end = bytes.length;
  let depth = scan.depth;
  let i = scan.at;
  let event = 0;
  for (; i < stop; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      // To the closing quote, even past `stop`; an escape skips the byte after the backslash.
      // A string is never cut: a run ends at a comma outside any string.
      for (i++; i < end; i++) {
        const c = bytes[i]!;
        if (c === QUOTE) break;
        if (c === BACKSLASH) i++;
      }
    } else if (b === COMMA) {
      memberStarts[depth] = i + 1;
      const big = bigs[depth];
      if (big ? i - big.runStart >= sliceBytes : i - starts[depth]! > sliceBytes) {
        event = CUT;
        break;
      }
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      depth++;
      starts[depth] = i;
      memberStarts[depth] = i + 1;
      bigs[depth] = undefined;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      if (bigs[depth]) {
        event = BIG_CLOSES;
        break;
      }
      depth--;
      if (depth === 0) {
        event = OUTER_CLOSES;
        break;
      }
    }
  }
  scan.depth = depth;
  scan.at = i;
  return event;
}

const broken = (what: string, at: number): SyntaxError =>
  new SyntaxError(`Malformed JSON: ${what} at byte ${at}`);

/** `JSON.parse(bytes.toString('utf8'))`, in steps. */
export function* parseJsonSteps(bytes: Buffer, sliceBytes = PARSE_SLICE_BYTES): Steps<unknown> {
  const end = bytes.length;
  let first = 0;
  while (isSpace(bytes[first])) first++;
  const opener = bytes[first];
  if (end - first <= sliceBytes || (opener !== OPEN_ARRAY && opener !== OPEN_OBJECT))
    return JSON.parse(bytes.toString('utf8'));

  const scan: Scan = { at: first, depth: 0, starts: [0], memberStarts: [0], bigs: [undefined] };
  const { starts, memberStarts, bigs } = scan;

  /** The members from the run's start to `to` (a comma or the closing bracket) are parsed. */
  const flush = (big: Big, to: number, closing: boolean): void => {
    let from = big.runStart;
    while (from < to && isSpace(bytes[from])) from++;
    if (from === to) {
      if (!closing || big.needMember) throw broken('a missing value', to);
      return;
    }
    const members = bytes.toString('utf8', from, to);
    if (big.isArray) big.parts.push(JSON.parse(`[${members}]`) as unknown[]);
    else {
      const part = JSON.parse(`{${members}}`) as Record<string, unknown>;
      for (const key of Object.keys(part)) define(big.object, key, part[key]);
    }
  };
  /**
   * The container at `depth` becomes big, its ancestors first (each is longer than what it
   * holds). A loop, not a recursion: a valid payload nested deeper than the call stack still
   * parses, as it does with `JSON.parse`.
   */
  const makeBig = (depth: number): Big => {
    let from = depth;
    while (from > 1 && !bigs[from - 1]) from--;
    for (let d = from; d <= depth; d++) {
      if (bigs[d]) continue;
      const start = starts[d]!;
      const big: Big = {
        isArray: bytes[start] === OPEN_ARRAY,
        parts: [],
        object: {},
        runStart: start + 1,
        needMember: false,
        place: null,
      };
      const parent = bigs[d - 1];
      if (parent) {
        const memberStart = memberStarts[d - 1]!;
        // The parent's members before this one (up to its comma), then this one in its place.
        if (memberStart - 1 >= parent.runStart) flush(parent, memberStart - 1, false);
        if (parent.isArray) {
          for (let k = memberStart; k < start; k++)
            if (!isSpace(bytes[k])) throw broken('a missing comma', k);
          // A part of one member, in its place among the runs; filled when it closes.
          const slot: unknown[] = [big.object];
          parent.parts.push(slot);
          big.place = { slot };
        } else {
          // The key takes its place in the object's order now; the value is set when it closes.
          const key = keyOf(bytes, memberStart, start);
          define(parent.object, key, big.object);
          big.place = { object: parent.object, key };
        }
      }
      bigs[d] = big;
    }
    return bigs[depth]!;
  };
  const valueOf = (big: Big): unknown =>
    !big.isArray
      ? big.object
      : big.parts.length === 1
        ? big.parts[0]
        : ([] as unknown[]).concat(...big.parts);

  for (;;) {
    const event = scanTo(bytes, scan, Math.min(end, scan.at + SCAN_BYTES), sliceBytes);
    if (event === OUTER_CLOSES) {
      // Nothing grew big (no comma to cut at): the one `JSON.parse`, which also says what is wrong.
      return JSON.parse(bytes.toString('utf8'));
    }
    const depth = scan.depth;
    const i = scan.at;
    if (event === CUT) {
      const big = makeBig(depth);
      flush(big, i, false);
      big.runStart = i + 1;
      big.needMember = true;
      scan.at = i + 1;
    } else if (event === BIG_CLOSES) {
      const big = bigs[depth]!;
      if (bytes[i] !== (big.isArray ? CLOSE_ARRAY : CLOSE_OBJECT))
        throw broken('a wrong bracket', i);
      flush(big, i, true);
      const value = valueOf(big);
      bigs[depth] = undefined;
      scan.depth = depth - 1;
      if (depth === 1) {
        for (let k = i + 1; k < end; k++)
          if (!isSpace(bytes[k])) throw broken('text after the value', k);
        return value;
      }
      if (big.place && 'slot' in big.place) big.place.slot[0] = value;
      else if (big.place) define(big.place.object, big.place.key, value);
      // What follows a big member at its parent's level: a comma and another member, or the end.
      const parent = bigs[depth - 1]!;
      let k = i + 1;
      while (isSpace(bytes[k])) k++;
      if (bytes[k] === COMMA) {
        parent.runStart = k + 1;
        parent.needMember = true;
        memberStarts[depth - 1] = k + 1;
        scan.at = k + 1;
      } else if (bytes[k] === (parent.isArray ? CLOSE_ARRAY : CLOSE_OBJECT)) {
        parent.runStart = k;
        parent.needMember = false;
        scan.at = k;
      } else throw broken('a missing comma', k);
    } else if (scan.at >= end) throw broken('an unclosed bracket', end);
    yield;
  }
}

/** UTF-16 units encoded between two steps of `utf8Steps`. */
const ENCODE_UNITS = 1 << 20;

/**
 * A string's UTF-8 bytes, in steps of ENCODE_UNITS units (a pair of surrogates is never split
 * between two, so no half of one is encoded on its own): a team workspace's batch comes from
 * the database as a string of tens of MB, and `Buffer.from` of it was one step of ~0.25 s.
 */
export function* utf8Steps(text: string, units = ENCODE_UNITS): Steps<Buffer> {
  if (text.length <= units) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let from = 0; from < text.length;) {
    let to = Math.min(text.length, from + units);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to++;
    parts.push(Buffer.from(text.slice(from, to), 'utf8'));
    from = to;
    yield;
  }
  return Buffer.concat(parts);
}

/** The key of an object member whose value starts at `valueStart` (`"key" :` before it). */
function keyOf(bytes: Buffer, memberStart: number, valueStart: number): string {
  let to = valueStart;
  while (to > memberStart && isSpace(bytes[to - 1])) to--;
  if (bytes[to - 1] !== COLON) throw broken('a missing colon', to);
  const keys = Object.keys(JSON.parse(`{${bytes.toString('utf8', memberStart, to)}0}`) as object);
  if (keys.length !== 1) throw broken('a malformed key', memberStart);
  return keys[0]!;
}

/** `out[key] = value`, except that `__proto__` is an own key (as `JSON.parse` makes it). */
function define(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else out[key] = value;
}
