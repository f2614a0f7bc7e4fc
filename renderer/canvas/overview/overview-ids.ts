/**
 * A node's index in the overview index by id (overview-patch.ts looks up the ends of links
 * that come or are re-wired). A scan of 100,000 ids cost ~1.2 ms per end on the change path;
 * the map the index is built with is kept instead, keyed on a stable number per node (its index
 * when it joined) with a typed key → index-now array renumbered by each splice that shifts
 * indices (one integer pass, as the link ends are).
 */
export class IdIndex {
  private readonly keyOf = new Map<string, number>();
  private now: Int32Array;
  private keys: number;

  /** `byId`: id → index, taken over (the constructor's map). */
  constructor(byId: Map<string, number>, count: number) {
    this.keyOf = byId;
    this.keys = count;
    this.now = new Int32Array(count + 16);
    for (let i = 0; i < count; i++) this.now[i] = i;
  }

  /** The node's index now, or -1 (none, or gone). */
  get(id: string): number {
    const k = this.keyOf.get(id);
    return k === undefined ? -1 : this.now[k]!;
  }

  /**
   * After a splice of the nodes: `toNew` old index → new (-1 gone; null when nothing shifted),
   * and the ids that came (`came`, at `at` in the new list).
   */
  follow(toNew: Int32Array | null, came: readonly number[], idAt: (i: number) => string): void {
    const now = this.now;
    if (toNew)
      for (let k = 0; k < this.keys; k++) {
        const v = now[k]!;
        if (v >= 0) now[k] = toNew[v]!;
      }
    for (const i of came) {
      if (this.keys >= this.now.length) {
        const grown = new Int32Array(Math.ceil(this.keys * 1.25) + 16);
        grown.set(this.now);
        this.now = grown;
      }
      this.keyOf.set(idAt(i), this.keys);
      this.now[this.keys++] = i;
    }
  }
}
