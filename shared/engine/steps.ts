/**
 * Long jobs in steps: a generator that yields between parts of its work (a load of 100,000
 * nodes yields every RECORDS_PER_STEP records), so a caller with an event loop to keep free can
 * give it a turn between steps (electron/in-turns.ts), and any other caller runs it to
 * the end at once with `drain`. One implementation either way: the engine stays pure, and a
 * rule is never restated for the stepped path.
 */
export type Steps<R> = Generator<void, R, void>;

/** Records a stepped loop handles between two yields (a few milliseconds of work). */
export const RECORDS_PER_STEP = 2_000;

/** Runs `steps` to the end and answers what it returns. */
export function drain<R>(steps: Steps<R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
