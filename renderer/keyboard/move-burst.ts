/**
 * Arrow-key moves: each press moves the selected cards on screen at once, and a burst of
 * presses is saved as ONE `node.move` (one batch, one undo step) once the keys rest — never a
 * command per press. A refused move puts the cards back where the engine has them.
 */

export interface Point {
  x: number;
  y: number;
}
export interface Move {
  id: string;
  position: Point;
}

export interface MoveBurstDeps {
  /** Where the engine has the node now (undefined: gone). */
  stored(id: string): Point | undefined;
  /** Shows cards at these positions (local only). */
  show(moves: readonly Move[]): void;
  /** Saves the moves as one command; true when the engine took them. */
  save(moves: readonly Move[]): Promise<boolean>;
  /** Quiet time after the last press before the burst is saved. */
  restMs: number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export class MoveBurst {
  /** Where each moving node is shown now, and where the engine had it when the burst began. */
  private pending = new Map<string, { from: Point; to: Point }>();
  private timer: unknown = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly deps: MoveBurstDeps) {}

  get moving(): boolean {
    return this.pending.size > 0;
  }

  /** One press: `ids` move by (dx, dy) from where they are shown. */
  press(ids: readonly string[], dx: number, dy: number): void {
    const shown: Move[] = [];
    for (const id of ids) {
      const at = this.pending.get(id);
      const from = at?.from ?? this.deps.stored(id);
      if (!from) continue;
      const base = at?.to ?? from;
      const to = { x: base.x + dx, y: base.y + dy };
      this.pending.set(id, { from, to });
      shown.push({ id, position: to });
    }
    if (shown.length === 0) return;
    this.deps.show(shown);
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = this.deps.setTimer(() => void this.flush(), this.deps.restMs);
  }

  /** Saves what is pending now (and waits for any save under way). */
  flush(): Promise<void> {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    const burst = [...this.pending].filter(([, m]) => m.to.x !== m.from.x || m.to.y !== m.from.y);
    this.pending.clear();
    if (burst.length > 0) {
      this.saving = this.saving.then(async () => {
        const ok = await this.deps.save(burst.map(([id, m]) => ({ id, position: m.to })));
        if (!ok) {
          this.deps.show(
            burst.map(([id, m]) => ({ id, position: this.deps.stored(id) ?? m.from })),
          );
        }
      });
    }
    return this.saving;
  }
}
