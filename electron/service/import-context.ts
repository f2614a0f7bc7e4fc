/**
 * What an import's readers are given: fresh ids, the time, the person importing. Its own
 * module: the GraphML second-half thread (graphml-half-worker.ts) needs it and nothing else
 * of prepare-import.ts, whose engine would make that thread's bundle slower to start.
 */
import { randomUUID } from 'node:crypto';
import type { ImportContext } from '../../shared/exchange/types';
import type { Member } from '../../shared/model/types';

export function importContext(setup: { profile: Member }): ImportContext {
  return {
    newId: () => randomUUID(),
    now: () => new Date().toISOString(),
    owner: setup.profile,
  };
}
