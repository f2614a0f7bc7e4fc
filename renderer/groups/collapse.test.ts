import { describe, expect, it } from 'vitest';
import type { LinkRecord, LinkType, NodeRecord, NodeStatus } from '../../shared/model/types';
import {
  link as fixtureLink,
  node as fixtureNode,
} from '../../shared/exchange/test-support/fixtures';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from '../canvas/flow-elements';
import {
  applyGroups,
  collapseGroups,
  collapsedAncestors,
  hierarchyOf,
  newGroupCache,
  type Grouped,
} from './collapse';

// The exchange fixtures' records, keyed by readable ids.
const node = (id: string, status: NodeStatus = 0): NodeRecord =>
  fixtureNode(0, {
    id,
    display_id: `FEAT-${id}`,
    title: `Node ${id}`,
    kind: 'feature',
    status,
    position: { x: 0, y: 0 },
  });
let linkCount = 0;
const link = (
  source: string,
  target: string,
  link_type?: LinkType,
  type: 0 | 1 = 0,
  id = `l${++linkCount}`,
): LinkRecord =>
  fixtureLink(0, source, target, {
    id,
    display_id: `LNK-${id}`,
    ...(link_type ? { link_type } : {}),
    type,
  });

/** The canvas's lists for records and links, as flow-elements would make them. */
function viewOf(records: NodeRecord[], links: LinkRecord[], blocking: string[] = []): Grouped {
  return {
    records,
    nodes: records.map((record): LinkgraphFlowNode => ({
      id: record.id,
      type: 'linkgraph',
      position: record.position,
      data: { record, flashing: false },
    })),
    edges: links.map((record): LinkgraphFlowEdge => ({
      id: record.id,
      type: 'linkgraph',
      source: record.source,
      target: record.target,
      data: { record, label: record.link_type ?? 'blocks', blocking: blocking.includes(record.id) },
    })),
  };
}

const statuses = (records: NodeRecord[]) => {
  const by = new Map(records.map((r) => [r.id, r.status]));
  return (id: string) => by.get(id);
};

// P ─ is_parent_of → A, B;  A's part: A1 (is_part_of A1 → A);  X outside, linked to B and A1.
const records = [node('P'), node('A'), node('B', 2), node('A1', 2), node('X')];
const hierarchyLinks = [
  link('P', 'A', 'is_parent_of', 0, 'pa'),
  link('P', 'B', 'is_parent_of', 0, 'pb'),
  link('A1', 'A', 'is_part_of', 0, 'a1a'),
];

describe('groups: collapse', () => {
  it('[C1] reads parents from the engine rule: is_parent_of source, is_part_of target', () => {
    const h = hierarchyOf([...hierarchyLinks, link('X', 'P', 'is_related_to')]);
    expect(h.children.get('P')).toEqual(['A', 'B']);
    expect(h.children.get('A')).toEqual(['A1']);
    expect(h.parents.get('A1')).toEqual(['A']);
    expect(h.children.has('X')).toBe(false);
  });

  it('[C1] collapsing a parent hides every descendant, nested, and counts the blocked', () => {
    const h = hierarchyOf(hierarchyLinks);
    const c = collapseGroups(h, new Set(['P']), statuses(records));
    expect([...c.hiddenBy].sort()).toEqual([
      ['A', 'P'],
      ['A1', 'P'],
      ['B', 'P'],
    ]);
    expect(c.groups.get('P')).toEqual({ members: 3, blocked: 2 });
  });

  it('[C1] a collapsed group inside a collapsed group is hidden; its members count outside', () => {
    const h = hierarchyOf(hierarchyLinks);
    const both = collapseGroups(h, new Set(['A', 'P']), statuses(records));
    expect(both.groups.size).toBe(1);
    expect(both.groups.get('P')).toEqual({ members: 3, blocked: 2 });
    expect(both.hiddenBy.get('A1')).toBe('P');
    // Expanding the outer one leaves the inner one collapsed.
    const inner = collapseGroups(h, new Set(['A']), statuses(records));
    expect(inner.groups.get('A')).toEqual({ members: 1, blocked: 1 });
    expect([...inner.hiddenBy.keys()]).toEqual(['A1']);
  });

  it('[C1] collapsed ids of leaves or removed nodes hide nothing', () => {
    const h = hierarchyOf(hierarchyLinks);
    expect(collapseGroups(h, new Set(['X', 'gone']), statuses(records)).hiddenBy.size).toBe(0);
  });

  it('[C1] defensive: a node under two parents belongs to one group; a loop hides only its members', () => {
    // Q is_parent_of B too (B now has two parents: P and Q).
    const h = hierarchyOf([...hierarchyLinks, link('Q', 'B', 'is_parent_of')]);
    const all = [...records, node('Q')];
    const c = collapseGroups(h, new Set(['P', 'Q']), statuses(all));
    expect(c.hiddenBy.get('B')).toBe('P');
    expect(c.groups.get('P')?.members).toBe(3);
    expect(c.groups.get('Q')).toEqual({ members: 0, blocked: 0 });
    // A loop across the two types: L is_parent_of M, and M is the parent of L by is_part_of.
    const loop = hierarchyOf([link('L', 'M', 'is_parent_of', 1), link('L', 'M', 'is_part_of', 1)]);
    const lm = collapseGroups(loop, new Set(['L', 'M']), () => 0);
    expect([...lm.groups.keys()]).toEqual(['L']);
    expect([...lm.hiddenBy]).toEqual([['M', 'L']]);
  });

  it('[C1] the collapsed ancestors of a node, for a search jumping to it', () => {
    const h = hierarchyOf(hierarchyLinks);
    expect(collapsedAncestors('A1', h, new Set(['P', 'A'])).sort()).toEqual(['A', 'P']);
    expect(collapsedAncestors('A1', h, new Set(['B']))).toEqual([]);
  });
});

describe('groups: the canvas lists', () => {
  const outside = [
    link('X', 'B', undefined, 0, 'xb'),
    link('X', 'A1', 'is_related_to', 1, 'xa1'),
    link('B', 'X', 'is_related_to', 1, 'bx'),
    link('X', 'P', 'is_related_to', 1, 'xp'),
  ];
  const links = [...hierarchyLinks, ...outside];

  it('[U3] links to hidden members are drawn to the group card, one per other end and direction, strongest look', () => {
    const h = hierarchyOf(links);
    const c = collapseGroups(h, new Set(['P']), statuses(records));
    const view = viewOf(records, links, ['xb']);
    const out = applyGroups(view, h, c);
    expect(out.nodes.map((n) => n.id)).toEqual(['P', 'X']);
    expect(out.records.map((r) => r.id)).toEqual(['P', 'X']);
    expect(out.nodes[0]?.data.group).toEqual({
      children: 2,
      collapsed: { members: 3, blocked: 2 },
    });
    const byId = new Map(out.edges.map((e) => [e.id, e]));
    // Hierarchy links inside the group are gone; the direct link to P stays as it is.
    expect([...byId.keys()].sort()).toEqual(['group:P>X', 'group:X>P', 'xp'].sort());
    const into = byId.get('group:X>P');
    expect(into).toMatchObject({ source: 'X', target: 'P', reconnectable: false });
    expect(into?.data?.group).toEqual({ count: 2, links: ['xb', 'xa1'] });
    // The blocking link wins the look, over the secondary one.
    expect(into?.data?.blocking).toBe(true);
    expect(into?.data?.record.id).toBe('xb');
    expect(into?.data?.label).toBe('2 links');
    expect(byId.get('group:P>X')?.data?.group?.count).toBe(1);
    expect(byId.get('xp')).toBe(view.edges.find((e) => e.id === 'xp'));
  });

  it('[U3] links between two collapsed groups join the two cards; nothing collapsed leaves the lists as they were', () => {
    const h = hierarchyOf(links);
    const view = viewOf(records, links);
    const c = collapseGroups(h, new Set(['A']), statuses(records));
    const out = applyGroups(view, h, c);
    expect(out.nodes.map((n) => n.id)).toEqual(['P', 'A', 'B', 'X']);
    expect(out.edges.find((e) => e.id === 'group:X>A')?.data?.group?.links).toEqual(['xa1']);
    // Expanded parents keep their cards' child counts; the rest keep their objects.
    const none = applyGroups(view, h, collapseGroups(h, new Set(), statuses(records)));
    expect(none.edges).toBe(view.edges);
    expect(none.nodes[0]?.data.group).toEqual({ children: 2 });
    expect(none.nodes[4]).toBe(view.nodes[4]);
  });

  it('[U3] a search hit inside a collapsed group marks the group card; dimming needs all dimmed', () => {
    const h = hierarchyOf(links);
    const view = viewOf(records, links);
    view.nodes = view.nodes.map((n) =>
      n.id === 'A1'
        ? { ...n, className: 'lg-find-match' }
        : n.id === 'P'
          ? { ...n, className: 'lg-find-dim' }
          : n,
    );
    const out = applyGroups(view, h, collapseGroups(h, new Set(['P']), statuses(records)));
    expect(out.nodes[0]?.className).toBe('lg-find-match');
  });

  it('[U3] unchanged cards and group edges keep their identity between runs', () => {
    const h = hierarchyOf(links);
    const view = viewOf(records, links);
    const c = collapseGroups(h, new Set(['P']), statuses(records));
    const cache = newGroupCache();
    const first = applyGroups(view, h, c, cache);
    const second = applyGroups(view, h, c, cache);
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.edges).toEqual(first.edges);
    second.edges.forEach((e, i) => expect(e).toBe(first.edges[i]));
  });
});
