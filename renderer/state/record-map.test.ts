import { describe, expect, it } from 'vitest';
import { RecordMap } from './record-map';

type Rec = { id: string; n: number };

/** Same entries, order, sizes and lookups (including ids it does not hold). */
function sameMap(a: RecordMap<Rec>, b: RecordMap<Rec>, ids: readonly string[]): void {
  expect([...a]).toEqual([...b]);
  expect(a.valuesArray()).toEqual(b.valuesArray());
  expect(a.size).toBe(b.size);
  for (const id of ids) {
    expect(a.get(id)).toEqual(b.get(id));
    expect(a.has(id)).toBe(b.has(id));
    expect(a.orderOf(id)).toBe(b.orderOf(id));
  }
}

describe('RecordMap.byId (a plan opened)', () => {
  it('[H1] is the map `from` makes, across chunks, and edits the same way after its lazy index', () => {
    // More than two chunks (1,024 slots each), so slicing into chunks is exercised.
    const records: Rec[] = Array.from({ length: 2500 }, (_, n) => ({ id: `r${n}`, n }));
    const ids = [...records.map((r) => r.id), 'r2500', 'missing'];
    const fast = RecordMap.byId(records);
    const slow = RecordMap.from(records.map((r) => [r.id, r] as const));
    // Iterating needs no index; then a lookup builds it.
    expect(fast.valuesArray()).toEqual(records);
    sameMap(fast, slow, ids);

    // Edits on the map made by byId: a change, a removal, an addition (a new last slot).
    const edit = (map: RecordMap<Rec>) => {
      const draft = map.edit();
      draft.set('r7', { id: 'r7', n: -7 });
      draft.delete('r1500');
      draft.set('r2500', { id: 'r2500', n: 2500 });
      return draft.done();
    };
    const fastNext = edit(fast);
    const slowNext = edit(slow);
    sameMap(fastNext, slowNext, ids);
    // The map it was made from stays as it was.
    expect(fast.get('r7')?.n).toBe(7);
    expect(fast.has('r1500')).toBe(true);
    expect(fast.has('r2500')).toBe(false);
  });

  it('[H1] an edit before any lookup builds the index first', () => {
    const fast = RecordMap.byId<Rec>([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    const draft = fast.edit();
    draft.set('c', { id: 'c', n: 3 });
    draft.set('a', { id: 'a', n: 10 });
    const next = draft.done();
    expect([...next.keys()]).toEqual(['a', 'b', 'c']);
    expect(next.get('a')?.n).toBe(10);
    expect(fast.get('a')?.n).toBe(1);
    expect(fast.get('c')).toBeUndefined();
    expect(RecordMap.byId([]).size).toBe(0);
  });
});
