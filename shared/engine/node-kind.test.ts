/**
 * [N1] [C4] A node's kind can change (the inspector edits every field), as long as its active
 * links of custom types still allow the new kind; the display id stays as it is.
 */
import { describe, expect, it } from 'vitest';
import type { CustomLinkType } from '../model/types';
import { World } from './test-support/world';

function setup() {
  const w = new World();
  const t = w.run('link_type.create', {
    name: 'feeds',
    forward_name: 'feeds',
    backward_name: 'is fed by',
    source_types: ['issue', 'task'],
    target_types: ['product'],
  }).link_types[0]?.after as CustomLinkType;
  const issue = w.node({ kind: 'issue', title: 'Crash' });
  const product = w.node({ kind: 'product', title: 'App' });
  const link = w.link(issue, product, { link_type: 'custom_link', custom_link_type: t.id });
  return { w, t, issue, product, link };
}

describe('node.update kind', () => {
  it('[N1] kind changes in one NODE_UPDATE batch; the display id keeps its prefix and number', () => {
    const w = new World();
    const a = w.node({ title: 'Plan' });
    expect(w.n(a).display_id).toBe('TASK-1');
    const b = w.run('node.update', { id: a, kind: 'issue' });
    expect(b.nodes).toHaveLength(1);
    expect(b.nodes[0]).toMatchObject({
      op: 3,
      before: { kind: 'task', display_id: 'TASK-1' },
      after: { kind: 'issue', display_id: 'TASK-1', version: 2 },
    });
    expect(w.n(a)).toMatchObject({ kind: 'issue', display_id: 'TASK-1' });
    // The next issue still counts from the issue counter: ids never collide.
    expect(w.n(w.node({ kind: 'issue' })).display_id).toBe('ISS-1');
  });

  it('[C4] a kind a custom-type link allows is accepted', () => {
    const { w, issue } = setup();
    w.run('node.update', { id: issue, kind: 'task' });
    expect(w.n(issue).kind).toBe('task');
  });

  it('[C4] a kind that would break a custom-type link is refused, naming the link; nothing changes', () => {
    const { w, issue, product, link } = setup();
    const src = w.fail('node.update', { id: issue, kind: 'feature', title: 'Renamed' });
    expect(src.code).toBe('bad_request.source_kind_not_allowed');
    expect(src.message).toContain('LNK-1');
    expect(src.message).toContain('"feeds"');
    expect(src.message).toContain('ISS-1 cannot become a feature');
    expect(src.object_ids).toEqual([link]);
    const tgt = w.fail('node.update', { id: product, kind: 'issue' });
    expect(tgt.code).toBe('bad_request.target_kind_not_allowed');
    expect(tgt.message).toContain('PROD-1 cannot become an issue');
    expect(w.n(issue).title).toBe('Crash');
  });

  it('[C4] [L5] a trashed link does not hold the kind back (restoring it is checked then)', () => {
    const { w, issue, link } = setup();
    w.run('link.trash', { id: link });
    w.run('node.update', { id: issue, kind: 'feature' });
    expect(w.fail('link.restore', { id: link }).code).toBe('bad_request.source_kind_not_allowed');
  });

  it("[A4] another member's private link is not named, but still holds the kind back", () => {
    const { w, t, product } = setup();
    const m = w.member('m');
    const own = w.node({ kind: 'task' }, m);
    w.grant(product, m, 2);
    w.link(
      own,
      product,
      {
        link_type: 'custom_link',
        custom_link_type: t.id,
        private: true,
      },
      m,
    );
    const e = w.fail('node.update', { id: own, kind: 'feature' });
    expect(e.code).toBe('bad_request.source_kind_not_allowed');
    expect(e.message).toContain('a link you cannot see');
    expect(e.object_ids).toBeUndefined();
  });

  it('[H2] [C4] undoing a kind change is refused when a link made since needs the new kind', () => {
    const { w, t, product } = setup();
    const task = w.node({ kind: 'feature' });
    const changed = w.run('node.update', { id: task, kind: 'task' });
    w.link(task, product, { link_type: 'custom_link', custom_link_type: t.id });
    const e = w.fail('history.undo', { batchId: changed.batchId });
    expect(e.code).toBe('bad_request.source_kind_not_allowed');
    expect(w.n(task).kind).toBe('task');
  });

  it('[H2] a kind change undoes and redoes', () => {
    const { w, issue } = setup();
    const b = w.run('node.update', { id: issue, kind: 'task' });
    w.run('history.undo', { batchId: b.batchId });
    expect(w.n(issue).kind).toBe('issue');
    w.run('history.redo', { batchId: b.batchId });
    expect(w.n(issue).kind).toBe('task');
  });
});
