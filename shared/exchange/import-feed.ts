/**
 * An import read as its file arrives: the import worker gets a 100,000-node file in slices of
 * a few megabytes while it is still being uploaded (electron/service/run-import.ts). GraphML
 * is parsed slice by slice as they come (saxes reads a stream), so the parse overlaps the
 * upload and the file is never joined into one string; the other formats are read whole at
 * the end (JSON.parse and the CSV reader take one text).
 */
import { IMPORT_LIMITS } from './limits';
import { err, type Result } from '../model/result';
import { importAs, type ImportFormat } from './formats';
import type { SecondHalf } from './graphml-halves';
import { graphmlScan, importGraphml, type GraphmlScan } from './graphml-import';
import { WHAT as GRAPHML_FILE } from './graphml-records';
import { tooLargeInput, utf8Length } from './text';
import type { ExchangeError, ExchangeGraph, ImportContext } from './types';

/** A file given in slices (`write`), imported at `end`. */
export interface ImportFeed {
  write(slice: string): void;
  end(): Result<ExchangeGraph, ExchangeError>;
}

/**
 * The slices of a text as they arrive: kept, to word a refusal (its line and column) and for
 * the formats read whole; counted against `maxBytes` as `checkInputSize` counts a whole text
 * (UTF-8 bytes, counted only once the characters alone could be over it). A surrogate pair
 * cut by a slice counts 6 bytes rather than 4, erring on the side of the limit.
 */
export class ArrivingText {
  private slices: string[] = [];
  private chars = 0;
  private bytes = 0;
  /** How many of `slices` `bytes` has counted. */
  private counted = 0;
  /** Set once the text is over the limit; later slices are not kept. */
  tooLarge: ExchangeError | undefined;

  constructor(
    private readonly what: string,
    private readonly maxBytes: number,
  ) {}

  /** Keeps a slice; answers false once the text is over the limit. */
  add(slice: string): boolean {
    if (this.tooLarge) return false;
    this.slices.push(slice);
    this.chars += slice.length;
    if (this.chars * 3 > this.maxBytes) {
      for (; this.counted < this.slices.length; this.counted++) {
        this.bytes += utf8Length(this.slices[this.counted] as string, this.maxBytes);
      }
    }
    if (this.chars > this.maxBytes || this.bytes > this.maxBytes) {
      this.tooLarge = tooLargeInput(this.what, this.maxBytes);
      this.slices = [];
    }
    return !this.tooLarge;
  }

  /** Forgets the slices (once the import has read them all). */
  release(): void {
    this.slices = [];
    this.counted = 0;
  }

  /** The text so far, as one string (joined once, then kept joined). */
  text(): string {
    if (this.slices.length > 1) this.slices = [this.slices.join('')];
    this.counted = Math.min(this.counted, this.slices.length);
    return this.slices[0] ?? '';
  }
}

/**
 * Starts an import of `format`. `sized`: the caller has already counted the file's bytes
 * against the limit (the local API's raw body), so the text is not measured again.
 */
export function importFeed(format: ImportFormat, ctx: ImportContext, sized = false): ImportFeed {
  const limits = ctx.limits ?? IMPORT_LIMITS;
  const maxBytes = sized ? Infinity : limits.bytes;
  const context = { ...ctx, limits: { ...limits, bytes: maxBytes } };
  if (format === 'graphml') return new GraphmlFeed(context, maxBytes);
  // Measured by the importer itself, once whole (`checkInputSize`).
  const arriving = new ArrivingText(format, Infinity);
  return {
    write: (slice) => void arriving.add(slice),
    end: () => done(arriving, importAs(format, arriving.text(), context)),
  };
}

/**
 * The import's answer, the file's text let go: what follows (the engine's load, the write of
 * the new workspace) no longer holds the text of the file (~200 MB at 100,000 nodes).
 */
function done<T>(arriving: ArrivingText, answer: T): T {
  arriving.release();
  return answer;
}

/**
 * A GraphML file, parsed slice by slice as it arrives. The import worker may give the rest of
 * a large file to another thread (graphml-halves.ts): it `keep`s every slice (counted, and
 * kept to read the file again or word a refusal), `read`s its own part, `cut`s, and ends
 * with the other thread's half.
 */
export class GraphmlFeed implements ImportFeed {
  private readonly arriving: ArrivingText;
  private readonly scan: GraphmlScan;
  private cutClean = false;
  /** `endWithHalf` used the other thread's half (rather than reading the file again). */
  readInHalves = false;

  constructor(
    private readonly context: ImportContext,
    maxBytes: number,
  ) {
    const arriving = new ArrivingText(GRAPHML_FILE, maxBytes);
    this.arriving = arriving;
    this.scan = graphmlScan(context, () => arriving.text());
  }

  // A refusal of the parse does not stop the count: an over-large file is refused as such,
  // as `checkInputSize` refuses it before any parse of a whole text.
  write(slice: string): void {
    if (this.arriving.add(slice)) this.scan.write(slice);
  }

  /** Counts and keeps a slice without parsing it; false once the file is over the limit. */
  keep(slice: string): boolean {
    return this.arriving.add(slice);
  }

  /** Parses a slice already kept. */
  read(slice: string): void {
    if (!this.arriving.tooLarge) this.scan.write(slice);
  }

  /** Stops parsing here (see GraphmlScan.cut); answers whether the cut is clean. */
  cut(): boolean {
    this.cutClean = !this.arriving.tooLarge && this.scan.cut();
    return this.cutClean;
  }

  end(): Result<ExchangeGraph, ExchangeError> {
    const tooLarge = this.arriving.tooLarge;
    return done(this.arriving, tooLarge ? err(tooLarge) : this.scan.end());
  }

  /**
   * The end of a file cut for another thread (`half`: what it read, undefined if it failed).
   * Anything but a clean cut and a clean half is read again in one pass, whose answer (and
   * refusal, worded in the whole file) is the one given.
   */
  endWithHalf(half: SecondHalf | undefined): Result<ExchangeGraph, ExchangeError> {
    const tooLarge = this.arriving.tooLarge;
    if (tooLarge) return done(this.arriving, err(tooLarge));
    const merged = this.cutClean && half ? this.scan.endWithHalf(half) : undefined;
    this.readInHalves = merged !== undefined;
    return done(this.arriving, merged ?? importGraphml(this.arriving.text(), this.context));
  }
}
