/**
 * [H1] [H2] Several elements at once: one batch, one undo step, all or nothing, each element
 * checked by its single-element rules, a refusal naming the element.
 */
import { describe, expect, it } from 'vitest';
import type { CustomLinkType, NodeRecord } from '../model/types';
import { Op } from './constants';
import { World } from './test-support/world';

function chain() {
  const w = new World();
  const a = w.node({ title: 'Design schema' });
  const b = w.node({ title: 'Build API' });
  const c = w.node({ title: 'Ship' });
  const ab = w.link(a, b);
  const bc = w.link(b, c);
  return { w, a, b, c, ab, bc };
}

describe('nodes.update', () => {
  it('[H1] several nodes change in ONE batch; [H2] one undo puts every one back', () => {
    const w = new World();
    const ids = [w.node(), w.node(), w.node()];
    const before = ids.map((id) => w.n(id));
    const b = w.run('nodes.update', {
      ids,
      patch: { priority: 7, kind: 'issue', tags_add: ['release'] },
    });
    expect(b.nodes.map((e) => e.op)).toEqual([Op.NODE_UPDATE, Op.NODE_UPDATE, Op.NODE_UPDATE]);
    for (const id of ids) {
      expect(w.n(id)).toMatchObject({ priority: 7, kind: 'issue', tags: ['release'], version: 2 });
    }
    expect(w.state.history.batches.at(-1)?.batchId).toBe(b.batchId);
    w.run('history.undo', { batchId: b.batchId });
    expect(ids.map((id) => w.n(id))).toEqual(before);
  });

  it('[H1] tags_add adds to each node its own tags, tags_remove takes away', () => {
    const w = new World();
    const a = w.node({ tags: ['x', 'y'] });
    const b = w.node({ tags: ['y'] });
    w.run('nodes.update', { ids: [a, b], patch: { tags_add: ['z', 'x'], tags_remove: ['y'] } });
    expect(w.n(a).tags).toEqual(['x', 'z']);
    expect(w.n(b).tags).toEqual(['z', 'x']);
  });

  it('[N2] completing a selected chain completes all of it, whatever the order given', () => {
    const { w, a, b, c } = chain();
    expect([w.status(a), w.status(b), w.status(c)]).toEqual([0, 2, 2]);
    const batch = w.run('nodes.update', { ids: [c, b, a], patch: { status: 3 } });
    expect([w.status(a), w.status(b), w.status(c)]).toEqual([3, 3, 3]);
    w.run('history.undo', { batchId: batch.batchId });
    expect([w.status(a), w.status(b), w.status(c)]).toEqual([0, 2, 2]);
  });

  it('[N3] all or nothing: a node blocked from outside the selection refuses the whole change, naming it', () => {
    const { w, a, b, c } = chain();
    const e = w.fail('nodes.update', { ids: [b, c], patch: { status: 1 } });
    expect(e.code).toBe('bad_request.node_blocked');
    expect(e.element).toBe(b);
    expect(e.message).toBe('TASK-2 Build API is blocked by TASK-1 Design schema.');
    expect(w.n(a).status).toBe(0);
  });

  it('[N4] the same field codes as node.update: too many tags, a tag too long, priority', () => {
    const w = new World();
    const full = w.node({ tags: Array.from({ length: 32 }, (_, i) => `t${i}`) });
    const other = w.node({ title: 'Other' });
    const many = w.fail('nodes.update', { ids: [other, full], patch: { tags_add: ['one more'] } });
    expect(many.code).toBe('bad_request.too_many_tags');
    expect(many.element).toBe(full);
    expect(w.n(other).tags).toEqual([]);
    expect(w.fail('node.update', { id: other, tags: ['x'.repeat(51)] }).code).toBe(
      'bad_request.tag_too_long',
    );
    expect(
      w.fail('nodes.update', { ids: [other], patch: { tags_add: ['x'.repeat(51)] } }).code,
    ).toBe('bad_request.tag_too_long');
    expect(w.fail('nodes.update', { ids: [other], patch: { priority: 10 } }).code).toBe(
      'bad_request.invalid_priority',
    );
    expect(w.fail('nodes.update', { ids: [other], patch: { status: 2 } }).code).toBe(
      'bad_request.status_blocked',
    );
    expect(w.fail('nodes.update', { ids: [other], patch: {} }).code).toBe(
      'bad_request.invalid_params',
    );
  });

  it('[C4] a kind change of several nodes is refused when one custom-type link would break', () => {
    const w = new World();
    const t = w.run('link_type.create', {
      name: 'feeds',
      forward_name: 'feeds',
      backward_name: 'is fed by',
      source_types: ['task'],
    }).link_types[0]?.after as CustomLinkType;
    const a = w.node();
    const b = w.node();
    w.link(a, b, { link_type: 'custom_link', custom_link_type: t.id });
    const e = w.fail('nodes.update', { ids: [b, a], patch: { kind: 'issue' } });
    expect(e.code).toBe('bad_request.source_kind_not_allowed');
    expect(e.element).toBe(a);
    expect(e.message).toContain('LNK-1');
    expect(w.n(b).kind).toBe('task');
  });

  it('[A1] a node the actor cannot see is refused as not found, named only by the id given', () => {
    const w = new World();
    const m = w.member('m');
    const mine = w.node({}, m);
    const hidden = w.node({ title: 'Secret' });
    const e = w.fail('nodes.update', { ids: [mine, hidden], patch: { priority: 1 } }, m);
    expect(e.code).toBe('not_found.node_not_found');
    expect(e.message).not.toContain('Secret');
    expect(e.element).toBe(hidden);
  });

  it('[H1] a node listed twice is refused', () => {
    const w = new World();
    const a = w.node();
    expect(w.fail('nodes.update', { ids: [a, a], patch: { priority: 1 } }).code).toBe(
      'bad_request.duplicate_node',
    );
  });
});

describe('selection.trash / restore / purge', () => {
  it('[R1] [H1] nodes and links go to trash in one batch; [H2] one undo brings all back', () => {
    const { w, a, b, c, ab, bc } = chain();
    const d = w.node();
    const cd = w.link(c, d);
    const before = JSON.stringify([a, b, c, d].map((id) => w.n(id)));
    // ab goes with a; bc is trashed on its own; cd stays.
    const batch = w.run('selection.trash', { nodes: [a], links: [ab, bc] });
    expect(w.n(a).in_trash).toBe(true);
    expect([w.l(ab).in_trash, w.l(bc).in_trash, w.l(cd).in_trash]).toEqual([true, true, false]);
    expect(batch.nodes.filter((e) => e.op === Op.NODE_TRASH)).toHaveLength(1);
    expect(batch.links.filter((e) => e.op === Op.LINK_TRASH)).toHaveLength(2);
    // b and c are released by the same batch.
    expect([w.status(b), w.status(c)]).toEqual([0, 0]);
    w.run('history.undo', { batchId: batch.batchId });
    expect(JSON.stringify([a, b, c, d].map((id) => w.n(id)))).toBe(before);
    expect([w.l(ab).in_trash, w.l(bc).in_trash]).toEqual([false, false]);
  });

  it('[H1] [H2] a node released by an earlier element, then trashed itself, is recorded as trashed and undone exactly', () => {
    // Regression (random seed 31): the cascade between elements wrote b's status first; the
    // entry must still be b's NODE_TRASH with full images, or undo would not bring b back.
    const { w, a, b, c } = chain();
    const before = JSON.stringify([a, b, c].map((id) => w.n(id)));
    const batch = w.run('selection.trash', { nodes: [a, b] });
    const entry = batch.nodes.find((e) => (e.after as { id?: string }).id === b);
    expect(entry?.op).toBe(Op.NODE_TRASH);
    expect(entry?.after).toMatchObject({ in_trash: true, status: 0 });
    expect(entry?.before).toMatchObject({ in_trash: false, status: 2 });
    w.run('history.undo', { batchId: batch.batchId });
    expect(JSON.stringify([a, b, c].map((id) => w.n(id)))).toBe(before);
  });

  it('[R1] [R3] all or nothing: one node the member may not trash refuses the whole selection', () => {
    const w = new World();
    const m = w.member('m');
    const mine = w.node({ title: 'Mine' }, m);
    const theirs = w.node({ title: 'Theirs' });
    w.grant(theirs, m, 2);
    const e = w.fail('selection.trash', { nodes: [mine, theirs] }, m);
    expect(e.code).toBe('forbidden.forbidden');
    expect(e.message).toMatch(/^TASK-2 Theirs: /);
    expect(e.element).toBe(theirs);
    expect(w.n(mine).in_trash).toBe(false);
  });

  it('[R1] a link already in trash is refused, naming the link by display id', () => {
    const { w, ab } = chain();
    w.run('link.trash', { id: ab });
    const e = w.fail('selection.trash', { links: [ab] });
    expect(e.code).toBe('bad_request.link_in_trash');
    expect(e.message).toMatch(/^LNK-1 \(TASK-1 → TASK-2\): /);
  });

  it('[R1] selection.restore brings nodes (with their links) and links back in one batch', () => {
    const { w, a, b, ab, bc } = chain();
    w.run('selection.trash', { nodes: [a], links: [bc] });
    const batch = w.run('selection.restore', { nodes: [a], links: [ab, bc] });
    expect([w.n(a).in_trash, w.l(ab).in_trash, w.l(bc).in_trash]).toEqual([false, false, false]);
    expect(w.status(b)).toBe(2);
    expect(batch.nodes.filter((e) => e.op === Op.NODE_RESTORE)).toHaveLength(1);
  });

  it('[R3] selection.purge deletes for good from trash only, all or nothing', () => {
    const { w, a, b, ab, bc } = chain();
    w.run('selection.trash', { nodes: [a] });
    const e = w.fail('selection.purge', { nodes: [a], links: [bc] });
    expect(e.code).toBe('bad_request.link_not_in_trash');
    w.run('link.trash', { id: bc });
    w.run('selection.purge', { nodes: [a], links: [ab, bc] });
    expect(w.state.nodes.has(a)).toBe(false);
    expect(w.state.links.has(ab) || w.state.links.has(bc)).toBe(false);
    expect(w.state.nodes.has(b)).toBe(true);
  });
});

describe('nodes.duplicate', () => {
  it('[H1] copies nodes and the links among them in one batch; [H2] one undo removes the copies', () => {
    const { w, a, b, c } = chain();
    w.run('node.update', { id: a, description: 'd', tags: ['x'], priority: 3, kind: 'issue' });
    const nodesBefore = w.state.nodes.size;
    const linksBefore = w.state.links.size;
    const batch = w.run('nodes.duplicate', { ids: [a, b], offset: { x: 100, y: 0 } });
    const added = batch.nodes.filter((e) => e.op === Op.NODE_ADD).map((e) => e.after as NodeRecord);
    expect(added).toHaveLength(2);
    const [ca, cb] = added as [NodeRecord, NodeRecord];
    expect(ca).toMatchObject({
      title: 'Design schema',
      description: 'd',
      tags: ['x'],
      priority: 3,
      kind: 'issue',
      position: { x: w.n(a).position.x + 100, y: w.n(a).position.y },
      display_id: 'ISS-1',
    });
    expect(cb.title).toBe('Build API');
    expect(cb.display_id).toBe('TASK-4');
    // Only the link among the copies, not b → c.
    const links = batch.links.filter((e) => e.op === Op.LINK_ADD).map((e) => e.after);
    expect(links).toEqual([expect.objectContaining({ source: ca.id, target: cb.id, type: 0 })]);
    expect(w.status(cb.id)).toBe(2);
    expect(w.status(c)).toBe(2);
    w.run('history.undo', { batchId: batch.batchId });
    expect([w.state.nodes.size, w.state.links.size]).toEqual([nodesBefore, linksBefore]);
  });

  it('[R1] paste after cut: trashed originals are copied with the links that went with them', () => {
    const { w, a, b, ab, bc } = chain();
    w.run('link.trash', { id: bc });
    w.run('selection.trash', { nodes: [a, b] });
    expect(w.l(ab).in_trash).toBe(true);
    const batch = w.run('nodes.duplicate', { ids: [a, b, w.node()] });
    expect(batch.links.filter((e) => e.op === Op.LINK_ADD)).toHaveLength(1);
    const copies = batch.nodes.filter((e) => e.op === Op.NODE_ADD);
    expect(copies.every((e) => (e.after as NodeRecord).in_trash === false)).toBe(true);
  });

  it("[A4] another member's private link among the nodes is not copied", () => {
    const w = new World();
    const m = w.member('m');
    const a = w.node();
    const b = w.node();
    w.grant(a, m, 2);
    w.grant(b, m, 2);
    w.link(a, b, { private: true }, m);
    const batch = w.run('nodes.duplicate', { ids: [a, b] });
    expect(batch.links).toEqual([]);
    const mine = w.run('nodes.duplicate', { ids: [a, b] }, m);
    expect(mine.links.filter((e) => e.op === Op.LINK_ADD)).toHaveLength(1);
    expect(mine.links[0]?.after).toMatchObject({ private: true, owner: m });
  });

  it('[C4] a link of a deprecated custom type is not copied (it takes no new links)', () => {
    const w = new World();
    const t = w.run('link_type.create', {
      name: 'feeds',
      forward_name: 'feeds',
      backward_name: 'is fed by',
    }).link_types[0]?.after as CustomLinkType;
    const a = w.node();
    const b = w.node();
    w.link(a, b, { link_type: 'custom_link', custom_link_type: t.id });
    w.link(a, b, { link_type: 'is_related_to' });
    w.run('link_type.update', { id: t.id, is_deprecated: true });
    const batch = w.run('nodes.duplicate', { ids: [a, b] });
    expect(batch.links.map((e) => (e.after as { link_type?: string }).link_type)).toEqual([
      'is_related_to',
    ]);
  });

  it('[A1] all or nothing: a node the actor cannot see refuses the whole copy', () => {
    const w = new World();
    const m = w.member('m');
    const mine = w.node({}, m);
    const hidden = w.node();
    const e = w.fail('nodes.duplicate', { ids: [mine, hidden] }, m);
    expect(e.code).toBe('not_found.node_not_found');
    expect(e.element).toBe(hidden);
  });
});
