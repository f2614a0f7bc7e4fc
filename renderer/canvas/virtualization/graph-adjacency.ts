/**
 * Which edges touch each node of a GraphIndex (graph-index.ts), for the query's "edges with an
 * end in view" and for marking a moved node's edges dirty.
 *
 * Why this shape: the edges the index is built with sit in one CSR layout (two typed arrays,
 * no per-node allocation at 100,000 nodes); an edge added later (a link created or re-wired on
 * the change path) goes to a small per-node overflow list instead, so adding one costs O(1)
 * rather than re-laying the CSR arrays (docs/canvas-performance.md, "The change path").
 */

/** A copy of `old`'s first `keep` items in a new array of `capacity` items. */
export function grown<T extends Float64Array | Int32Array | Uint8Array | Uint32Array>(
  old: T,
  capacity: number,
  keep: number,
): T {
  const out = new (old.constructor as new (k: number) => T)(capacity);
  out.set(old.subarray(0, keep));
  return out;
}

export class Adjacency {
  /** Incident edges of node i are edges[start[i] .. start[i+1]) (CSR layout). */
  private start: Int32Array;
  private readonly edges: Int32Array;
  /** Edges added after the CSR was laid out, by node (null for none). */
  private extra: Map<number, number[]> | null = null;

  /**
   * The CSR of `n` nodes and the edges `src`/`tgt` (-1: an unknown end, left out), with room
   * for `capacity` nodes (nodes appended later fill it without a copy).
   */
  constructor(n: number, src: Int32Array, tgt: Int32Array, m: number, capacity = n) {
    const degree = new Int32Array(Math.max(n, capacity) + 1);
    for (let e = 0; e < m; e++) {
      const s = src[e]!;
      const t = tgt[e]!;
      if (s < 0 || t < 0) continue;
      degree[s + 1]!++;
      if (t !== s) degree[t + 1]!++;
    }
    for (let i = 0; i < n; i++) degree[i + 1]! += degree[i]!;
    this.start = degree;
    this.edges = new Int32Array(degree[n]!);
    const fill = degree.slice(0, n);
    for (let e = 0; e < m; e++) {
      const s = src[e]!;
      const t = tgt[e]!;
      if (s < 0 || t < 0) continue;
      this.edges[fill[s]!++] = e;
      if (t !== s) this.edges[fill[t]!++] = e;
    }
  }

  /** Node i (the next one) joins with no edges; `capacity` is the index's node capacity. */
  appendNode(i: number, capacity: number): void {
    if (i + 2 > this.start.length) this.start = grown(this.start, capacity + 1, i + 1);
    this.start[i + 1] = this.start[i]!;
  }

  /** Edge e (ends s and t, both known) touches s and t from now on. */
  addEdge(e: number, s: number, t: number): void {
    const extra = (this.extra ??= new Map());
    const add = (i: number) => {
      const list = extra.get(i);
      if (list) list.push(e);
      else extra.set(i, [e]);
    };
    add(s);
    if (t !== s) add(t);
  }

  /** Calls `visit` with each edge touching node i (gone ones too: the caller filters). */
  forEach(i: number, visit: (e: number) => void): void {
    for (let k = this.start[i]!; k < this.start[i + 1]!; k++) visit(this.edges[k]!);
    const more = this.extra?.get(i);
    if (more) for (const e of more) visit(e);
  }

  /** Whether `test` holds for every edge touching node i. */
  every(i: number, test: (e: number) => boolean): boolean {
    for (let k = this.start[i]!; k < this.start[i + 1]!; k++)
      if (!test(this.edges[k]!)) return false;
    const more = this.extra?.get(i);
    return !more || more.every(test);
  }
}
