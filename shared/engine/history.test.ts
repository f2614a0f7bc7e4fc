import { describe, expect, it } from 'vitest';
import { Op, toSnapshot } from './index';
import { World } from './test-support/world';

const snap = (w: World) => {
  const s = toSnapshot(w.state);
  return JSON.stringify({ ...s, history: undefined, counters: undefined });
};

describe('history', () => {
  it('[H1] a batch has the seed-004 shape and lists the direct change and every cascade', () => {
    const w = new World();
    const a = w.node();
    const b = w.node({ status: 1 });
    const batch = w.run('link.create', { source: a, target: b });
    expect(Object.keys(batch).sort()).toEqual(
      ['access', 'actor', 'batchId', 'link_types', 'links', 'nodes', 'ts', 'user'].sort(),
    );
    expect(batch.actor).toEqual({ id: w.owner.id, username: 'owner', email: 'owner@example.com' });
    expect(batch.links).toHaveLength(1);
    expect(batch.links[0]?.op).toBe(Op.LINK_ADD);
    expect(batch.links[0]?.before).toEqual({});
    expect(batch.links[0]?.after).toMatchObject({
      source: a,
      target: b,
      type: 0,
      version: 1,
      was_blocker: true,
    });
    expect(batch.nodes).toEqual([
      {
        op: Op.NODE_STATUS,
        before: {
          id: b,
          status: 1,
          version: 1,
          last_edited_time: w.n(b).created_time,
        },
        after: { id: b, status: 2, version: 2, last_edited_time: batch.ts },
      },
    ]);
    expect(batch.user).toEqual([]);
    expect(batch.access).toEqual([]);
    expect(Op).toMatchObject({ NODE_ADD: 0, NODE_STATUS: 2, LINK_SWAP: 15, ACCESS_REVOKE: 21 });
  });

  it('[H2] undo applies the inverse, redo re-applies; both are batches with undoOf / redoOf', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const before = snap(w);
    const created = w.run('link.create', { source: a, target: b });
    const after = snap(w);
    const undo = w.run('history.undo', { batchId: created.batchId });
    expect(undo.undoOf).toBe(created.batchId);
    expect(undo.links[0]).toMatchObject({ op: Op.LINK_PURGE, after: {} });
    expect(snap(w)).toBe(before);
    const redo = w.run('history.redo', { batchId: created.batchId });
    expect(redo.redoOf).toBe(created.batchId);
    expect(snap(w)).toBe(after);
    expect(w.status(b)).toBe(2);
  });

  it('[H2] undo twice is already_undone; redo of a done batch is not_undone', () => {
    const w = new World();
    const a = w.node();
    const created = w.run('node.update', { id: a, title: 'x' });
    expect(w.fail('history.redo', { batchId: created.batchId }).code).toBe('conflict.not_undone');
    const undo = w.run('history.undo', { batchId: created.batchId });
    expect(w.fail('history.undo', { batchId: created.batchId }).code).toBe(
      'conflict.already_undone',
    );
    // Naming the undo batch stands for the original.
    expect(w.fail('history.undo', { batchId: undo.batchId }).code).toBe('conflict.already_undone');
    w.run('history.redo', { batchId: undo.batchId });
    expect(w.n(a).title).toBe('x');
  });

  it('[H2] undo is refused with version_conflict when a touched entity changed since, cascade nodes included', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const created = w.run('link.create', { source: a, target: b });
    w.run('node.update', { id: b, title: 'changed' }); // b was in the batch (its status)
    const e = w.fail('history.undo', { batchId: created.batchId });
    expect(e).toMatchObject({ code: 'conflict.version_conflict', status: 409, object_ids: [b] });
  });

  it('[H2] redo is refused with version_conflict when a touched entity changed after the undo', () => {
    const w = new World();
    const a = w.node();
    const upd = w.run('node.update', { id: a, title: 'one' });
    w.run('history.undo', { batchId: upd.batchId });
    w.run('node.update', { id: a, title: 'two' });
    expect(w.fail('history.redo', { batchId: upd.batchId })).toMatchObject({
      code: 'conflict.version_conflict',
      object_ids: [a],
    });
  });

  it('[H2] undoing a run of batches in reverse order returns exactly the initial state', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    const initial = snap(w);
    const batches = [
      w.run('link.create', { source: a, target: b }),
      w.run('link.create', { source: b, target: c, link_type: 'is_related_to', type: 0 }),
      w.run('node.update', { id: a, status: 3 }),
      w.run('node.trash', { id: b }),
      w.run('node.restore', { id: b }),
      w.run('link.swap', { id: (w.state.links.values().next().value?.rec.id ?? '') as string }),
    ];
    for (const batch of [...batches].reverse()) w.run('history.undo', { batchId: batch.batchId });
    expect(snap(w)).toBe(initial);
    for (const batch of batches) w.run('history.redo', { batchId: batch.batchId });
    expect(w.status(c)).toBe(2);
  });

  it('[H2] an undo that would break a rule of today is refused and changes nothing', () => {
    const w = new World();
    const p1 = w.node();
    const child = w.node();
    const id = w.link(p1, child, { link_type: 'is_parent_of' });
    const trashed = w.run('link.trash', { id });
    w.link(w.node(), child, { link_type: 'is_parent_of' });
    expect(w.fail('history.undo', { batchId: trashed.batchId }).code).toBe(
      'bad_request.artifact_already_attached_to_a_parent',
    );
  });

  it('[H2] an undo that would close a primary cycle is refused and changes nothing', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b);
    const trashed = w.run('link.trash', { id });
    const c = w.node();
    w.link(b, c);
    w.link(c, a);
    expect(w.fail('history.undo', { batchId: trashed.batchId }).code).toBe('conflict.cycle');
    // The topological order is intact: the same cycle is still found the ordinary way.
    expect(w.fail('link.restore', { id }).code).toBe('conflict.cycle');
    expect([w.status(a), w.status(b), w.status(c)]).toEqual([2, 0, 2]);
  });

  it('[H2] only the author or the workspace owner undoes a batch', () => {
    const w = new World();
    const m = w.member('m');
    const x = w.member('x');
    const n = w.node({}, m);
    w.grant(n, x, 2);
    const b = w.run('node.update', { id: n, title: 't' }, m);
    expect(w.fail('history.undo', { batchId: b.batchId }, x).code).toBe('forbidden.forbidden');
    w.run('history.undo', { batchId: b.batchId }, m);
  });

  it('[H2] retention is bounded: batches past the limit cannot be undone', () => {
    const w = new World(3);
    const a = w.node();
    const first = w.run('node.update', { id: a, title: '1' });
    for (const t of ['2', '3', '4']) w.run('node.update', { id: a, title: t });
    expect(w.state.history.batches).toHaveLength(3);
    expect(w.fail('history.undo', { batchId: first.batchId }).code).toBe(
      'not_found.batch_not_found',
    );
  });

  it("[H2] one member's changes never push another member's batches out of the bounded history", () => {
    const w = new World(20);
    const m = w.member('m');
    const mine = w.node({}, m);
    const own = w.node();
    const ownerBatches = ['a', 'b', 'c'].map((t) => w.run('node.update', { id: own, title: t }));
    // M alternates undo and redo of its own change (the reported flood), then edits on.
    const flood = w.run('node.update', { id: mine, title: 'flood' }, m);
    for (let i = 0; i < 6; i++)
      w.run(i % 2 === 0 ? 'history.undo' : 'history.redo', { batchId: flood.batchId }, m);
    for (let i = 0; i < 40; i++) w.run('node.update', { id: mine, title: `m${i}` }, m);
    expect(w.state.history.batches).toHaveLength(20);
    for (const b of ownerBatches) expect(w.state.history.byId.has(b.batchId)).toBe(true);
    // The owner can still undo all of them, newest first.
    for (const b of [...ownerBatches].reverse()) w.run('history.undo', { batchId: b.batchId });
    expect(w.n(own).title).toBe('');
    // M's own flood evicted M's own oldest batches, in order.
    const kept = w.state.history.batches.filter((b) => b.actor.id === m);
    expect(kept.length).toBeGreaterThan(0);
    expect(w.state.history.byId.has(flood.batchId)).toBe(false);
  });

  it('[H2] grants are undone too', () => {
    const w = new World();
    const m = w.member('m');
    const n = w.node();
    const g = w.run('access.grant', { node: n, member: m, level: 2, branch: false });
    w.run('history.undo', { batchId: g.batchId });
    expect(w.state.grants.get(m)?.get(n)).toBe(undefined);
    w.run('history.redo', { batchId: g.batchId });
    expect(w.state.grants.get(m)?.get(n)?.level).toBe(2);
  });
});

describe('[H2] [R1] undo next to a trashed node', () => {
  it('[H2] [R1] undoing a link trash after its node went to trash is refused (restore the node first); nothing changes', () => {
    const w = new World();
    const a = w.node({ title: 'Alpha' });
    const b = w.node();
    const l = w.link(a, b);
    const trashed = w.run('link.trash', { id: l });
    w.run('node.trash', { id: a });
    const e = w.fail('history.undo', { batchId: trashed.batchId });
    expect(e.code).toBe('bad_request.source_in_trash');
    expect(e.message).toContain('Alpha');
    expect(w.l(l).in_trash).toBe(true);
    // Restoring the node brings its links back with it (R1, docs/engine.md), this one too.
    w.run('node.restore', { id: a });
    expect(w.l(l).in_trash).toBe(false);
  });
});
