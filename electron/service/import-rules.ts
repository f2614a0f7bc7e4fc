/**
 * The engine's structural rules, checked over a whole imported graph at once. `fromSnapshot`
 * already refuses what would corrupt the engine (dangling references, self-links, primary
 * cycles [C2]); the per-type table of [C1], reversed duplicates [L8] and custom type limits
 * [C4] are checked by the engine only when a link is made, so an imported file could slip
 * past them. These checks say the same things as `shared/engine/rules.ts`, but in one pass
 * over all links (the engine's per-link walks would be quadratic on a long parent chain or a
 * hub node, which a hostile file can be).
 */
import { ruleOf } from '../../shared/engine/constants';
import { customKindRefusal, reachAlong } from '../../shared/engine/rules';
import { isActive, type LinkEntry, type WorkspaceState } from '../../shared/engine/state';

export interface RuleBreak {
  message: string;
  object_ids: string[];
}

const name = (l: LinkEntry): string => l.rec.display_id;

/** The first rule an imported workspace breaks, or undefined. */
export function firstRuleBreak(state: WorkspaceState): RuleBreak | undefined {
  const active = [...state.links.values()].filter(isActive);
  return limitsAndReversals(active) ?? typeCycles(state, active) ?? customTypes(state, active);
}

/** [C1] one incoming / one outgoing per type, and [L8] the same link both ways. */
function limitsAndReversals(active: LinkEntry[]): RuleBreak | undefined {
  const incoming = new Map<string, LinkEntry>();
  const outgoing = new Map<string, LinkEntry>();
  const pairs = new Map<string, LinkEntry>();
  for (const l of active) {
    const r = ruleOf(l.rec.link_type);
    const { source, target } = l.rec;
    if (r.oneIncoming) {
      const other = incoming.get(`${l.key} ${target}`);
      if (other) {
        const what = l.rec.link_type === 'is_parent_of' ? 'a child has one parent' : r.forward;
        return {
          message: `Links ${name(other)} and ${name(l)} both end at node ${target} (${what}: one incoming link per node).`,
          object_ids: [other.rec.id, l.rec.id],
        };
      }
      incoming.set(`${l.key} ${target}`, l);
    }
    if (r.oneOutgoing) {
      const other = outgoing.get(`${l.key} ${source}`);
      if (other) {
        const what = l.rec.link_type === 'is_part_of' ? 'a part has one parent' : r.forward;
        return {
          message: `Links ${name(other)} and ${name(l)} both start at node ${source} (${what}: one outgoing link per node).`,
          object_ids: [other.rec.id, l.rec.id],
        };
      }
      outgoing.set(`${l.key} ${source}`, l);
    }
    const reversed = pairs.get(`${l.key} ${target} ${source}`);
    if (reversed) {
      return {
        message: `Links ${name(reversed)} and ${name(l)} are the same link in both directions.`,
        object_ids: [reversed.rec.id, l.rec.id],
      };
    }
    pairs.set(`${l.key} ${source} ${target}`, l);
  }
  return undefined;
}

/** [C1] types that may not form a cycle: Kahn's algorithm per type, O(nodes + links). */
function typeCycles(state: WorkspaceState, active: LinkEntry[]): RuleBreak | undefined {
  const byKey = new Map<string, LinkEntry[]>();
  for (const l of active) {
    // Custom types have no cycle rule of their own ([C4]); only built-in types are listed.
    if (!ruleOf(l.rec.link_type).acyclic) continue;
    const list = byKey.get(l.key);
    if (list) list.push(l);
    else byKey.set(l.key, [l]);
  }
  for (const [key, links] of byKey) {
    const indegree = new Map<string, number>();
    const out = new Map<string, string[]>();
    for (const l of links) {
      indegree.set(l.rec.target, (indegree.get(l.rec.target) ?? 0) + 1);
      if (!indegree.has(l.rec.source)) indegree.set(l.rec.source, 0);
      const next = out.get(l.rec.source);
      if (next) next.push(l.rec.target);
      else out.set(l.rec.source, [l.rec.target]);
    }
    const ready = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
    let done = 0;
    while (ready.length > 0) {
      const id = ready.pop() as string;
      done++;
      for (const m of out.get(id) ?? []) {
        const d = (indegree.get(m) ?? 0) - 1;
        indegree.set(m, d);
        if (d === 0) ready.push(m);
      }
    }
    if (done < indegree.size) {
      const stuck = [...indegree].filter(([, d]) => d > 0).map(([id]) => id);
      const titles = stuck.slice(0, 3).map((id) => state.nodes.get(id)?.rec.display_id ?? id);
      return {
        message: `"${ruleOf(links[0]?.rec.link_type).forward}" links (${key}) form a cycle through ${titles.join(', ')}.`,
        object_ids: stuck.slice(0, 20),
      };
    }
  }
  return undefined;
}

/** [C4] endpoint kinds and `max_hops` of custom link types (deprecated types keep their links). */
function customTypes(state: WorkspaceState, active: LinkEntry[]): RuleBreak | undefined {
  for (const l of active) {
    const id = l.rec.custom_link_type;
    const t = id === undefined ? undefined : state.linkTypes.get(id);
    if (!t) continue;
    const kinds = customKindRefusal(t, l.src.rec.kind, l.tgt.rec.kind);
    if (kinds) return { message: `Link ${name(l)}: ${kinds.message}`, object_ids: [l.rec.id] };
    if (t.max_hops !== undefined) {
      // The engine's measure: farthest node upstream of the source + 1 + farthest downstream
      // of the target, along this type, without the link itself. Walks stop at max_hops.
      // Other active links of the same type, as the engine counts a chain for max_hops.
      const follows = (x: LinkEntry) => x !== l && x.key === l.key && isActive(x);
      const up = reachAlong(l.src, false, t.max_hops, follows);
      const down = reachAlong(l.tgt, true, t.max_hops, follows);
      if (up + 1 + down > t.max_hops) {
        return {
          message: `Link ${name(l)}: a chain of "${t.name}" links may be at most ${t.max_hops} long.`,
          object_ids: [l.rec.id],
        };
      }
    }
  }
  return undefined;
}
