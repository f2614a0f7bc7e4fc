/**
 * Renumbering maps on the change path (old index → new, list position → item) are runs of
 * consecutive numbers: `ramp` writes one run as a native copy from a shared 0, 1, 2, … array
 * instead of a JavaScript loop per element (at 100,000 nodes and 150,000 links each such loop
 * cost ~1–2 ms of a one-node change).
 */
let counting = new Int32Array(0);

/** The numbers 0 … n − 1 (a shared array: read only). */
function countingTo(n: number): Int32Array {
  if (counting.length < n) {
    counting = new Int32Array(Math.max(n, Math.ceil(counting.length * 1.5), 1024));
    for (let i = 0; i < counting.length; i++) counting[i] = i;
  }
  return counting;
}

/** `out[at + k] = first + k` for k in 0 … length − 1. */
export function ramp(out: Int32Array, at: number, length: number, first: number): void {
  if (length <= 0) return;
  if (first < 0) {
    for (let k = 0; k < length; k++) out[at + k] = first + k;
    return;
  }
  out.set(countingTo(first + length).subarray(first, first + length), at);
}

/** A new array 0 … n − 1. */
export function identity(n: number): Int32Array {
  return countingTo(n).slice(0, n);
}
