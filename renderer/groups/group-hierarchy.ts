/**
 * The parts hierarchy and what collapsing its parents hides (collapse.ts draws it). Pure and
 * framework-free.
 *
 * - `hierarchyOf` reads the parent/child pairs from the active links; which end is the
 *   parent is the engine's rule (shared/engine/hierarchy.ts), not restated here.
 * - `collapseGroups` decides, for the collapsed parents, which nodes are hidden and which
 *   visible card stands for each (nested: a collapsed parent inside a collapsed parent is
 *   hidden too, its members count for the outer card).
 */
import type { LinkRecord } from '../../shared/model/types';
import { hierarchyEnds } from '../../shared/engine/hierarchy';

export interface Hierarchy {
  /** parent id → its children's ids (link order). */
  children: ReadonlyMap<string, readonly string[]>;
  /** child id → its parents' ids (one by the rules of each type; be defensive). */
  parents: ReadonlyMap<string, readonly string[]>;
}

export interface Collapse {
  /** Hidden node → the visible collapsed parent whose card stands for it. */
  hiddenBy: ReadonlyMap<string, string>;
  /** Visible collapsed parent → what it hides. */
  groups: ReadonlyMap<string, { members: number; blocked: number }>;
}

const push = (map: Map<string, string[]>, key: string, value: string) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** The parts hierarchy among active links (callers pass `activeLinks`). */
export function hierarchyOf(links: Iterable<LinkRecord>): Hierarchy {
  const children = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  for (const link of links) {
    const ends = hierarchyEnds(link);
    if (!ends || ends.parent === ends.child) continue;
    push(children, ends.parent, ends.child);
    push(parents, ends.child, ends.parent);
  }
  return { children, parents };
}

export const NO_COLLAPSE: Collapse = { hiddenBy: new Map(), groups: new Map() };

/**
 * Which nodes the collapsed parents hide, and which card stands for each. Collapsed parents
 * are taken in id order, so the answer does not depend on the order they were collapsed in.
 * A collapsed parent under another collapsed parent is hidden, and the outer card stands
 * for its members too. Defensive where the rules leave room: a node under two parents (one
 * `is_part_of` and one `is_parent_of` parent may coexist) belongs to the first group that
 * reaches it; a loop of parents (possible across the two types with secondary links) hides
 * its members under the first collapsed parent on it, never everything.
 */
export function collapseGroups(
  hierarchy: Hierarchy,
  collapsed: ReadonlySet<string>,
  statusOf: (id: string) => number | undefined,
): Collapse {
  if (collapsed.size === 0) return NO_COLLAPSE;
  // owner: hidden node → the collapsed parent that claimed it; a claimer later hidden inside
  // another group points at that group's parent (resolved, with path halving, at the end).
  const owner = new Map<string, string>();
  const tops = new Set<string>();
  const resolve = (id: string): string => {
    let at = id;
    for (let next = owner.get(at); next !== undefined && next !== at; next = owner.get(at)) {
      const after = owner.get(next);
      if (after !== undefined && after !== next) owner.set(at, after);
      at = next;
    }
    return at;
  };
  for (const top of [...collapsed].sort()) {
    if (owner.has(top) || statusOf(top) === undefined) continue; // hidden already, or gone
    const first = hierarchy.children.get(top);
    if (!first || first.length === 0) continue; // not (or no longer) a parent
    const stack = [...first];
    while (stack.length > 0) {
      const n = stack.pop() as string;
      if (n === top) continue; // a loop back to the group's own parent
      const claimed = owner.get(n);
      if (claimed !== undefined) continue; // first group to reach it keeps it
      if (tops.has(n)) {
        // An earlier group is inside this one: its parent and members move here.
        tops.delete(n);
        owner.set(n, top);
        continue;
      }
      owner.set(n, top);
      for (const c of hierarchy.children.get(n) ?? []) stack.push(c);
    }
    tops.add(top);
  }
  const hiddenBy = new Map<string, string>();
  const groups = new Map<string, { members: number; blocked: number }>();
  for (const t of tops) groups.set(t, { members: 0, blocked: 0 });
  for (const id of owner.keys()) {
    const group = resolve(id);
    hiddenBy.set(id, group);
    const g = groups.get(group);
    if (!g) continue;
    g.members++;
    if (statusOf(id) === 2) g.blocked++;
  }
  return { hiddenBy, groups };
}

/** The collapsed parents that hide `id` (to expand them when a search jumps to it). */
export function collapsedAncestors(
  id: string,
  hierarchy: Hierarchy,
  collapsed: ReadonlySet<string>,
): string[] {
  const found: string[] = [];
  const seen = new Set([id]);
  const stack = [id];
  while (stack.length > 0) {
    const n = stack.pop() as string;
    for (const p of hierarchy.parents.get(n) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      if (collapsed.has(p)) found.push(p);
      stack.push(p);
    }
  }
  return found;
}
