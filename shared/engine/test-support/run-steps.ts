import type { Steps } from '../steps';

/** Runs `steps` to the end (as `drain` does) and says how many times it yielded on the way. */
export function runCounting<R>(steps: Steps<R>): { value: R; yields: number } {
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, yields };
    yields++;
  }
}
