/**
 * [N2] [L4] Blocking cascades through every level (SynapTask: Blocked is "at least one child
 * connected via a primary link whose status is not 3", whatever the parent's own status, and
 * a link's batch records the "cascading blocking of ancestors"). Every command that changes
 * blocking moves a whole chain in one batch, and each released node returns to the status it
 * had when it became Blocked.
 */
import { describe, expect, it } from 'vitest';
import type { Batch } from './index';
import { blockerChain, fromSnapshot, toSnapshot } from './index';
import { deriveAllStatuses } from './status';
import { checkInvariants } from './test-support/invariants';
import { World } from './test-support/world';

/** Node ids whose status the batch changed, with before → after. */
function statusMoves(batch: Batch): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const e of batch.nodes) {
    const before = e.before as { id?: string; status?: number };
    const after = e.after as { id?: string; status?: number };
    if (before.status !== undefined && after.status !== undefined && before.status !== after.status)
      out.set(after.id ?? '', [before.status, after.status]);
  }
  return out;
}

/** A Completed chain c[0] → c[1] → … (plain primary links: each blocks the next). */
function completedChain(w: World, length: number, status: 0 | 1 | 3 = 3): string[] {
  const ids = Array.from({ length }, (_, i) => w.node({ title: `C${i}`, status }));
  for (let i = 0; i + 1 < length; i++) w.link(ids[i] as string, ids[i + 1] as string);
  return ids;
}

describe('[N2] cascades through every level', () => {
  it('[N2] linking an unfinished task under a Completed chain re-blocks every level in one batch; completing it releases them', () => {
    const w = new World();
    const chain = completedChain(w, 4);
    expect(chain.map((id) => w.status(id))).toEqual([3, 3, 3, 3]);
    const t = w.node({ title: 'T' });
    const add = w.run('link.create', { source: t, target: chain[0] as string });
    expect(chain.map((id) => w.status(id))).toEqual([2, 2, 2, 2]);
    const moves = statusMoves(add);
    expect([...moves.keys()].sort()).toEqual([...chain].sort());
    for (const id of chain) expect(moves.get(id)).toEqual([3, 2]);
    // [L4] every link of the chain now blocks.
    for (const l of w.state.links.values()) expect(l.rec.was_blocker).toBe(true);
    // "Why is the top blocked?" walks down to T.
    const why = blockerChain(w.state, chain[3] as string);
    expect(why.ok && why.value.chain.map((s) => s.blocker)).toEqual([
      chain[2],
      chain[1],
      chain[0],
      t,
    ]);

    const done = w.run('node.update', { id: t, status: 3 });
    expect(chain.map((id) => w.status(id))).toEqual([3, 3, 3, 3]);
    const released = statusMoves(done);
    for (const id of chain) expect(released.get(id)).toEqual([2, 3]);
    expect(released.get(t)).toEqual([0, 3]);
    expect(released.size).toBe(5);
    // [L4] the blocked nodes are Completed again: no link counts as a blocker.
    for (const l of w.state.links.values()) expect(l.rec.was_blocker).toBe(false);
    expect(checkInvariants(w.state)).toEqual([]);
  });

  it('[N2] each released node returns to the status it had when it became Blocked', () => {
    const w = new World();
    // A(3) → B(3) → C(1), and C → D(0): C and D are unfinished, so D is Blocked already.
    const a = w.node({ status: 3 });
    const b = w.node({ status: 3 });
    const c = w.node({ status: 1 });
    const d = w.node({ status: 0 });
    w.link(a, b);
    w.link(b, c);
    w.link(c, d);
    expect([a, b, c, d].map((id) => w.status(id))).toEqual([3, 3, 1, 2]);
    const t = w.node();
    const add = w.run('link.create', { source: t, target: a });
    expect([a, b, c, d].map((id) => w.status(id))).toEqual([2, 2, 2, 2]);
    // D was already Blocked (C is unfinished either way): the walk stops changing it.
    expect(statusMoves(add).has(d)).toBe(false);
    w.run('node.trash', { id: t });
    expect([a, b, c, d].map((id) => w.status(id))).toEqual([3, 3, 1, 2]);
  });

  it('[N2] a Blocked node is unfinished: its own blocked nodes stay Blocked until it is released', () => {
    const w = new World();
    const [a, b] = completedChain(w, 2) as [string, string];
    const t = w.node();
    w.link(t, a);
    // B is Completed underneath but Blocked, so it cannot be completed or changed by hand.
    expect(w.fail('node.update', { id: b, status: 3 }).code).toBe('bad_request.node_blocked');
    expect(w.fail('node.update', { id: a, status: 1 }).code).toBe('bad_request.node_blocked');
  });

  it('[N2] diamonds: a node with two blocked blockers is released only when both are', () => {
    //   T → A(3) ↘
    //              C(3) → D(3)
    //   U → B(3) ↗
    const w = new World();
    const [a, b, c, d] = [3, 3, 3, 3].map(() => w.node({ status: 3 })) as [
      string,
      string,
      string,
      string,
    ];
    w.link(a, c);
    w.link(b, c);
    w.link(c, d);
    const t = w.node({ title: 'T' });
    const u = w.node({ title: 'U' });
    const first = w.run('link.create', { source: t, target: a });
    expect([a, b, c, d].map((id) => w.status(id))).toEqual([2, 3, 2, 2]);
    expect([...statusMoves(first).keys()].sort()).toEqual([a, c, d].sort());
    const second = w.run('link.create', { source: u, target: b });
    // C and D were Blocked already: only B moves.
    expect([...statusMoves(second).keys()]).toEqual([b]);
    const release = w.run('node.update', { id: t, status: 3 });
    expect([...statusMoves(release).keys()].sort()).toEqual([t, a].sort());
    expect([a, b, c, d].map((id) => w.status(id))).toEqual([3, 2, 2, 2]);
    w.run('node.update', { id: u, status: 3 });
    expect([a, b, c, d].map((id) => w.status(id))).toEqual([3, 3, 3, 3]);
    expect(checkInvariants(w.state)).toEqual([]);
  });

  it('[N2] [N3] a non-dependent node ends the cascade: never Blocked, it keeps blocking while unfinished', () => {
    const w = new World();
    const a = w.node({ status: 3 });
    const x = w.node({ status: 3, dependent: false });
    const b = w.node({ status: 3 });
    const ax = w.link(a, x); // onto a non-dependent node the default primary turns secondary
    w.link(x, b);
    expect(w.l(ax).type).toBe(1);
    const t = w.node();
    w.link(t, a);
    expect([a, x, b].map((id) => w.status(id))).toEqual([2, 3, 3]);
    // An unfinished non-dependent node in a chain blocks what it blocks, and is never Blocked.
    const y = w.node({ status: 1, dependent: false });
    const c = w.node({ status: 3 });
    const d = w.node({ status: 3 });
    w.link(y, c);
    w.link(c, d);
    expect([y, c, d].map((id) => w.status(id))).toEqual([1, 2, 2]);
    w.run('node.update', { id: y, status: 3 });
    expect([y, c, d].map((id) => w.status(id))).toEqual([3, 3, 3]);
  });

  it('[N2] chains whose links run either way (target-blocker types) cascade the same', () => {
    // is_parent_of: the parent (source) waits for its child (target).
    const w = new World();
    const grand = w.node({ status: 3 });
    const parent = w.node({ status: 3 });
    const child = w.node({ status: 3 });
    w.link(grand, parent, { link_type: 'is_parent_of' });
    w.link(parent, child, { link_type: 'is_parent_of' });
    const task = w.node();
    w.link(child, task, { link_type: 'is_parent_of' });
    expect([grand, parent, child].map((id) => w.status(id))).toEqual([2, 2, 2]);
    w.run('node.update', { id: task, status: 3 });
    expect([grand, parent, child].map((id) => w.status(id))).toEqual([3, 3, 3]);
  });
});

describe('[N2] every command that changes blocking moves the whole chain', () => {
  function setup() {
    const w = new World();
    const chain = completedChain(w, 3);
    const t = w.node({ title: 'T', status: 1 });
    const link = w.link(t, chain[0] as string);
    const statuses = () => chain.map((id) => w.status(id));
    expect(statuses()).toEqual([2, 2, 2]);
    return { w, chain, t, link, statuses };
  }

  it('[N2] [L6] link.update to secondary releases the chain, back to primary re-blocks it', () => {
    const { w, link, statuses } = setup();
    w.run('link.update', { id: link, type: 1 });
    expect(statuses()).toEqual([3, 3, 3]);
    w.run('link.update', { id: link, type: 0 });
    expect(statuses()).toEqual([2, 2, 2]);
  });

  it('[N2] link.trash releases, link.restore re-blocks, link.purge keeps it released', () => {
    const { w, link, statuses } = setup();
    w.run('link.trash', { id: link });
    expect(statuses()).toEqual([3, 3, 3]);
    w.run('link.restore', { id: link });
    expect(statuses()).toEqual([2, 2, 2]);
    w.run('link.trash', { id: link });
    w.run('link.purge', { id: link });
    expect(statuses()).toEqual([3, 3, 3]);
  });

  it('[N2] [R2] drawing the trashed link again restores it and re-blocks the chain', () => {
    const { w, t, chain, link, statuses } = setup();
    w.run('link.trash', { id: link });
    const again = w.run('link.create', { source: t, target: chain[0] as string });
    expect(again.links.some((e) => e.op === 13)).toBe(true);
    expect(statuses()).toEqual([2, 2, 2]);
  });

  it('[N2] [L7] link.swap releases the old blocked side and blocks the new one', () => {
    const { w, t, link, statuses } = setup();
    w.run('link.swap', { id: link });
    // C0 now blocks T; C0 is finished again, so T is not Blocked.
    expect(statuses()).toEqual([3, 3, 3]);
    expect(w.status(t)).toBe(1);
    w.run('link.swap', { id: link });
    expect(statuses()).toEqual([2, 2, 2]);
  });

  it('[N2] node.status, node.trash, node.restore and node.purge of the unfinished task', () => {
    const { w, t, statuses } = setup();
    w.run('node.update', { id: t, status: 3 });
    expect(statuses()).toEqual([3, 3, 3]);
    w.run('node.update', { id: t, status: 0 });
    expect(statuses()).toEqual([2, 2, 2]);
    w.run('node.trash', { id: t });
    expect(statuses()).toEqual([3, 3, 3]);
    w.run('node.restore', { id: t });
    expect(statuses()).toEqual([2, 2, 2]);
    w.run('node.trash', { id: t });
    w.run('node.purge', { id: t });
    expect(statuses()).toEqual([3, 3, 3]);
  });

  it('[N2] turning a node of the chain non-dependent releases what is above it', () => {
    const { w, chain, statuses } = setup();
    w.run('node.update', { id: chain[1] as string, dependent: false });
    expect(statuses()).toEqual([2, 3, 3]);
    w.run('node.update', { id: chain[1] as string, dependent: true });
    expect(statuses()).toEqual([2, 2, 2]);
  });

  it('[N2] [P1] replace moves the blocking from one chain to another in one batch', () => {
    const { w, t, chain, link, statuses } = setup();
    const other = completedChain(w, 2);
    const batch = w.run('link.replace', { id: link, source: t, target: other[0] as string });
    expect(statuses()).toEqual([3, 3, 3]);
    expect(other.map((id) => w.status(id))).toEqual([2, 2]);
    expect([...statusMoves(batch).keys()].sort()).toEqual([...chain, ...other].sort());
  });

  it('[N2] [H2] undo of the link releases the chain in one batch, redo re-blocks it', () => {
    const w = new World();
    const chain = completedChain(w, 3);
    const t = w.node();
    const add = w.run('link.create', { source: t, target: chain[0] as string });
    const undo = w.run('history.undo', { batchId: add.batchId });
    expect(chain.map((id) => w.status(id))).toEqual([3, 3, 3]);
    expect([...statusMoves(undo).keys()].sort()).toEqual([...chain].sort());
    const redo = w.run('history.redo', { batchId: add.batchId });
    expect(chain.map((id) => w.status(id))).toEqual([2, 2, 2]);
    expect([...statusMoves(redo).keys()].sort()).toEqual([...chain].sort());
    // Undo of a completion re-blocks; its redo releases again.
    const done = w.run('node.update', { id: t, status: 3 });
    expect(chain.map((id) => w.status(id))).toEqual([3, 3, 3]);
    w.run('history.undo', { batchId: done.batchId });
    expect(chain.map((id) => w.status(id))).toEqual([2, 2, 2]);
    w.run('history.redo', { batchId: done.batchId });
    expect(chain.map((id) => w.status(id))).toEqual([3, 3, 3]);
    expect(checkInvariants(w.state)).toEqual([]);
  });

  it('[N2] a loaded (imported) graph derives the cascade from scratch and remembers what each node resumes', () => {
    const w = new World();
    const chain = completedChain(w, 3);
    const t = w.node();
    w.link(t, chain[0] as string);
    // A file that says every node of the chain is Completed (as an export of another tool
    // might): loading derives Blocked through every level, resuming Completed.
    const snap = toSnapshot(w.state);
    const file = {
      ...snap,
      nodes: snap.nodes.map((n) => (chain.includes(n.id) ? { ...n, status: 3 as const } : n)),
      resume_status: {},
    };
    const loaded = fromSnapshot(JSON.parse(JSON.stringify(file)));
    if (!loaded.ok) throw new Error(loaded.error.message);
    for (const id of chain) {
      expect(loaded.value.nodes.get(id)?.rec.status).toBe(2);
      expect(loaded.value.nodes.get(id)?.base).toBe(3);
    }
    expect(checkInvariants(loaded.value)).toEqual([]);
  });
});

describe('[N2] long chains', () => {
  it('[N2] a 1,000-level Completed chain is re-blocked and released by one link, one batch each way', () => {
    const w = new World();
    const chain = completedChain(w, 1000);
    const t = w.node();
    const add = w.run('link.create', { source: t, target: chain[0] as string });
    expect(statusMoves(add).size).toBe(1000);
    expect(w.status(chain[999] as string)).toBe(2);
    const release = w.run('link.trash', { id: add.links[0]?.after.id as string });
    expect(statusMoves(release).size).toBe(1000);
    expect(w.status(chain[999] as string)).toBe(3);
    expect(checkInvariants(w.state)).toEqual([]);
  });

  it('[N2] the from-scratch derivation walks a 20,000-level chain without overflowing the stack (both derivations)', () => {
    const w = new World();
    const chain = completedChain(w, 20_000);
    const t = w.node();
    w.link(t, chain[0] as string);
    const loaded = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(w.state))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const top = loaded.value.nodes.get(chain[19_999] as string);
    expect(top?.rec.status).toBe(2);
    // The order-free oracle walks it too.
    expect(top && deriveAllStatuses(loaded.value).get(top)).toBe(2);
  });
});
