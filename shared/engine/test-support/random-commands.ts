/**
 * The random-operation test's draws: one command at a time from a seeded generator, shaped by
 * the run (stack or chaos undo, any or chain-shaped plan, the several-at-once and planning
 * commands or not). The order of the draws is part of every pinned seed: change it, and a
 * pinned seed replays other operations than the ones it was pinned with.
 */
import { LINK_TYPES } from '../../model/types';
import type { Batch, CommandInput, WorkspaceState } from '../index';

export type Mode = 'stack' | 'chaos';
export type Shape = 'any' | 'chains';
export type DrawnStatus = 0 | 1 | 3;

export const KINDS = ['task', 'issue', 'feature', 'capability', 'product', 'enhancement'] as const;
const TYPES = [undefined, undefined, undefined, ...LINK_TYPES.filter((t) => t !== 'custom_link')];

export interface DrawContext {
  rnd: () => number;
  /** Read at each draw: the workspace as it is now. */
  world: { readonly state: WorkspaceState };
  members: readonly string[];
  /** Ids of the run's two custom link types (`narrow` only tasks and issues may start). */
  custom: string;
  narrow: string;
  statuses: readonly DrawnStatus[];
  mode: Mode;
  chains: boolean;
  extended: boolean;
  planning: boolean;
  /** Stack mode: batches still done (latest last) and undone ones to redo; the runner keeps them. */
  stack: { done: string[]; redo: string[] };
  /** Every committed batch so far (chaos mode undoes and redoes any of them). */
  batches: readonly Batch[];
}

/** The next random command of a run. */
export function commandDrawer(c: DrawContext): () => CommandInput {
  const { rnd } = c;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

  const nodeIds = () => [...c.world.state.nodes.keys()];
  const linkIds = () => [...c.world.state.links.keys()];
  const anyNode = () => pick(nodeIds());
  const anyLink = () => pick(linkIds()) ?? anyNode();

  function chainLink(): CommandInput {
    // Neighbours in creation order (i → i+1, sometimes i+2 for diamonds), mostly plain
    // primary links, so the blocking graph grows long chains.
    const ids = nodeIds();
    const i = Math.floor(rnd() * ids.length);
    const j = Math.min(ids.length - 1, i + pick([1, 1, 1, 2]));
    const lt = rnd() < 0.15 ? 'is_parent_of' : undefined;
    const [source, target] = lt ? [ids[j], ids[i]] : [ids[i], ids[j]];
    return {
      name: 'link.create',
      params: {
        source: source ?? anyNode(),
        target: target ?? anyNode(),
        ...(lt ? { link_type: lt } : {}),
      },
    };
  }

  /** One to four elements, now and then the same one twice (refused, changing nothing). */
  const several = (from: () => string): string[] => {
    const ids = Array.from({ length: 1 + Math.floor(rnd() * 4) }, from);
    return rnd() < 0.05 ? [...ids, ids[0] as string] : [...new Set(ids)];
  };

  function manyCommand(): CommandInput {
    const r = rnd();
    if (r < 0.35) {
      const patch = pick([
        { status: pick(c.statuses) },
        { kind: pick(KINDS) },
        { dependent: rnd() < 0.5 },
        { priority: Math.floor(rnd() * 10) },
        { tags_add: ['a', pick(['b', 'c'])] },
        { tags_remove: [pick(['a', 'b', 'c'])] },
      ]);
      return { name: 'nodes.update', params: { ids: several(anyNode), patch } };
    }
    const selection = () => {
      const which = rnd();
      return {
        ...(which < 0.7 ? { nodes: several(anyNode) } : {}),
        ...(which >= 0.4 ? { links: several(anyLink) } : {}),
      };
    };
    if (r < 0.55) return { name: 'selection.trash', params: selection() };
    if (r < 0.72) return { name: 'selection.restore', params: selection() };
    if (r < 0.8) return { name: 'selection.purge', params: selection() };
    return {
      name: 'nodes.duplicate',
      params: { ids: several(anyNode), offset: { x: 10, y: 10 } },
    };
  }

  /** [PL1] A date near the plan start (some on weekends, some before the start). */
  const someDate = () => {
    const day = Date.UTC(2026, 10, 20) + Math.floor(rnd() * 60) * 86_400_000;
    return new Date(day).toISOString().slice(0, 10);
  };
  function planCommand(): CommandInput {
    const r = rnd();
    if (r < 0.08) {
      return {
        name: 'calendar.set',
        params: pick([
          { holidays: [someDate(), someDate()].filter((d, i, a) => a.indexOf(d) === i) },
          {
            working_days: pick([
              [1, 2, 3, 4, 5],
              [1, 2, 3, 4],
              [2, 3, 4, 5, 6, 7],
            ]),
          },
          { plan_start: rnd() < 0.3 ? null : someDate() },
        ]),
      };
    }
    const field = pick([
      { estimate: pick([0, 0.5, 1, 2, 3, 1.25, 5]) },
      { estimate: null },
      { due_date: someDate() },
      { due_date: null },
      { start_date: someDate() },
      { start_date: null },
      { assignee: pick([['ann'], ['bob', 'ann@example.com'], []]) },
    ]);
    if (r < 0.2) {
      return {
        name: 'nodes.update',
        params: { ids: several(anyNode), patch: { estimate: pick([1, 2, 0.5]), ...field } },
      };
    }
    // A create with a null field is refused (only updates clear), changing nothing.
    if (r < 0.3) {
      return {
        name: 'node.create',
        params: { estimate: pick([1, 2.5]), ...field },
      } as CommandInput;
    }
    return { name: 'node.update', params: { id: anyNode(), ...field } };
  }

  function randomCommand(): CommandInput {
    if (c.planning && rnd() < 0.25) return planCommand();
    if (c.extended && rnd() < 0.12) return manyCommand();
    if (c.chains && rnd() < 0.3) return chainLink();
    const r = rnd();
    if (r < 0.1) {
      const target = rnd() < 0.3 ? anyNode() : undefined;
      return {
        name: 'node.create',
        params: {
          kind: pick(KINDS),
          status: pick(c.statuses),
          ...(target ? { target } : {}),
        },
      };
    }
    if (r < 0.2) {
      const p = pick([
        { status: pick(c.statuses) },
        { dependent: rnd() < 0.5 },
        { title: `t${Math.floor(rnd() * 9)}` },
        ...(c.extended ? [{ kind: pick(KINDS) }] : []),
      ]);
      return { name: 'node.update', params: { id: anyNode(), ...p } };
    }
    if (r < 0.24) return { name: 'node.trash', params: { id: anyNode() } };
    if (r < 0.28) return { name: 'node.restore', params: { id: anyNode() } };
    if (r < 0.3) return { name: 'node.purge', params: { id: anyNode() } };
    if (r < 0.52) {
      const lt = rnd() < 0.08 ? 'custom_link' : pick(TYPES);
      return {
        name: 'link.create',
        params: {
          source: anyNode(),
          target: anyNode(),
          ...(lt ? { link_type: lt } : {}),
          ...(lt === 'custom_link'
            ? { custom_link_type: c.extended && rnd() < 0.5 ? c.narrow : c.custom }
            : {}),
          ...(rnd() < 0.4 ? { type: pick([0, 1] as const) } : {}),
          ...(rnd() < 0.2 ? { private: true } : {}),
        },
      };
    }
    if (r < 0.57)
      return {
        name: 'link.update',
        params: {
          id: anyLink(),
          ...(rnd() < 0.7 ? { type: pick([0, 1] as const) } : { private: rnd() < 0.5 }),
        },
      };
    if (r < 0.61) return { name: 'link.swap', params: { id: anyLink() } };
    if (r < 0.66) return { name: 'link.trash', params: { id: anyLink() } };
    if (r < 0.7) return { name: 'link.restore', params: { id: anyLink() } };
    if (r < 0.72) return { name: 'link.purge', params: { id: anyLink() } };
    if (r < 0.77) {
      // Stack seeds also replace links by their reverse (the chaos seeds keep the draws they
      // were pinned with).
      const reversed =
        c.mode === 'stack' && rnd() < 0.3 ? c.world.state.links.get(anyLink()) : undefined;
      if (reversed) {
        const { id, source, target } = reversed.rec;
        return { name: 'link.replace', params: { id, source: target, target: source } };
      }
      const lt = rnd() < 0.5 ? pick(TYPES) : undefined;
      return {
        name: 'link.replace',
        params: {
          id: anyLink(),
          source: anyNode(),
          target: anyNode(),
          ...(lt ? { link_type: lt } : {}),
        },
      };
    }
    if (r < 0.78) return { name: 'trash.empty', params: {} };
    if (r < 0.82)
      return {
        name: 'access.grant',
        params: {
          node: anyNode(),
          member: pick(c.members),
          level: pick([1, 2, 3] as const),
          branch: rnd() < 0.5,
        },
      };
    if (r < 0.84)
      return { name: 'access.revoke', params: { node: anyNode(), member: pick(c.members) } };
    if (c.mode === 'stack') {
      // An editor's undo stack: undo the latest done batch, redo the latest undone one.
      const top =
        rnd() < 0.6 ? c.stack.done[c.stack.done.length - 1] : c.stack.redo[c.stack.redo.length - 1];
      const name =
        top !== undefined && top === c.stack.done[c.stack.done.length - 1]
          ? 'history.undo'
          : 'history.redo';
      return { name, params: { batchId: top ?? anyNode() } };
    }
    const b = pick(c.batches);
    return {
      name: rnd() < 0.6 ? 'history.undo' : 'history.redo',
      params: { batchId: b?.batchId ?? anyNode() },
    };
  }

  return randomCommand;
}
