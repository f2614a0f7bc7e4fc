/**
 * [S1] Every change the service acknowledged survives a SIGKILL, with several writers in
 * flight at once and compactions running: a child process runs the service (as headless serve
 * does) with concurrent writers and is killed at a random moment; the service is then started
 * again on the same folder and every acknowledged node must be there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnScript } from './test-support/spawn-child';

const dataDir = mkdtempSync(join(tmpdir(), 'lg-service-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const ROUNDS = 10;

describe('[S1] SIGKILL while several writers use the service', () => {
  it(`[S1] every acknowledged change of 6 concurrent writers survives ${ROUNDS} kills, each writer's changes in order`, async () => {
    const acked: string[] = [];
    /** Checks what a restarted service opened: every change acknowledged so far, in order. */
    const check = (
      label: string,
      opened: { titles: string[] | null; problems: string[] | null },
    ) => {
      expect(opened.problems, label).toEqual([]);
      const present = new Set(opened.titles ?? []);
      expect(opened.titles, label).not.toBeNull();
      expect(
        acked.filter((title) => !present.has(title)),
        label,
      ).toEqual([]);
      // Each writer's surviving changes are a prefix of the ones it made.
      for (const title of acked) {
        const [round, lane, n] = title.split('-');
        if (Number(n) > 0)
          expect(present.has(`${round}-${lane}-${Number(n) - 1}`), title).toBe(true);
      }
    };
    for (let round = 0; round <= ROUNDS; round++) {
      // Each round's child starts the service again on the folder the last one was killed in.
      const run = spawnScript('service-writer-child.ts', [dataDir, `r${round}`]);
      expect(await run.waitFor('ready'), `round ${round}: ${run.lines.join('|')}`).toBe(true);
      const opened = run.lines.find((l) => l.startsWith('opened '));
      check(`restart ${round}`, JSON.parse(opened?.slice(7) ?? '{}'));
      if (round === ROUNDS) {
        run.child.kill('SIGKILL');
        await run.exited;
        break;
      }
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 400));
      run.child.kill('SIGKILL');
      await run.exited;
      expect(run.lines.filter((l) => l.includes('error'))).toEqual([]);
      acked.push(...run.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)));
    }
    console.info(
      `[S1] service kill test: ${ROUNDS} rounds, ${acked.length} acknowledged changes all present`,
    );
    expect(acked.length).toBeGreaterThan(ROUNDS * 6);
  }, 60_000);
});
