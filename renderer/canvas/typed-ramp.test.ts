/** The change path's renumbering runs (typed-ramp.ts) equal the loops they replace. */
import { describe, expect, it } from 'vitest';
import { identity, ramp } from './typed-ramp';

describe('ramp', () => {
  it('[H1] writes runs of consecutive numbers, past the shared array and from negatives', () => {
    const out = new Int32Array(5000).fill(-7);
    ramp(out, 10, 20, 3000); // grows the shared counting array on the way
    ramp(out, 40, 5, 0);
    ramp(out, 100, 3, -2);
    ramp(out, 200, 0, 9);
    const want = new Int32Array(5000).fill(-7);
    for (let k = 0; k < 20; k++) want[10 + k] = 3000 + k;
    for (let k = 0; k < 5; k++) want[40 + k] = k;
    for (let k = 0; k < 3; k++) want[100 + k] = -2 + k;
    expect(out).toEqual(want);
    expect(Array.from(identity(6))).toEqual([0, 1, 2, 3, 4, 5]);
    const own = identity(4);
    own[0] = 99; // a copy: the shared numbers stay
    expect(Array.from(identity(4))).toEqual([0, 1, 2, 3]);
  });
});
