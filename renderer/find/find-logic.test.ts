import { describe, expect, it } from 'vitest';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { NO_FILTERS } from './find-store';
import { matchNodes, passesFilters, reach } from './find-logic';

const node = (id: string, extra: Partial<NodeRecord> = {}): NodeRecord => ({
  id,
  display_id: `TASK-${id}`,
  title: `Node ${id}`,
  description: '',
  kind: 'task',
  status: 0,
  dependent: true,
  owner: 'o',
  position: { x: 0, y: 0 },
  tags: [],
  priority: 0,
  version: 1,
  created_time: 't',
  last_edited_time: 't',
  in_trash: false,
  ...extra,
});
const link = (id: string, source: string, target: string, type: 0 | 1 = 0): LinkRecord => ({
  id,
  display_id: `LNK-${id}`,
  source,
  target,
  type,
  private: false,
  owner: 'o',
  was_blocker: true,
  version: 1,
  in_trash: false,
  created_by: 'o',
  created_time: 't',
  modified_by: 'o',
  modified_time: 't',
});

describe('search, focus and filter helpers', () => {
  it('[U5] matches display id, title, tag and description, best first, then in reading order', () => {
    const records = [
      node('1', { description: 'about the API', position: { x: 0, y: 0 } }),
      node('2', { tags: ['api'], position: { x: 0, y: 0 } }),
      node('3', { title: 'Build the API', position: { x: 0, y: 200 } }),
      node('4', { title: 'API docs', position: { x: 0, y: 100 } }),
      node('5', { title: 'Unrelated' }),
    ];
    expect(matchNodes(records, ' api ').map((n) => n.id)).toEqual(['4', '3', '2', '1']);
    expect(matchNodes(records, 'task-5').map((n) => n.id)).toEqual(['5']);
    expect(matchNodes(records, '   ')).toEqual([]);
  });

  it('[U5] filters by status, kind, tag, owner and Blocked-now, every given one must hold', () => {
    const n = node('1', { status: 2, kind: 'feature', tags: ['x'], owner: 'ann' });
    expect(passesFilters(n, NO_FILTERS)).toBe(true);
    expect(passesFilters(n, { ...NO_FILTERS, hideStatuses: [2] })).toBe(false);
    expect(passesFilters(n, { ...NO_FILTERS, kind: 'task' })).toBe(false);
    expect(passesFilters(n, { ...NO_FILTERS, tag: 'y' })).toBe(false);
    expect(passesFilters(n, { ...NO_FILTERS, owner: 'bob' })).toBe(false);
    expect(passesFilters(n, { ...NO_FILTERS, blockedOnly: true, tag: 'x', owner: 'ann' })).toBe(
      true,
    );
    expect(passesFilters(node('2'), { ...NO_FILTERS, blockedOnly: true })).toBe(false);
  });

  it('[U3] upstream and downstream follow primary links every level; secondary ones are left out', () => {
    // a → b → c → d, and e -(secondary)-> c.
    const links = [
      link('ab', 'a', 'b'),
      link('bc', 'b', 'c'),
      link('cd', 'c', 'd'),
      link('ec', 'e', 'c', 1),
    ];
    const up = reach('c', links, new Map(), { upstream: true, downstream: false });
    expect([...up.nodes].sort()).toEqual(['a', 'b', 'c']);
    expect([...up.links].sort()).toEqual(['ab', 'bc']);
    const down = reach('b', links, new Map(), { upstream: false, downstream: true });
    expect([...down.nodes].sort()).toEqual(['b', 'c', 'd']);
    const both = reach('b', links, new Map(), { upstream: true, downstream: true });
    expect([...both.links].sort()).toEqual(['ab', 'bc', 'cd']);
  });

  it('[U3] is_parent_of: the parent waits for its child, so the child is upstream of the parent', () => {
    const parent = { ...link('p', 'parent', 'child'), link_type: 'is_parent_of' as const };
    const up = reach('parent', [parent], new Map(), { upstream: true, downstream: false });
    expect([...up.nodes].sort()).toEqual(['child', 'parent']);
  });
});
