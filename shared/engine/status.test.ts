import { describe, expect, it } from 'vitest';
import { blockerChain } from './index';
import { World } from './test-support/world';

describe('blocked status and cascades', () => {
  it('[N2] a primary plain link blocks its target while the source is not Completed', () => {
    const w = new World();
    const a = w.node({ title: 'A' });
    const b = w.node({ title: 'B', status: 1 });
    const batch = w.run('link.create', { source: a, target: b });
    expect(w.status(b)).toBe(2);
    const e = batch.nodes.find((x) => x.op === 2);
    expect(e?.before).toMatchObject({ id: b, status: 1, version: 1 });
    expect(e?.after).toMatchObject({ id: b, status: 2, version: 2 });
    w.run('node.update', { id: a, status: 3 });
    expect(w.status(b)).toBe(1); // returns to the status it had before (InProgress)
  });

  it('[N2] a secondary link never blocks', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    w.link(a, b, { type: 1 });
    expect(w.status(b)).toBe(0);
  });

  it('[N2] [L4] a Completed node is Blocked when an unfinished blocker is linked to it, and resumes Completed', () => {
    const w = new World();
    const a = w.node();
    const b = w.node({ status: 3 });
    const id = w.link(a, b);
    expect(w.status(b)).toBe(2);
    expect(w.state.nodes.get(b)?.base).toBe(3);
    expect(w.l(id).was_blocker).toBe(true);
    w.run('node.update', { id: a, status: 3 });
    expect(w.status(b)).toBe(3);
    expect(w.l(id).was_blocker).toBe(false); // its blocked node is Completed again
  });

  it('[N3] completing a Blocked node is refused with node_blocked naming a blocker', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b);
    const e = w.fail('node.update', { id: b, status: 3 });
    expect(e.code).toBe('bad_request.node_blocked');
    expect(e.status).toBe(400);
    expect(e.object_ids).toEqual([a, id]);
  });

  it('[N3] node_blocked lists every blocker by display id and title; one the actor cannot see is only counted', () => {
    const w = new World();
    const api = w.node({ title: 'Build API' });
    const design = w.node({ title: 'Design schema' });
    const spec = w.node({ title: 'Write spec' });
    const secret = w.node({ title: 'Secret' });
    const toDesign = w.link(design, api);
    w.link(spec, api);
    const e = w.fail('node.update', { id: api, status: 3 });
    expect(e.message).toBe(
      'TASK-1 Build API is blocked by TASK-2 Design schema and TASK-3 Write spec.',
    );
    expect(e.object_ids).toEqual([design, toDesign]);
    w.link(secret, api);
    const m = w.member('m');
    w.grant(api, m, 2);
    w.grant(design, m, 3);
    const seen = w.fail('node.update', { id: api, status: 3 }, m);
    expect(seen.message).toBe(
      'TASK-1 Build API is blocked by TASK-2 Design schema and 2 nodes you cannot see.',
    );
    expect(seen.message).not.toContain('Secret');
  });

  it('[N3] a node with dependent: false is never Blocked', () => {
    const w = new World();
    const a = w.node();
    const b = w.node({ dependent: false });
    const id = w.link(a, b, {});
    expect(w.l(id).type).toBe(1); // a default primary link quietly becomes secondary
    expect(w.status(b)).toBe(0);
    expect(w.fail('link.create', { source: w.node(), target: b, type: 0 }).code).toBe(
      'bad_request.target_independent',
    );
  });

  it('[N2] turning dependent off releases a Blocked node, turning it on blocks it again', () => {
    const w = new World();
    const a = w.node();
    const b = w.node({ status: 1 });
    w.link(a, b);
    w.run('node.update', { id: b, dependent: false });
    expect(w.status(b)).toBe(1);
    w.run('node.update', { id: b, dependent: true });
    expect(w.status(b)).toBe(2);
  });

  it('[N2] a cascade several levels deep, with non-dependent nodes in the chain, stops changing where nothing changes', () => {
    // A → B → X(dependent:false) → C → D : every link primary, source blocks target.
    const w = new World();
    const a = w.node({ title: 'A' });
    const b = w.node({ title: 'B' });
    const x = w.node({ title: 'X', dependent: false });
    const c = w.node({ title: 'C' });
    const d = w.node({ title: 'D', status: 1 });
    w.link(a, b);
    const bx = w.link(b, x);
    w.link(x, c);
    w.link(c, d);
    expect([a, b, x, c, d].map((id) => w.status(id))).toEqual([0, 2, 0, 2, 2]);
    expect(w.l(bx).type).toBe(1); // X is independent: the link into it is secondary
    // "Why is D blocked?" walks the chain back to the first unfinished node.
    const chain = blockerChain(w.state, d);
    expect(chain.ok && chain.value.chain.map((s) => [s.depth, s.blocker])).toEqual([
      [1, c],
      [2, x],
    ]);
    // Completing A unblocks B only: C is still blocked by X, D by C.
    const done = w.run('node.update', { id: a, status: 3 });
    expect(done.nodes.map((e) => (e.after as { id: string }).id).sort()).toEqual([a, b].sort());
    expect([b, x, c, d].map((id) => w.status(id))).toEqual([0, 0, 2, 2]);
    w.run('node.update', { id: b, status: 3 });
    w.run('node.update', { id: x, status: 3 });
    expect(w.status(c)).toBe(0);
    expect(w.status(d)).toBe(2);
    w.run('node.update', { id: c, status: 3 });
    expect(w.status(d)).toBe(1);
  });

  it('[N2] un-completing a blocker blocks again everything it blocks', () => {
    const w = new World();
    const a = w.node({ status: 3 });
    const kids = [w.node(), w.node(), w.node()];
    for (const k of kids) w.link(a, k);
    expect(kids.map((k) => w.status(k))).toEqual([0, 0, 0]);
    const batch = w.run('node.update', { id: a, status: 1 });
    expect(kids.map((k) => w.status(k))).toEqual([2, 2, 2]);
    expect(batch.nodes.filter((e) => e.op === 2)).toHaveLength(3);
  });

  it('[N2] trashing a blocker releases everything it blocked; restoring it blocks them again', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    w.link(a, b);
    w.link(a, c);
    w.run('node.trash', { id: a });
    expect([w.status(b), w.status(c)]).toEqual([0, 0]);
    w.run('node.restore', { id: a });
    expect([w.status(b), w.status(c)]).toEqual([2, 2]);
  });

  it('[L2] is_parent_of, is_dependent_on, imports and is_follow_up_of make the target the blocker', () => {
    const w = new World();
    for (const lt of ['is_parent_of', 'is_dependent_on', 'imports'] as const) {
      const s = w.node();
      const t = w.node();
      w.link(s, t, { link_type: lt });
      expect([w.status(s), w.status(t)]).toEqual([2, 0]);
    }
    const s = w.node();
    const t = w.node();
    w.link(s, t, { link_type: 'is_follow_up_of', type: 0 });
    expect([w.status(s), w.status(t)]).toEqual([2, 0]);
    const s2 = w.node();
    const t2 = w.node();
    w.link(s2, t2, { link_type: 'is_part_of' });
    expect([w.status(s2), w.status(t2)]).toEqual([0, 2]); // the source blocks for other types
  });

  it('[L3] default type: primary for plain, is_dependent_on, is_parent_of, is_part_of, imports; secondary otherwise', () => {
    const w = new World();
    const primary = [
      undefined,
      'is_dependent_on',
      'is_parent_of',
      'is_part_of',
      'imports',
    ] as const;
    for (const lt of primary) {
      const id = w.link(w.node(), w.node(), lt ? { link_type: lt } : {});
      expect(w.l(id).type).toBe(0);
    }
    const secondary = [
      'developed_with',
      'is_analyzed_by',
      'is_converted_to',
      'is_duplicate_of',
      'is_follow_up_of',
      'is_merged_into',
      'is_related_to',
      'serves',
    ] as const;
    for (const lt of secondary) {
      const id = w.link(w.node(), w.node(), { link_type: lt });
      expect(w.l(id).type).toBe(1);
    }
  });

  it('[L1] a link without link_type is a plain dependency link', () => {
    const w = new World();
    const id = w.link(w.node(), w.node());
    expect('link_type' in w.l(id)).toBe(false);
    expect(w.l(id).display_id).toBe('LNK-1');
  });

  it('[L4] was_blocker turns true when the link blocks and false when it turns secondary or its blocked node completes', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b);
    expect(w.l(id).was_blocker).toBe(true);
    w.run('node.update', { id: a, status: 3 });
    expect(w.l(id).was_blocker).toBe(true); // it did block; its blocker finishing changes nothing
    w.run('node.update', { id: b, status: 3 });
    expect(w.l(id).was_blocker).toBe(false);
    const c = w.node();
    const d = w.node();
    const id2 = w.link(c, d);
    expect(w.l(id2).was_blocker).toBe(true);
    w.run('link.update', { id: id2, type: 1 });
    expect(w.l(id2).was_blocker).toBe(false);
    expect(w.status(d)).toBe(0);
  });

  it('[L5] a link with an endpoint in trash is not active and blocks nothing', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    w.link(a, b);
    const ac = w.link(a, c, { type: 1 });
    w.run('node.trash', { id: a });
    expect(w.l(ac).in_trash).toBe(true);
    expect(w.status(b)).toBe(0);
  });
});
