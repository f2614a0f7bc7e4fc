import { describe, expect, it } from 'vitest';
import { batchAudience, toSnapshot, type Batch } from './index';
import { World } from './test-support/world';

/** Runs a command and captures its audience at once, as the service does. */
function runSeen(w: World, run: () => Batch) {
  const batch = run();
  const before = JSON.stringify(toSnapshot(w.state));
  const audience = batchAudience(w.state, batch);
  // Judging the before side must leave the workspace exactly as the batch left it.
  expect(JSON.stringify(toSnapshot(w.state))).toBe(before);
  return { batch, audience };
}

describe('[A4] a batch as each member may see it', () => {
  it('[A4] before-images are judged as of before the batch, after-images as of after', () => {
    const w = new World();
    const m = w.member('m');
    const n = w.member('n');
    const p = w.node({ title: 'Parent' });
    const x = w.node({ title: 'Under parent' });
    w.grant(p, m, 3, true);
    const link = w.link(x, p);
    // Trashing the link alone takes X out of M's branch: M is told the link went, not its
    // trashed image; N, who never saw either end, is told nothing.
    const { audience } = runSeen(w, () => w.run('link.trash', { id: link }));
    expect(audience.visibleTo(m)?.links).toEqual([
      expect.objectContaining({ before: expect.objectContaining({ id: link }), after: {} }),
    ]);
    expect(audience.visibleTo(n)).toBeNull();
    // Restoring it brings X back: the after-image only.
    const restored = runSeen(w, () => w.run('link.restore', { id: link })).audience;
    expect(restored.visibleTo(m)?.links).toEqual([
      expect.objectContaining({ before: {}, after: expect.objectContaining({ id: link }) }),
    ]);
    expect(restored.visibleTo(n)).toBeNull();
  });

  it('[A4] a purge, an emptied trash and an undone create are shown only to who saw the node', () => {
    const w = new World();
    const m = w.member('m');
    const n = w.member('n');
    const p = w.node({ title: 'Parent' });
    w.grant(p, m, 3, true);
    const seenByM = w.node({ title: 'Seen', target: p });
    const hidden = w.node({ title: 'Hidden' });
    for (const id of [seenByM, hidden]) w.run('node.trash', { id });
    const { audience } = runSeen(w, () => w.run('trash.empty', {}));
    const toM = JSON.stringify(audience.visibleTo(m));
    expect(toM).toContain(seenByM);
    expect(toM).not.toContain(hidden);
    expect(audience.visibleTo(n)).toBeNull();
    expect(JSON.stringify(audience.visibleTo(w.owner.id))).toContain(hidden);

    const created = w.run('node.create', { title: 'Draft', target: p });
    const undo = runSeen(w, () => w.run('history.undo', { batchId: created.batchId })).audience;
    expect(
      undo.visibleTo(m)?.nodes.some((e) => 'title' in e.before && e.before.title === 'Draft'),
    ).toBe(true);
    expect(undo.visibleTo(n)).toBeNull();
  });

  it('[A4] private links: only their owner sees them, the workspace owner included', () => {
    const w = new World();
    const m = w.member('m');
    const a = w.node({}, m);
    const b = w.node({}, m);
    const { audience } = runSeen(w, () =>
      w.run('link.create', { source: a, target: b, type: 1, private: true }, m),
    );
    expect(audience.visibleTo(m)?.links).toHaveLength(1);
    expect(audience.visibleTo(w.owner.id)).toBeNull();
  });
});
