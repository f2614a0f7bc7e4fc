/**
 * A persistent map of records by id (docs/canvas-performance.md, "The change path"): each
 * batch makes a new map, as before, but the new map shares everything the batch did not touch
 * with the old one, so folding a one-node batch into a 100,000-node plan copies a few kilobytes
 * instead of the whole map (a `new Map(old)` of 100,000 entries took ~30 ms).
 *
 * Records sit in slots; a chunked directory of slot arrays is copied on write (the directory
 * and each touched chunk once per edit). Ids get their slot from an index shared by every map
 * made from the same root, with slots handed out by a shared counter, so two maps edited from
 * the same parent never give one slot to two ids. Old maps stay valid snapshots.
 *
 * Iteration is in slot order: insertion order, except that an id removed and added again
 * keeps its old place (a JS Map would move it to the end). The canvas only needs a stable order.
 */

const BITS = 10;
const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;

interface Shared {
  slots: Map<string, number>;
  /** Slot → id (a slot keeps its id for good). */
  ids: string[];
  next: number;
}

type Chunk<V> = (V | undefined)[];

export class RecordMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly shared: Shared,
    private readonly chunks: readonly Chunk<V>[],
    /** Slots below this may be in use by this map. */
    private readonly length: number,
    readonly size: number,
  ) {}

  static empty<V>(): RecordMap<V> {
    return new RecordMap<V>({ slots: new Map(), ids: [], next: 0 }, [], 0, 0);
  }

  /** A map from scratch (a workspace opened): slots in the entries' order. */
  static from<V>(entries: Iterable<readonly [string, V]>): RecordMap<V> {
    const draft = RecordMap.empty<V>().edit();
    for (const [id, value] of entries) draft.set(id, value);
    return draft.done();
  }

  /**
   * A map of records by their `id` (a workspace opened): what `from` makes, built straight into
   * the chunks without a draft or an entry pair per record, and with the id → slot index built
   * when first needed (a lookup or an edit): a 100,000-node plan's first frame looks up nodes
   * but no link, so the links' 150,000-entry index waits. Ids are unique in a graph view (the
   * service's own maps are keyed by id).
   */
  static byId<V extends { id: string }>(records: readonly V[]): RecordMap<V> {
    const count = records.length;
    const ids = new Array<string>(count);
    const chunks: Chunk<V>[] = [];
    for (let at = 0; at < count; at += CHUNK) chunks.push(records.slice(at, at + CHUNK));
    for (let at = 0; at < count; at++) ids[at] = (records[at] as V).id;
    const shared = { ids, next: count } as Shared;
    Object.defineProperty(shared, 'slots', {
      configurable: true,
      enumerable: true,
      get() {
        const slots = new Map<string, number>();
        for (let at = 0; at < count; at++) slots.set(ids[at] as string, at);
        Object.defineProperty(shared, 'slots', { value: slots, writable: true, enumerable: true });
        return slots;
      },
    });
    return new RecordMap<V>(shared, chunks, count, count);
  }

  get(id: string): V | undefined {
    const slot = this.shared.slots.get(id);
    if (slot === undefined || slot >= this.length) return undefined;
    return this.chunks[slot >> BITS]?.[slot & MASK];
  }

  /** The id's place in the iteration order (stable across maps from the same root). */
  orderOf(id: string): number {
    return this.shared.slots.get(id) ?? Infinity;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** An editable copy; `done()` answers the new map (this one is left as it was). */
  edit(): RecordMapDraft<V> {
    return new RecordMapDraft(this.shared, this.chunks, this.length, this.size);
  }

  forEach(fn: (value: V, id: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [id, value] of this.entries()) fn(value, id, this);
  }

  *entries(): MapIterator<[string, V]> {
    const ids = this.shared.ids;
    for (let slot = 0; slot < this.length; slot++) {
      const value = this.chunks[slot >> BITS]?.[slot & MASK];
      if (value !== undefined) yield [ids[slot] as string, value];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<V> {
    for (const chunk of this.chunks)
      for (const value of chunk) if (value !== undefined) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  /** Builds the map's values into an array (faster than iterating on a hot path). */
  valuesArray(): V[] {
    const out: V[] = [];
    for (const chunk of this.chunks)
      for (const value of chunk) if (value !== undefined) out.push(value);
    return out;
  }

  get [Symbol.toStringTag](): string {
    return 'RecordMap';
  }

  /** @internal for the draft */
  static made<V>(shared: Shared, chunks: Chunk<V>[], length: number, size: number): RecordMap<V> {
    return new RecordMap(shared, chunks, length, size);
  }
}

export class RecordMapDraft<V> {
  private chunks: Chunk<V>[] | null = null;
  private readonly copied = new Set<number>();

  constructor(
    private readonly shared: Shared,
    private readonly base: readonly Chunk<V>[],
    private length: number,
    private size: number,
  ) {}

  get(id: string): V | undefined {
    const slot = this.shared.slots.get(id);
    if (slot === undefined || slot >= this.length) return undefined;
    return (this.chunks ?? this.base)[slot >> BITS]?.[slot & MASK];
  }

  set(id: string, value: V): void {
    let slot = this.shared.slots.get(id);
    if (slot === undefined) {
      slot = this.shared.next++;
      this.shared.slots.set(id, slot);
      this.shared.ids[slot] = id;
    }
    if (this.write(slot, value) === undefined) this.size++;
  }

  delete(id: string): void {
    const slot = this.shared.slots.get(id);
    if (slot === undefined || slot >= this.length) return;
    if (this.write(slot, undefined) !== undefined) this.size--;
  }

  done(): RecordMap<V> {
    return RecordMap.made(this.shared, this.chunks ?? [...this.base], this.length, this.size);
  }

  /** Writes a slot (copying its chunk once); answers what was there. */
  private write(slot: number, value: V | undefined): V | undefined {
    const chunks = (this.chunks ??= [...this.base]);
    const c = slot >> BITS;
    while (chunks.length <= c) chunks.push([]);
    if (!this.copied.has(c)) {
      chunks[c] = (chunks[c] as Chunk<V>).slice();
      this.copied.add(c);
    }
    const chunk = chunks[c] as Chunk<V>;
    const i = slot & MASK;
    const before = slot < this.length ? chunk[i] : undefined;
    while (chunk.length < i) chunk.push(undefined);
    chunk[i] = value;
    if (slot >= this.length) this.length = slot + 1;
    return before;
  }
}
