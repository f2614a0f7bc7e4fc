import type { NodeEntry } from './state';

/**
 * A binary heap of nodes by topological position, each node at most once per pass (the
 * cascade's and the schedule's work lists):
 * `dir` 1 pops the smallest `ord` first (forward), -1 the largest (backward).
 */
export class NodeHeap {
  private readonly items: NodeEntry[] = [];
  private readonly seen = new Set<NodeEntry>();

  constructor(private readonly dir: 1 | -1) {}

  add(n: NodeEntry): void {
    if (this.seen.has(n)) return;
    this.seen.add(n);
    const a = this.items;
    const key = n.ord * this.dir;
    let i = a.length;
    a.push(n);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as NodeEntry;
      if (parent.ord * this.dir <= key) break;
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
    const key = last.ord * this.dir;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c =
        r < a.length && (a[r] as NodeEntry).ord * this.dir < (a[l] as NodeEntry).ord * this.dir
          ? r
          : l;
      if ((a[c] as NodeEntry).ord * this.dir >= key) break;
      a[i] = a[c] as NodeEntry;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
