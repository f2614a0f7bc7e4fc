/**
 * The structural rules a link must satisfy to be active: self-links and duplicates [C3] [L8],
 * DevRev's per-type limits and cycles [C1], custom type limits [C4], and primary cycles [C2].
 * Every check starts at the link's endpoints and walks only links of the same type (or the
 * blocking graph, bounded by the topological order), so none of them scans the workspace.
 * A whole graph (an import) is checked by graph-rules.ts, which asks these same functions
 * about each link; the refusals that a snapshot already refuses to load (self-links, custom
 * type references, primary cycles) are built here too, so every refusal has one wording.
 */
import type { CustomLinkType, LinkType, NodeKind } from '../model/types';
import { ruleOf, typeKey, type LinkTypeRule } from './constants';
import { linkError, type LinkError } from './errors';
import { hierarchyEnds } from './hierarchy';
import { findCycle } from './order';
import { isActive, type LinkEntry, type NodeEntry, type WorkspaceState } from './state';

/** A link as it would be: new, restored, swapped or replaced. */
export interface Candidate {
  source: NodeEntry;
  target: NodeEntry;
  link_type: LinkType | undefined;
  custom_link_type: string | undefined;
  type: 0 | 1;
}

export interface RuleOptions {
  /** Links to treat as already gone (the link itself when re-checking it, a replaced link). */
  ignore?: ReadonlySet<string>;
  /** Refuse deprecated custom types (new links only; existing ones keep working). */
  isNew: boolean;
  /** Run the primary-cycle check (off when the topological order already did it). */
  primaryCycle: boolean;
}

/** A link that counts for the rules of type `key`: active, that type, not ignored. */
export const counts = (l: LinkEntry, key: string, ignore: ReadonlySet<string> | undefined) =>
  l.key === key && isActive(l) && !ignore?.has(l.rec.id);

/** The first outgoing link of `n` that `pred` accepts (reads `links` in place: no copy). */
function findOut(n: NodeEntry, pred: (l: LinkEntry) => boolean): LinkEntry | undefined {
  const links = n.links;
  for (let i = 0, end = n.outCount; i < end; i++) {
    const l = links[i] as LinkEntry;
    if (pred(l)) return l;
  }
  return undefined;
}

/** The first incoming link of `n` that `pred` accepts. */
function findIn(n: NodeEntry, pred: (l: LinkEntry) => boolean): LinkEntry | undefined {
  const links = n.links;
  for (let i = n.outCount; i < links.length; i++) {
    const l = links[i] as LinkEntry;
    if (pred(l)) return l;
  }
  return undefined;
}

/**
 * A link from `a` to `b` that `pred` accepts, read from whichever of a's outgoing and b's
 * incoming links is shorter: a hub node costs its partner's degree, not its own, so checking
 * every link of a 10,000-child hub stays linear.
 */
function findBetween(
  a: NodeEntry,
  b: NodeEntry,
  pred: (l: LinkEntry) => boolean,
): LinkEntry | undefined {
  return a.outCount <= b.links.length - b.outCount
    ? findOut(a, (l) => l.tgt === b && pred(l))
    : findIn(b, (l) => l.src === a && pred(l));
}

/** [C3] [L8] A node cannot link to itself. */
export const selfLinkError = (): LinkError =>
  linkError('bad_request.self_link_not_allowed', 'A node cannot link to itself.');

/** [L8] A link cannot be made (or kept active) at a node in trash. */
export const endpointInTrashError = (role: 'source' | 'target', id: string): LinkError =>
  linkError(`bad_request.${role}_in_trash`, `The ${role} ${id} is in trash.`);

/** [C2] The refusal of a primary link that would close a blocking cycle (`path`: its nodes). */
export const primaryCycleError = (path: string[]): LinkError =>
  linkError(
    'conflict.cycle',
    'Primary links may not form a cycle: its nodes would block each other forever.',
    { object_ids: path },
  );

/**
 * The rules a link record must keep to exist at all, checked first for every candidate and by
 * the snapshot builder for every loaded link (trashed or not): no self-link, `custom_link_type`
 * exactly with `custom_link`, and a custom type that exists.
 */
export function shapeRuleBreak(
  state: WorkspaceState,
  source: NodeEntry,
  target: NodeEntry,
  linkType: LinkType | undefined,
  customLinkType: string | undefined,
): LinkError | undefined {
  if (source === target) return selfLinkError();
  if (linkType !== 'custom_link' && customLinkType !== undefined) {
    return linkError(
      'bad_request.custom_link_type_not_allowed',
      'custom_link_type requires link_type "custom_link".',
    );
  }
  if (linkType === 'custom_link' && customLinkType === undefined) {
    return linkError(
      'bad_request.custom_link_type_required',
      'link_type "custom_link" requires custom_link_type.',
    );
  }
  if (customLinkType !== undefined && !state.linkTypes.has(customLinkType)) {
    return linkError('not_found.link_type_not_found', 'The custom link type does not exist.');
  }
  return undefined;
}

export function customTypeOf(state: WorkspaceState, c: Candidate): CustomLinkType | undefined {
  return c.custom_link_type ? state.linkTypes.get(c.custom_link_type) : undefined;
}

export function candidateRule(state: WorkspaceState, c: Candidate): LinkTypeRule {
  return ruleOf(c.link_type, customTypeOf(state, c));
}

const candidateEnds = (c: Candidate) => ({
  source: c.source.rec.id,
  target: c.target.rec.id,
  link_type: c.link_type,
});

/** [C1] one-parent and other per-type limits; which end is the parent: hierarchy.ts. */
function checkLimits(c: Candidate, key: string, o: RuleOptions): LinkError | undefined {
  const r = ruleOf(c.link_type);
  if (r.oneIncoming) {
    const existing = findIn(c.target, (l) => counts(l, key, o.ignore));
    if (existing) {
      const parent = hierarchyEnds(existing.rec)?.parent;
      if (parent !== undefined) {
        return linkError(
          'bad_request.artifact_already_attached_to_a_parent',
          'The child already has a parent.',
          {
            existing_parent: parent,
            is_same: parent === hierarchyEnds(candidateEnds(c))?.parent,
            object_ids: [existing.rec.id],
          },
        );
      }
      return linkError(
        'bad_request.too_many_incoming',
        `The target already has an incoming "${r.forward}" link.`,
        { object_ids: [existing.rec.id] },
      );
    }
  }
  if (r.oneOutgoing) {
    const existing = findOut(c.source, (l) => counts(l, key, o.ignore));
    if (existing) {
      const parent = hierarchyEnds(existing.rec)?.parent;
      if (parent !== undefined) {
        return linkError(
          'bad_request.artifact_already_attached_to_a_parent',
          'The part already belongs to a parent.',
          {
            existing_parent: parent,
            is_same: parent === hierarchyEnds(candidateEnds(c))?.parent,
            object_ids: [existing.rec.id],
          },
        );
      }
      return linkError(
        'bad_request.too_many_outgoing',
        `The source already has an outgoing "${r.forward}" link.`,
        { object_ids: [existing.rec.id] },
      );
    }
  }
  return undefined;
}

/** Would source → target close a cycle of links of this type? Returns the path or undefined. */
function typeCycle(c: Candidate, key: string, o: RuleOptions): string[] | undefined {
  // Walk from the target along the type's direction looking for the source; for types with
  // one incoming link per node, walking back from the source is a single chain instead.
  const backward = ruleOf(c.link_type).oneIncoming;
  const start = backward ? c.source : c.target;
  const goal = backward ? c.target : c.source;
  const parent = new Map<NodeEntry, NodeEntry | null>([[start, null]]);
  const stack = [start];
  while (stack.length > 0) {
    const n = stack.pop() as NodeEntry;
    if (n === goal) {
      const path: string[] = [];
      for (let p: NodeEntry | null | undefined = n; p; p = parent.get(p)) path.push(p.rec.id);
      return path;
    }
    const links = n.links;
    const [from, to] = backward ? [n.outCount, links.length] : [0, n.outCount];
    for (let i = from; i < to; i++) {
      const l = links[i] as LinkEntry;
      if (!counts(l, key, o.ignore)) continue;
      const m = backward ? l.src : l.tgt;
      if (!parent.has(m)) {
        parent.set(m, n);
        stack.push(m);
      }
    }
  }
  return undefined;
}

/**
 * Longest BFS distance from a node along the links `follows` accepts, in one direction, up to
 * `cap` (max_hops [C4]); more than `cap` answers `cap + 1`. Exported so the whole-graph check
 * (graph-rules.ts) measures chains the same way.
 */
export function reachAlong(
  from: NodeEntry,
  forward: boolean,
  cap: number,
  follows: (l: LinkEntry) => boolean,
): number {
  let frontier = [from];
  const seen = new Set<NodeEntry>(frontier);
  let depth = 0;
  while (frontier.length > 0 && depth <= cap) {
    const next: NodeEntry[] = [];
    for (const n of frontier) {
      const links = n.links;
      const [lo, hi] = forward ? [0, n.outCount] : [n.outCount, links.length];
      for (let i = lo; i < hi; i++) {
        const l = links[i] as LinkEntry;
        if (!follows(l)) continue;
        const m = forward ? l.tgt : l.src;
        if (!seen.has(m)) {
          seen.add(m);
          next.push(m);
        }
      }
    }
    if (next.length === 0) break;
    depth++;
    frontier = next;
  }
  return depth;
}

/**
 * [C4] Whether a custom type allows a link between nodes of these kinds (empty lists allow any
 * kind). Also what a node's kind change is checked with, against its existing links.
 */
export function customKindRefusal(
  t: CustomLinkType,
  sourceKind: NodeKind,
  targetKind: NodeKind,
): LinkError | undefined {
  if (t.source_types.length > 0 && !t.source_types.includes(sourceKind)) {
    return linkError(
      'bad_request.source_kind_not_allowed',
      `"${t.name}" links may not start at ${article(sourceKind)}.`,
    );
  }
  if (t.target_types.length > 0 && !t.target_types.includes(targetKind)) {
    return linkError(
      'bad_request.target_kind_not_allowed',
      `"${t.name}" links may not end at ${article(targetKind)}.`,
    );
  }
  return undefined;
}

const article = (kind: NodeKind) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/** [C4] custom link types: deprecation, endpoint kinds, max_hops (a walk). */
function checkCustom(
  state: WorkspaceState,
  c: Candidate,
  key: string,
  o: RuleOptions,
  walks: boolean,
): LinkError | undefined {
  if (c.link_type !== 'custom_link') return undefined;
  const t = customTypeOf(state, c);
  if (!t) return undefined; // shapeRuleBreak refused it already
  if (o.isNew && t.is_deprecated) {
    return linkError(
      'bad_request.link_type_deprecated',
      `The link type "${t.name}" is deprecated.`,
    );
  }
  const kinds = customKindRefusal(t, c.source.rec.kind, c.target.rec.kind);
  if (kinds) return kinds;
  if (walks && t.max_hops !== undefined) {
    const follows = (l: LinkEntry) => counts(l, key, o.ignore);
    const up = reachAlong(c.source, false, t.max_hops, follows);
    const down = reachAlong(c.target, true, t.max_hops, follows);
    if (up + 1 + down > t.max_hops) {
      return linkError(
        'bad_request.max_hops_exceeded',
        `A chain of "${t.name}" links may be at most ${t.max_hops} long.`,
      );
    }
  }
  return undefined;
}

/** All structural rules for a candidate link; the first refusal, or undefined. Pure. */
export function checkLinkRules(
  state: WorkspaceState,
  c: Candidate,
  o: RuleOptions,
): LinkError | undefined {
  return ruleBreak(state, c, o, true);
}

/**
 * The rules of `checkLinkRules` that read only the endpoints' own links — everything but the
 * walks along chains (max_hops, cycles of a type, primary cycles). The whole-graph check runs
 * this for every link and finds the links the walks would refuse in one pass per type; then
 * it asks `checkLinkRules` itself for the verdict (graph-rules.ts).
 */
export function localRuleBreak(
  state: WorkspaceState,
  c: Candidate,
  o: RuleOptions,
): LinkError | undefined {
  return ruleBreak(state, c, o, false);
}

function ruleBreak(
  state: WorkspaceState,
  c: Candidate,
  o: RuleOptions,
  walks: boolean,
): LinkError | undefined {
  const shape = shapeRuleBreak(state, c.source, c.target, c.link_type, c.custom_link_type);
  if (shape) return shape;
  const key = typeKey(c.link_type, c.custom_link_type);
  const custom = checkCustom(state, c, key, o, walks);
  if (custom) return custom;
  // The one-parent rule first, so a repeated parent link reports is_same: true (DevRev).
  const limit = checkLimits(c, key, o);
  if (limit) return limit;
  const same = findBetween(c.source, c.target, (l) => counts(l, key, o.ignore));
  if (same) {
    return linkError('conflict.duplicate_link', 'The same link already exists.', {
      object_ids: [same.rec.id],
    });
  }
  const reversed = findBetween(c.target, c.source, (l) => counts(l, key, o.ignore));
  if (reversed) {
    return linkError('conflict.duplicate_reversed_link', 'The reversed link already exists.', {
      object_ids: [reversed.rec.id],
    });
  }
  if (!walks) return undefined;
  if (ruleOf(c.link_type).acyclic) {
    const path = typeCycle(c, key, o);
    if (path) {
      return linkError(
        'conflict.cycle',
        `"${ruleOf(c.link_type).forward}" links may not form a cycle.`,
        { object_ids: path },
      );
    }
  }
  if (c.type === 0 && o.primaryCycle) {
    const r = candidateRule(state, c);
    const blocker = r.blocker === 'source' ? c.source : c.target;
    const blocked = r.blocker === 'source' ? c.target : c.source;
    const path = findCycle(blocker, blocked, o.ignore);
    if (path) return primaryCycleError(path);
  }
  return undefined;
}
