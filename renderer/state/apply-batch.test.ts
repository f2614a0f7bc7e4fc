import { describe, expect, it } from 'vitest';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { applyBatch, type Records } from './apply-batch';

const node = (id: string, status: 0 | 1 | 2 | 3 = 0, version = 1): NodeRecord => ({
  id,
  display_id: `TASK-${id}`,
  title: id,
  description: '',
  kind: 'task',
  status,
  dependent: true,
  owner: 'o',
  position: { x: 0, y: 0 },
  tags: [],
  priority: 0,
  version,
  created_time: 't',
  last_edited_time: 't',
  in_trash: false,
});
const link = (id: string, source: string, target: string): LinkRecord => ({
  id,
  display_id: `LNK-${id}`,
  source,
  target,
  type: 0,
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

const start = (): Records => ({
  nodes: new Map([
    ['a', node('a')],
    ['b', node('b')],
  ]),
  links: new Map(),
});

describe('folding a pushed batch into the canvas records', () => {
  it('[H1] adds a link and merges the cascade status image, reporting whose status changed', () => {
    const records = start();
    const out = applyBatch(records, {
      links: [{ op: 10, before: {}, after: link('l', 'a', 'b') }],
      nodes: [
        {
          op: 2,
          before: { id: 'b', status: 0, version: 1, last_edited_time: 't' },
          after: { id: 'b', status: 2, version: 2, last_edited_time: 't2' },
        },
      ],
    });
    expect(out.links.get('l')?.source).toBe('a');
    expect(out.nodes.get('b')).toMatchObject({
      status: 2,
      version: 2,
      title: 'b',
      last_edited_time: 't2',
    });
    expect(out.statusChanged).toEqual(['b']);
    // Untouched records keep their identity (memoised components do not re-render).
    expect(out.nodes.get('a')).toBe(records.nodes.get('a'));
    // The input is not mutated.
    expect(records.links.size).toBe(0);
    expect(records.nodes.get('b')?.status).toBe(0);
  });

  it('[R1] a purge (after = {}) removes the record; a full image replaces it without resume_status', () => {
    const records: Records = { nodes: start().nodes, links: new Map([['l', link('l', 'a', 'b')]]) };
    const out = applyBatch(records, {
      links: [{ op: 14, before: link('l', 'a', 'b'), after: {} }],
      nodes: [
        { op: 3, before: node('a'), after: { ...node('a', 2, 2), resume_status: 1 } as NodeRecord },
      ],
    });
    expect(out.links.has('l')).toBe(false);
    expect(out.nodes.get('a')).toEqual(node('a', 2, 2));
    expect(out.statusChanged).toEqual(['a']);
  });

  it('leaves the maps untouched when the batch has nothing for them', () => {
    const records = start();
    const out = applyBatch(records, { links: [], nodes: [] });
    expect(out.nodes).toBe(records.nodes);
    expect(out.links).toBe(records.links);
    expect(out.statusChanged).toEqual([]);
  });
});
