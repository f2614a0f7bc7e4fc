/**
 * Where each record of an active list is (active-graph.ts `nodeAt`/`linkAt`): found by binary
 * search on the record map's order, which the list keeps, so nothing has to be renumbered when
 * records come and go in the middle.
 */
function positions<T extends { id: string }>(list: readonly T[]): Map<string, number> {
  const at = new Map<string, number>();
  for (let i = 0; i < list.length; i++) at.set((list[i] as T).id, i);
  return at;
}

type Ranked = { orderOf?: (id: string) => number };

/**
 * Each record's index in `list`, found by binary search on the map's order (the list is in
 * that order), so nothing is kept up to date when records come and go (setting the index of
 * every later record took ~10 ms a removal at 100,000). For a plain Map (no order): a Map.
 */
export function positionsOf<T extends { id: string }>(
  list: readonly T[],
  map: ReadonlyMap<string, T>,
): ReadonlyMap<string, number> {
  const order = (map as Ranked).orderOf;
  return order ? new ListPositions(list, (id) => order.call(map, id)) : positions(list);
}

class ListPositions<T extends { id: string }> implements ReadonlyMap<string, number> {
  constructor(
    private readonly list: readonly T[],
    private readonly rank: (id: string) => number,
  ) {}

  get(id: string): number | undefined {
    const r = this.rank(id);
    if (!Number.isFinite(r)) return undefined;
    const list = this.list;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rank(list[mid]!.id) < r) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]?.id === id ? lo : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  get size(): number {
    return this.list.length;
  }

  *entries(): MapIterator<[string, number]> {
    for (let i = 0; i < this.list.length; i++) yield [this.list[i]!.id, i];
  }

  *keys(): MapIterator<string> {
    for (const item of this.list) yield item.id;
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.list.length; i++) yield i;
  }

  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (let i = 0; i < this.list.length; i++) fn(i, this.list[i]!.id, this);
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'ListPositions';
  }
}
