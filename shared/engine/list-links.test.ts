import { describe, expect, it } from 'vitest';
import type { CustomLinkType, LinkRecord } from '../model/types';
import { listLinks, type LinkPage, type ListLinksQuery } from './index';
import { World } from './test-support/world';

function page(w: World, q: ListLinksQuery): LinkPage {
  const r = listLinks(w.state, q);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const ids = (p: LinkPage) => p.links.map((l: LinkRecord) => l.id);
const sorted = (xs: string[]) => [...xs].sort();

/** A hub with links of several types, directions and other-endpoint kinds. */
function hubWorld() {
  const w = new World();
  const hub = w.node({ kind: 'issue' });
  const parentOf = w.link(hub, w.node({ kind: 'task' }), { link_type: 'is_parent_of' });
  const partOf = w.link(hub, w.node({ kind: 'product' }), { link_type: 'is_part_of' });
  const related = w.link(hub, w.node({ kind: 'ticket' }), { link_type: 'is_related_to' });
  const plain = w.link(hub, w.node({ kind: 'ticket' }));
  const inbound = w.link(w.node({ kind: 'task' }), hub, { link_type: 'serves' });
  return { w, hub, parentOf, partOf, related, plain, inbound };
}

describe('links.list in the engine (DevRev semantics, SPEC X5)', () => {
  it('[X5] applies every link_type given; a plain link reads as is_dependent_on', () => {
    const { w, hub, parentOf, partOf, plain } = hubWorld();
    const two = page(w, { object: hub, link_types: ['is_parent_of', 'is_part_of'] });
    expect(sorted(ids(two))).toEqual(sorted([parentOf, partOf]));
    const dep = page(w, { object: hub, link_types: ['is_dependent_on'] });
    expect(ids(dep)).toEqual([plain]);
  });

  it('[X5] without a direction both directions are listed; with one, only that side', () => {
    const { w, hub, parentOf, partOf, related, plain, inbound } = hubWorld();
    expect(sorted(ids(page(w, { object: hub })))).toEqual(
      sorted([parentOf, partOf, related, plain, inbound]),
    );
    expect(ids(page(w, { object: hub, direction: 'is_target' }))).toEqual([inbound]);
    expect(sorted(ids(page(w, { object: hub, direction: 'is_source' })))).toEqual(
      sorted([parentOf, partOf, related, plain]),
    );
  });

  it('[X5] object_types filters by the kind of the linked object (the other endpoint)', () => {
    const { w, hub, parentOf, related, plain, inbound } = hubWorld();
    expect(sorted(ids(page(w, { object: hub, object_types: ['task'] })))).toEqual(
      sorted([parentOf, inbound]),
    );
    expect(sorted(ids(page(w, { object: hub, object_types: ['ticket'] })))).toEqual(
      sorted([related, plain]),
    );
    // The object's own kind is not what is filtered: no other endpoint is an issue.
    expect(ids(page(w, { object: hub, object_types: ['issue'] }))).toEqual([]);
    // Filters combine.
    expect(ids(page(w, { object: hub, object_types: ['task'], direction: 'is_source' }))).toEqual([
      parentOf,
    ]);
  });

  it('[X5] custom_link_types narrows custom links only', () => {
    const w = new World();
    const define = (name: string) =>
      w.run('link_type.create', { name, forward_name: name, backward_name: `${name} of` })
        .link_types[0]?.after as CustomLinkType;
    const feeds = define('feeds');
    const drains = define('drains');
    const hub = w.node();
    const fed = w.link(hub, w.node(), { link_type: 'custom_link', custom_link_type: feeds.id });
    w.link(hub, w.node(), { link_type: 'custom_link', custom_link_type: drains.id });
    const related = w.link(hub, w.node(), { link_type: 'is_related_to' });
    expect(sorted(ids(page(w, { object: hub, custom_link_types: [feeds.id] })))).toEqual(
      sorted([fed, related]),
    );
    expect(
      ids(page(w, { object: hub, link_types: ['custom_link'], custom_link_types: [feeds.id] })),
    ).toEqual([fed]);
  });

  it('[X5] pages of 50 by default; mode after/before with next_cursor/prev_cursor walk every entry once', () => {
    const w = new World();
    const hub = w.node();
    const all = sorted(
      Array.from({ length: 57 }, () => w.link(hub, w.node(), { link_type: 'is_related_to' })),
    );
    const first = page(w, { object: hub });
    expect(ids(first)).toEqual(all.slice(0, 50));
    expect(first.next_cursor).toBe(all[49]);
    expect(first.prev_cursor).toBeUndefined();

    const forward: string[] = [];
    let p = page(w, { object: hub, limit: 20 });
    forward.push(...ids(p));
    while (p.next_cursor) {
      p = page(w, { object: hub, limit: 20, cursor: p.next_cursor, mode: 'after' });
      forward.push(...ids(p));
    }
    expect(forward).toEqual(all);
    expect(ids(p)).toEqual(all.slice(40));
    expect(p.prev_cursor).toBe(all[40]);

    // Back from the last page: before its prev_cursor, in ascending order, nearest first taken.
    const back = page(w, { object: hub, limit: 20, cursor: p.prev_cursor, mode: 'before' });
    expect(ids(back)).toEqual(all.slice(20, 40));
    expect(back).toMatchObject({ next_cursor: all[39], prev_cursor: all[20] });
    const start = page(w, { object: hub, limit: 20, cursor: back.prev_cursor, mode: 'before' });
    expect(ids(start)).toEqual(all.slice(0, 20));
    expect(start.prev_cursor).toBeUndefined();

    // mode before without a cursor starts from the end.
    const end = page(w, { object: hub, limit: 5, mode: 'before' });
    expect(ids(end)).toEqual(all.slice(52));
    expect(end.next_cursor).toBeUndefined();
    expect(end.prev_cursor).toBe(all[52]);
  });
});
