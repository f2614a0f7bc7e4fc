/**
 * Where keyboard navigation goes next (pure). Alt+→ follows an outgoing link to the node it
 * points to, Alt+← an incoming link back to the node it comes from; when a step offered
 * several nodes, Alt+↓ / Alt+↑ walk through the others (the other ends of the same step).
 * Without such a step they walk every shown node in reading order (top to bottom, then left
 * to right), so an unlinked node is reachable too. Links and nodes are the ones shown (the
 * caller passes the active, visible, unfiltered ones).
 */
import type { LinkRecord, NodeRecord } from '../../shared/model/types';

export type NavKey = 'out' | 'in' | 'next' | 'previous';

/** The last link step: where it started and the nodes it offered, in order. */
export interface NavStep {
  from: string;
  options: readonly string[];
  index: number;
}

export interface NavResult {
  id: string;
  step: NavStep | null;
}

type Placed = Pick<NodeRecord, 'id' | 'position'>;

const readingOrder = (a: Placed, b: Placed) =>
  a.position.y - b.position.y || a.position.x - b.position.x || (a.id < b.id ? -1 : 1);

/** The other ends of `id`'s links in one direction, in reading order, each once. */
export function linkedNodes(
  id: string,
  direction: 'out' | 'in',
  links: readonly Pick<LinkRecord, 'source' | 'target'>[],
  byId: ReadonlyMap<string, Placed>,
): string[] {
  const seen = new Set<string>();
  for (const l of links) {
    const other =
      direction === 'out' ? (l.source === id ? l.target : null) : l.target === id ? l.source : null;
    if (other !== null && other !== id && byId.has(other)) seen.add(other);
  }
  return [...seen]
    .map((o) => byId.get(o) as Placed)
    .sort(readingOrder)
    .map((n) => n.id);
}

/**
 * The node to go to from `current` (null: nothing focused yet) for `key`, and the step to
 * remember for the next Alt+↓/↑. Answers null when there is nowhere to go.
 */
export function navigate(
  key: NavKey,
  current: string | null,
  nodes: readonly Placed[],
  links: readonly Pick<LinkRecord, 'source' | 'target'>[],
  last: NavStep | null,
): NavResult | null {
  if (nodes.length === 0) return null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ordered = () => [...nodes].sort(readingOrder);
  if (current === null || !byId.has(current)) {
    const all = ordered();
    const first = key === 'previous' ? all[all.length - 1] : all[0];
    return first ? { id: first.id, step: null } : null;
  }
  if (key === 'out' || key === 'in') {
    const options = linkedNodes(current, key, links, byId);
    const first = options[0];
    return first === undefined ? null : { id: first, step: { from: current, options, index: 0 } };
  }
  const delta = key === 'next' ? 1 : -1;
  // Still on the node the last step reached: walk the other ends of that step.
  if (last && last.options[last.index] === current && last.options.length > 1) {
    const index = (last.index + delta + last.options.length) % last.options.length;
    const id = last.options[index];
    if (id !== undefined && byId.has(id)) return { id, step: { ...last, index } };
  }
  const all = ordered();
  const at = all.findIndex((n) => n.id === current);
  const next = all[(at + delta + all.length) % all.length];
  return next && next.id !== current ? { id: next.id, step: null } : null;
}
