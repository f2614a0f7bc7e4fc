import type { NodeEntry } from './state';

/** A binary min-heap of nodes by topological position (`ord`): the cascade's work list. */
export class OrdHeap {
  private readonly items: NodeEntry[] = [];

  push(n: NodeEntry): void {
    const a = this.items;
    let i = a.length;
    a.push(n);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as NodeEntry;
      if (parent.ord <= n.ord) break;
      a[i] = parent;
      i = p;
    }
    a[i] = n;
  }

  pop(): NodeEntry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && (a[r] as NodeEntry).ord < (a[l] as NodeEntry).ord ? r : l;
      if ((a[c] as NodeEntry).ord >= last.ord) break;
      a[i] = a[c] as NodeEntry;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
