import { describe, expect, it } from 'vitest';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import {
  link as fixtureLink,
  node as fixtureNode,
} from '../../shared/exchange/test-support/fixtures';
import { syncFlowEdges, syncFlowNodes } from './flow-elements';

// The exchange fixtures' records, keyed by readable ids.
const node = (id: string, status: 0 | 1 | 2 | 3 = 0): NodeRecord =>
  fixtureNode(0, { id, display_id: `TASK-${id}`, title: id, status, position: { x: 0, y: 0 } });
const link = (id: string, source: string, target: string): LinkRecord =>
  fixtureLink(0, source, target, { id, display_id: `LNK-${id}`, was_blocker: true });
const mapOf = (nodes: NodeRecord[]) => new Map(nodes.map((n) => [n.id, n]));
const NO_TYPES = new Map();

describe('flow elements kept in step with the records', () => {
  it('[U5] keeps every unchanged element (same object) and remakes only what a change touched', () => {
    const a = node('a');
    const b = node('b', 2);
    const c = node('c');
    const links = [link('ab', 'a', 'b'), link('bc', 'b', 'c'), link('ca', 'c', 'a')];
    const nodes1 = syncFlowNodes([], [a, b, c], new Set());
    const edges1 = syncFlowEdges([], links, NO_TYPES, mapOf([a, b, c]));
    // a blocks b (b is Blocked, a not done): drawn red.
    expect(edges1.map((e) => e.data?.blocking)).toEqual([true, false, false]);

    // a is done now: only a's node and the link whose look changed (ab no longer blocks) are
    // remade; ca, at a too, looks the same and is kept.
    const aDone = { ...a, status: 3 as const };
    const nodes2 = syncFlowNodes(nodes1, [aDone, b, c], new Set());
    const edges2 = syncFlowEdges(edges1, links, NO_TYPES, mapOf([aDone, b, c]));
    expect(nodes2.map((n, i) => n === nodes1[i])).toEqual([false, true, true]);
    expect(nodes2[0]!.data.record).toBe(aDone);
    expect(edges2.map((e, i) => e === edges1[i])).toEqual([false, true, true]);
    expect(edges2.map((e) => e.data?.blocking)).toEqual([false, false, false]);

    // Another order (or a list React Flow edited): found by id, still kept.
    const nodes3 = syncFlowNodes(nodes2, [c, aDone, b], new Set());
    expect(nodes3).toEqual([nodes2[2], nodes2[0], nodes2[1]]);
    expect(nodes3[0]).toBe(nodes2[2]);
    const edges3 = syncFlowEdges([...edges2].reverse(), links, NO_TYPES, mapOf([aDone, b, c]));
    edges3.forEach((e, i) => expect(e).toBe(edges2[i]));
  });
});
