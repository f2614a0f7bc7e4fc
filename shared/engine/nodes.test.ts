import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../model/types';
import { World } from './test-support/world';

describe('nodes', () => {
  it('[N1] every DevRev kind is offered, default task, with a kind-prefixed display id', () => {
    const w = new World();
    const t = w.node();
    expect(w.n(t)).toMatchObject({
      kind: 'task',
      display_id: 'TASK-1',
      version: 1,
      dependent: true,
    });
    const ids = NODE_KINDS.map((kind) => w.n(w.node({ kind })).display_id);
    expect(ids).toEqual([
      'ISS-1',
      'TKT-1',
      'TASK-2',
      'OPP-1',
      'PROD-1',
      'CAPL-1',
      'FEAT-1',
      'ENH-1',
      'ACC-1',
      'USER-1',
      'OBJ-1',
    ]);
    expect(w.fail('node.create', { kind: 'epic' as 'task' }).code).toBe(
      'bad_request.invalid_params',
    );
  });

  it('[N4] title ≤ 80, description ≤ 400, ≤ 32 tags of ≤ 50, priority 0–9', () => {
    const w = new World();
    w.node({
      title: 'x'.repeat(80),
      description: 'd'.repeat(400),
      tags: Array(32).fill('t'.repeat(50)),
      priority: 9,
    });
    expect(w.fail('node.create', { title: 'x'.repeat(81) }).code).toBe(
      'bad_request.title_too_long',
    );
    expect(w.fail('node.create', { description: 'd'.repeat(401) }).code).toBe(
      'bad_request.description_too_long',
    );
    expect(w.fail('node.create', { tags: Array(33).fill('t') }).code).toBe(
      'bad_request.too_many_tags',
    );
    expect(w.fail('node.create', { tags: ['t'.repeat(51)] }).code).toBe('bad_request.tag_too_long');
    expect(w.fail('node.create', { priority: 10 }).code).toBe('bad_request.invalid_priority');
    expect(w.fail('node.create', { priority: -1 }).code).toBe('bad_request.invalid_priority');
  });

  it('[N4] setting status 2 by hand is refused (status_blocked), and changing a Blocked node status (node_blocked)', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    expect(w.fail('node.create', { status: 2 }).code).toBe('bad_request.status_blocked');
    expect(w.fail('node.update', { id: a, status: 2 }).code).toBe('bad_request.status_blocked');
    w.link(a, b);
    expect(w.fail('node.update', { id: b, status: 1 }).code).toBe('bad_request.node_blocked');
    expect(w.fail('node.update', { id: b, status: 2 }).code).toBe('bad_request.status_blocked');
    // Other fields of a Blocked node can still change.
    w.run('node.update', { id: b, title: 'still blocked' });
    expect(w.n(b)).toMatchObject({ title: 'still blocked', status: 2 });
  });

  it('[N4] update bumps the version once and is guarded by version', () => {
    const w = new World();
    const a = w.node();
    const b = w.run('node.update', {
      id: a,
      version: 1,
      title: 'T',
      priority: 3,
      position: { x: 5, y: 6 },
    });
    expect(b.nodes[0]).toMatchObject({
      op: 3,
      before: { version: 1 },
      after: { version: 2, title: 'T', priority: 3 },
    });
    expect(w.fail('node.update', { id: a, version: 1, title: 'U' })).toMatchObject({
      code: 'conflict.version_conflict',
      status: 409,
      object_ids: [a],
    });
  });

  it('[N4] an editor may edit, a viewer may not; a trashed node is not edited', () => {
    const w = new World();
    const m = w.member('m');
    const a = w.node();
    w.grant(a, m, 3);
    expect(w.fail('node.update', { id: a, title: 'x' }, m).code).toBe('forbidden.forbidden');
    w.grant(a, m, 2);
    w.run('node.update', { id: a, title: 'x' }, m);
    w.run('node.trash', { id: a });
    expect(w.fail('node.update', { id: a, title: 'y' }).code).toBe('bad_request.node_in_trash');
  });

  it('node.create with a target links the new node under it (primary when the target is dependent)', () => {
    const w = new World();
    const parent = w.node();
    const indep = w.node({ dependent: false });
    const b = w.run('node.create', { title: 'child', target: parent });
    const child = (b.nodes.find((e) => e.op === 0)?.after as { id: string }).id;
    expect(b.links[0]).toMatchObject({ op: 10, after: { source: child, target: parent, type: 0 } });
    expect(w.status(parent)).toBe(2);
    const b2 = w.run('node.create', { title: 'child2', target: indep });
    expect(b2.links[0]?.after).toMatchObject({ type: 1 });
    expect(w.fail('node.create', { target: '00000000-0000-4000-8000-0000000fffff' }).code).toBe(
      'not_found.target_not_found',
    );
  });
});
