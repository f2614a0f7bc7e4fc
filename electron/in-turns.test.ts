import { describe, expect, it } from 'vitest';
import type { Steps } from '../shared/engine';
import { inTurns } from './in-turns';

/** `count` steps of about `ms` milliseconds of busy work each; answers `count`. */
function* busy(count: number, ms: number, done: number[]): Steps<number> {
  for (let i = 0; i < count; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // busy, as a load is
    }
    done.push(i);
    yield;
  }
  return count;
}

describe('engine work in turns of the event loop (opening a large workspace)', () => {
  it('[S1] gives the event loop a turn once a slice of steps has run, and answers the result', async () => {
    const done: number[] = [];
    // A callback queued before the work starts runs in the first turn, not after all of it.
    let ranAfter = -1;
    setImmediate(() => (ranAfter = done.length));
    const result = await inTurns(busy(10, 3, done), 5);
    expect(result).toBe(10);
    expect(done).toHaveLength(10);
    // Steps of 3 ms in slices of 5 ms: the turn comes after the second step (or the first,
    // when the machine paused this one mid-step), well before the last.
    expect(ranAfter).toBeGreaterThanOrEqual(1);
    expect(ranAfter).toBeLessThanOrEqual(2);
  });

  it('[S1] runs short work in one go, and a step that throws rejects', async () => {
    const done: number[] = [];
    let ranAfter = -1;
    setImmediate(() => (ranAfter = done.length));
    expect(await inTurns(busy(3, 0, done), 1_000)).toBe(3);
    expect(ranAfter).toBe(-1); // no turn was needed
    function* failing(): Steps<number> {
      yield;
      throw new Error('the snapshot is torn');
    }
    await expect(inTurns(failing())).rejects.toThrow('the snapshot is torn');
  });
});
