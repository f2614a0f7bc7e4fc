import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isTempName } from './durable-fs';
import { openItems } from './test-support/open-items';
import { spawnScript } from './test-support/spawn-child';
import { tempDirs } from './test-support/temp-dirs';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const ROUNDS = 24;

describe('[S1] SIGKILL during a burst of writes', () => {
  it(`[S1] every acknowledged batch survives ${ROUNDS} kills at random points, in order, with no temp file left`, async () => {
    const dir = dirs.make('kill');
    const acked: string[] = [];
    let tempFilesSeen = 0;
    let compactionsSeen = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate where compaction runs; worker rounds run longer so its compactions complete.
      const mode = round % 2 === 0 ? 'inline' : 'worker';
      const run = spawnScript('writer-child.ts', [dir, `r${round}`, mode]);
      expect(
        await run.waitFor('ready'),
        `round ${round} did not start: ${run.lines.join('|')}`,
      ).toBe(true);
      const window = mode === 'inline' ? 200 : 450;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * window));
      run.child.kill('SIGKILL');
      await run.exited;
      const roundAcks = run.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
      expect(run.lines.filter((l) => l.includes('error'))).toEqual([]);
      acked.push(...roundAcks);

      const before = readdirSync(dir);
      tempFilesSeen += before.filter(isTempName).length;
      const opened = await openItems(dir);
      expect(opened.problems.filter((p) => p.severity !== 'info')).toEqual([]);
      expect(readdirSync(dir).filter(isTempName)).toEqual([]);
      const present = new Set(Object.keys(opened.state.items));
      expect(acked.filter((id) => !present.has(id))).toEqual([]);
      // What survived of this round is a prefix of the order the appends were made in.
      const survived = [...present]
        .filter((id) => id.startsWith(`r${round}-`))
        .map((id) => Number(id.split('-')[1]));
      expect(survived.sort((a, b) => a - b)).toEqual(survived.map((_, i) => i));
      expect(survived.length).toBeGreaterThanOrEqual(roundAcks.length);
      if (opened.snapshot !== null) compactionsSeen++;
      await opened.store.close();
    }
    console.info(
      `[S1] kill test: ${ROUNDS} rounds, ${acked.length} acknowledged batches all recovered; ` +
        `${tempFilesSeen} temp files found after kills (removed on open); snapshot present after ${compactionsSeen} rounds`,
    );
    expect(acked.length).toBeGreaterThan(ROUNDS * 5);
  }, 90_000);
});
