import { describe, expect, it } from 'vitest';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { linkAccessibleName, nodeAccessibleName } from './accessible-names';
import { syncFlowEdges, syncFlowNodes, waitingOn } from './flow-elements';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const node = (id: string, display: string, title: string, status: NodeRecord['status']) =>
  ({ id, display_id: display, title, status, dependent: true }) as NodeRecord;
const link = (over: Partial<LinkRecord>) =>
  ({
    id: '0b7e7a51-9a55-4c0e-9d0b-5d1f1c1a0e01',
    display_id: 'L-1',
    type: 0,
    private: false,
    ...over,
  }) as LinkRecord;

const spec = node('6a202b12-1111-4c0e-9d0b-5d1f1c1a0e01', 'T-3', 'Write spec', 1);
const api = node('fff80d9c-2222-4c0e-9d0b-5d1f1c1a0e02', 'T-12', 'Design the API', 2);
const nodes = new Map([spec, api].map((n) => [n.id, n]));
const none = new Map();

describe('accessible names on the canvas', () => {
  it('[U1] a card says display id, title and status; a Blocked one what it waits for', () => {
    expect(nodeAccessibleName(spec)).toBe('T-3 Write spec — In progress');
    expect(nodeAccessibleName(api, [spec])).toBe(
      'T-12 Design the API — Blocked, waits for T-3 Write spec',
    );
    expect(nodeAccessibleName({ ...spec, title: ' ' })).toBe('T-3 Untitled — In progress');
  });

  it('[U1][U4] a link reads as a sentence in the type’s words, private and non-blocking marked', () => {
    const plain = link({ source: spec.id, target: api.id });
    expect(linkAccessibleName(plain, nodes, none)).toBe(
      'T-3 Write spec blocks T-12 Design the API',
    );
    expect(linkAccessibleName({ ...plain, private: true }, nodes, none, true)).toBe(
      'T-3 Write spec blocks T-12 Design the API (private, blocking now)',
    );
    expect(linkAccessibleName({ ...plain, type: 1 }, nodes, none)).toBe(
      'T-3 Write spec is linked (non-blocking) to T-12 Design the API',
    );
    const parent = link({ source: api.id, target: spec.id, link_type: 'is_parent_of', type: 1 });
    expect(linkAccessibleName(parent, nodes, none)).toBe(
      'T-12 Design the API is parent of T-3 Write spec (non-blocking)',
    );
    const hidden = link({ source: spec.id, target: 'c0ffee00-3333-4c0e-9d0b-5d1f1c1a0e03' });
    expect(linkAccessibleName(hidden, nodes, none)).toBe('T-3 Write spec blocks a hidden node');
    const custom = link({ source: spec.id, target: api.id, link_type: 'custom_link' });
    expect(linkAccessibleName({ ...custom, custom_link_type: 'x' }, nodes, none)).toBe(
      'T-3 Write spec is linked (custom link) to T-12 Design the API',
    );
  });

  it('[U1] React Flow gets the names (never a raw id), and a renamed end renames its links', () => {
    const plain = link({ source: spec.id, target: api.id });
    const waits = waitingOn([plain], nodes, none);
    expect(waits.get(api.id)).toEqual([spec]);
    const flowNodes = syncFlowNodes([], [spec, api], new Set(), waits);
    expect(flowNodes.map((n) => n.ariaLabel)).toEqual([
      'T-3 Write spec — In progress',
      'T-12 Design the API — Blocked, waits for T-3 Write spec',
    ]);
    const edges = syncFlowEdges([], [plain], none, nodes);
    expect(edges[0]?.ariaLabel).toBe('T-3 Write spec blocks T-12 Design the API (blocking now)');
    // Out of the natural Tab sequence (tab-order.ts puts links after the cards).
    expect(edges[0]?.domAttributes?.tabIndex).toBe(-1);
    for (const name of [...flowNodes.map((n) => n.ariaLabel), edges[0]?.ariaLabel])
      expect(name).not.toMatch(UUID);

    const renamed = { ...spec, title: 'Write the spec' };
    const again = syncFlowEdges(
      edges,
      [plain],
      none,
      new Map([renamed, api].map((n) => [n.id, n])),
    );
    expect(again[0]?.ariaLabel).toBe(
      'T-3 Write the spec blocks T-12 Design the API (blocking now)',
    );
  });
});
