import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Steps } from '../../shared/engine';
import { WorkspaceSession } from './workspace-session';

const owner = {
  id: '00000000-0000-4000-8000-0000000000aa',
  username: 'me',
  email: 'me@example.com',
};
const root = mkdtempSync(join(tmpdir(), 'lg-read-in-turns-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a read in turns of the event loop (a plan export of 100,000 nodes)', () => {
  it('[S1] no write lands between its turns: a write asked meanwhile waits, and the read sees one moment', async () => {
    const opened = await WorkspaceSession.open('ws-r', join(root, 'ws-r'), { owner });
    if (!opened.ok) throw new Error(opened.error.message);
    const session = opened.value;
    const order: string[] = [];
    const seen: number[] = [];
    const read = session.readInTurns(function* (): Steps<number> {
      for (let i = 0; i < 5; i++) {
        seen.push(session.state.nodes.size);
        // Long enough for the event loop to get its turn (in-turns.ts' slices are 12 ms).
        const until = performance.now() + 15;
        while (performance.now() < until) {
          // busy, as a large view is
        }
        yield;
      }
      order.push('read');
      return session.state.nodes.size;
    });
    // Asked while the read is under way (its first turn comes within ~15 ms).
    await new Promise((r) => setTimeout(r, 5));
    const write = session
      .run(owner.id, { name: 'node.create', params: { title: 'Made meanwhile' } })
      .then((r) => {
        order.push('write');
        return r;
      });
    const [size, written] = await Promise.all([read, write]);
    expect(written.ok).toBe(true);
    expect(order).toEqual(['read', 'write']);
    expect(new Set(seen)).toEqual(new Set([size]));
    expect(session.state.nodes.size).toBe(size + 1);
    await session.close();
  });
});
