/**
 * The boxes of a GraphIndex's nodes (flow px), item i for node i, in typed arrays: the index's
 * queries and tree builds read them in tight loops, and the change path writes one in place.
 */
import { grown } from './graph-adjacency';
import type { Rect } from './geometry';

export class NodeBoxes {
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;

  constructor(capacity: number) {
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.w = new Float64Array(capacity);
    this.h = new Float64Array(capacity);
  }

  /** Room for items before the arrays must grow. */
  get capacity(): number {
    return this.x.length;
  }

  set(i: number, x: number, y: number, w: number, h: number): void {
    this.x[i] = x;
    this.y[i] = y;
    this.w[i] = w;
    this.h[i] = h;
  }

  rect(i: number): Rect {
    const x = this.x[i]!;
    const y = this.y[i]!;
    return { minX: x, minY: y, maxX: x + this.w[i]!, maxY: y + this.h[i]! };
  }

  /** Room for `capacity` items, the first `count` kept. */
  grow(capacity: number, count: number): void {
    this.x = grown(this.x, capacity, count);
    this.y = grown(this.y, capacity, count);
    this.w = grown(this.w, capacity, count);
    this.h = grown(this.h, capacity, count);
  }

  /** The bounding box of items 0 … count − 1 but those in `gone`, or null for none. */
  bounds(count: number, gone: ReadonlySet<number> | null): Rect | null {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < count; i++) {
      if (gone?.has(i)) continue;
      minX = Math.min(minX, this.x[i]!);
      minY = Math.min(minY, this.y[i]!);
      maxX = Math.max(maxX, this.x[i]! + this.w[i]!);
      maxY = Math.max(maxY, this.y[i]! + this.h[i]!);
    }
    return minX === Infinity ? null : { minX, minY, maxX, maxY };
  }
}
