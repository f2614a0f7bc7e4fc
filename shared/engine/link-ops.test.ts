import { describe, expect, it } from 'vitest';
import { listLinks } from './index';
import { World } from './test-support/world';

describe('link update, swap and listing', () => {
  it('[L6] turning a link primary blocks; turning it secondary unblocks (cascade)', () => {
    const w = new World();
    const a = w.node();
    const b = w.node({ status: 1 });
    const id = w.link(a, b, { type: 1 });
    const up = w.run('link.update', { id, type: 0 });
    expect(w.status(b)).toBe(2);
    expect(up.links[0]).toMatchObject({
      op: 11,
      before: { type: 1 },
      after: { type: 0, was_blocker: true },
    });
    expect(up.nodes[0]).toMatchObject({ op: 2, after: { id: b, status: 2 } });
    w.run('link.update', { id, type: 1 });
    expect(w.status(b)).toBe(1);
  });

  it('[L6] turning primary is refused for an independent blocked node (target_independent)', () => {
    const w = new World();
    const a = w.node();
    const b = w.node({ dependent: false });
    const id = w.link(a, b);
    expect(w.fail('link.update', { id, type: 0 })).toMatchObject({
      code: 'bad_request.target_independent',
      status: 400,
    });
  });

  it('[L6] turning primary is refused for a viewer of the blocked node (forbidden_type)', () => {
    const w = new World();
    const m = w.member('m');
    const a = w.node({}, m);
    const b = w.node();
    w.grant(b, m, 2);
    const id = w.link(a, b, { type: 1 }, m);
    w.grant(b, m, 3); // the grant is an upsert: m is now only a viewer of b
    const e = w.fail('link.update', { id, type: 0 }, m);
    // Owner of the link, so R3 lets m edit it; the refusal is about blocking.
    expect(e.code).toBe('forbidden.forbidden_type');
    expect(e.status).toBe(403);
  });

  it('[L6] changing private is refused where A3 forces it (forbidden_private), allowed elsewhere', () => {
    const w = new World();
    const m = w.member('m');
    const a = w.node({}, m);
    const b = w.node();
    w.grant(b, m, 3);
    const id = w.link(a, b, {}, m);
    expect(w.l(id).private).toBe(true);
    expect(w.fail('link.update', { id, private: false }, m).code).toBe(
      'forbidden.forbidden_private',
    );
    const c = w.node({}, m);
    const id2 = w.link(a, c, {}, m);
    w.run('link.update', { id: id2, private: true }, m);
    expect(w.l(id2).private).toBe(true);
  });

  it('[L6] a primary link that would close a cycle cannot be turned primary', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    w.link(a, b);
    w.link(b, c);
    const back = w.link(c, a, { type: 1 });
    expect(w.fail('link.update', { id: back, type: 0 }).code).toBe('conflict.cycle');
  });

  it('[L6] a stale version is refused with version_conflict', () => {
    const w = new World();
    const id = w.link(w.node(), w.node());
    expect(w.fail('link.update', { id, version: 9, type: 1 }).code).toBe(
      'conflict.version_conflict',
    );
  });

  it('[L7] swap reverses the link (op 15) and the cascade follows', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b);
    expect([w.status(a), w.status(b)]).toEqual([0, 2]);
    const batch = w.run('link.swap', { id });
    expect(batch.links[0]).toMatchObject({ op: 15, after: { source: b, target: a } });
    expect([w.status(a), w.status(b)]).toEqual([2, 0]);
  });

  it('[L7] swap downgrades to secondary when the actor may not edit the new blocked node', () => {
    const w = new World();
    const m = w.member('m');
    const a = w.node();
    const b = w.node({}, m);
    w.grant(a, m, 3);
    const mine = w.link(a, b, {}, m); // m edits b (owner): primary, b blocked by a
    expect(w.l(mine).type).toBe(0);
    w.run('link.swap', { id: mine }, m); // now a would be blocked, m only views a
    expect(w.l(mine)).toMatchObject({ source: b, target: a, type: 1, private: true });
    expect(w.status(a)).toBe(0);
    expect(w.status(b)).toBe(0);
  });

  it('[L7] [C1] swapping into a second parent is refused and changes nothing', () => {
    const w = new World();
    const p = w.node();
    const c = w.node();
    const q = w.node();
    w.link(p, c, { link_type: 'is_parent_of' });
    const x = w.link(c, q, { link_type: 'is_parent_of' });
    expect(w.fail('link.swap', { id: x })).toMatchObject({
      code: 'bad_request.artifact_already_attached_to_a_parent',
      existing_parent: p,
      is_same: false,
    });
  });

  it('links.list pages by cursor, filters by direction and type, and hides what a member cannot see', () => {
    const w = new World();
    const hub = w.node();
    const ids = Array.from({ length: 5 }, () =>
      w.link(hub, w.node(), { link_type: 'is_related_to' }),
    );
    w.link(w.node(), hub, { link_type: 'serves' });
    const p1 = listLinks(w.state, { object: hub, direction: 'is_source', limit: 2 });
    expect(p1.ok && p1.value.links.map((l) => l.id)).toEqual([...ids].sort().slice(0, 2));
    const cursor = p1.ok ? p1.value.next_cursor : undefined;
    const p2 = listLinks(w.state, {
      object: hub,
      direction: 'is_source',
      limit: 10,
      ...(cursor ? { cursor } : {}),
    });
    expect(p2.ok && p2.value.links.length).toBe(3);
    expect(p2.ok && p2.value.next_cursor).toBe(undefined);
    const t = listLinks(w.state, {
      object: hub,
      direction: 'is_target',
      link_types: ['serves'],
      limit: 10,
    });
    expect(t.ok && t.value.links.length).toBe(1);
    const none = listLinks(w.state, {
      object: hub,
      direction: 'is_target',
      link_types: ['is_related_to'],
      limit: 10,
    });
    expect(none.ok && none.value.links.length).toBe(0);
    const m = w.member('m');
    const hidden = listLinks(w.state, {
      object: hub,
      direction: 'is_source',
      limit: 10,
      member: m,
    });
    expect(hidden.ok).toBe(false);
  });
});
