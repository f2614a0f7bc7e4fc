/**
 * Everything the engine keeps incrementally, recomputed from the records alone and compared.
 * Returns the list of violations (empty when the workspace is consistent).
 */
import { LINK_TYPE_RULES, typeKey } from '../constants';
import type { NodeEntry, WorkspaceState } from '../state';
import { blockedOf, blockerOf, isActive, isEdge, NO_DAY } from '../state';
import { dayOf } from '../plan/work-calendar';
import { actuallyBlocks, deriveAllStatuses, recomputeAllStatuses } from '../status';
import { linkBlockerIsSource } from '../records';
import { checkLinkRules } from '../rules';
import { buildSchedule, refreshSchedule, type NodeSched } from '../plan/schedule';
import { deriveSchedule } from './schedule-oracle';

export function checkInvariants(state: WorkspaceState): string[] {
  const bad: string[] = [];
  checkSchedule(state, bad);
  // [N2] Two from-scratch derivations: one independent of the engine's order, and the one
  // the engine loads with (in its topological order).
  for (const [n, s] of deriveAllStatuses(state)) {
    if (s !== n.rec.status)
      bad.push(`status of ${n.rec.display_id} is ${n.rec.status}, derived ${s}`);
  }
  for (const [n, s] of recomputeAllStatuses(state)) {
    bad.push(`status of ${n.rec.display_id} is ${n.rec.status}, recomputed in order ${s}`);
  }
  // Endpoint, type and trash indexes.
  for (const n of state.nodes.values()) {
    const out = [...state.links.values()].filter((l) => l.rec.source === n.rec.id);
    const inn = [...state.links.values()].filter((l) => l.rec.target === n.rec.id);
    if (out.length !== n.out.length || !out.every((l) => n.out.includes(l))) {
      bad.push(`out-index of ${n.rec.display_id}`);
    }
    if (inn.length !== n.in.length || !inn.every((l) => n.in.includes(l))) {
      bad.push(`in-index of ${n.rec.display_id}`);
    }
    if (n.rec.in_trash !== state.trashNodes.has(n.rec.id)) bad.push(`trash index ${n.rec.id}`);
    if (n.trash !== n.rec.in_trash || n.dependent !== n.rec.dependent) {
      bad.push(`mirrors of ${n.rec.display_id}`);
    }
    if (n.rec.status !== 2 && n.base !== n.rec.status) bad.push(`base of ${n.rec.display_id}`);
    if (n.finished !== (n.rec.status === 3)) bad.push(`finished mirror of ${n.rec.display_id}`);
    // [PL2] The planning inputs the schedule reads from the entry, not the record.
    const day = (d: string | undefined) => (d === undefined ? NO_DAY : dayOf(d));
    if (
      n.est !== (n.rec.estimate ?? 0) ||
      n.startDay !== day(n.rec.start_date) ||
      n.dueDay !== day(n.rec.due_date)
    ) {
      bad.push(`planning mirrors of ${n.rec.display_id}`);
    }
  }
  if ([...state.trashNodes].some((id) => !state.nodes.get(id)?.rec.in_trash)) {
    bad.push('stale node trash entry');
  }
  if ([...state.trashLinks].some((id) => !state.links.get(id)?.rec.in_trash)) {
    bad.push('stale link trash entry');
  }
  for (const [member, mine] of state.grants) {
    if (!state.members.has(member)) bad.push(`grant for unknown member ${member}`);
    for (const node of mine.keys())
      if (!state.nodes.has(node)) bad.push(`grant on gone node ${node}`);
  }
  // [H2] the retention rule's per-actor counts match the log.
  const counts = new Map<string, number>();
  for (const b of state.history.batches) counts.set(b.actor.id, (counts.get(b.actor.id) ?? 0) + 1);
  if (JSON.stringify([...counts].sort()) !== JSON.stringify([...state.history.counts].sort()))
    bad.push('history counts drifted');
  let typed = 0;
  for (const set of state.byType.values()) typed += set.size;
  if (typed !== state.links.size) bad.push(`type index holds ${typed} of ${state.links.size}`);
  const seenKeys = new Map<string, string>();
  const ords = new Set<number>();
  for (const n of state.nodes.values()) ords.add(n.ord);
  if (ords.size !== state.nodes.size) bad.push('topological positions are not unique');
  for (const l of state.links.values()) {
    const r = l.rec;
    if (l.src !== state.nodes.get(r.source) || l.tgt !== state.nodes.get(r.target)) {
      bad.push(`endpoints of ${r.display_id}`);
    }
    if (l.key !== typeKey(r.link_type, r.custom_link_type)) bad.push(`key of ${r.display_id}`);
    if (!state.byType.get(l.key)?.has(l)) bad.push(`type index misses ${r.display_id}`);
    if (l.blockerIsSource !== linkBlockerIsSource(state, r)) bad.push(`blocker of ${r.display_id}`);
    if (r.in_trash !== state.trashLinks.has(r.id)) bad.push(`trash index ${r.display_id}`);
    if (l.live !== (r.type === 0 && !r.in_trash)) bad.push(`live mirror of ${r.display_id}`);
    if (r.source === r.target) bad.push(`self-link ${r.display_id}`);
    // [C2] the order proves the blocking graph acyclic.
    if (isEdge(l) && blockerOf(l).ord >= blockedOf(l).ord) bad.push(`order of ${r.display_id}`);
    // [L4]
    if (r.type === 1 && r.was_blocker) bad.push(`secondary ${r.display_id} was_blocker`);
    if (actuallyBlocks(l) && !r.was_blocker) bad.push(`${r.display_id} blocks, !was_blocker`);
    if (blockedOf(l).rec.status === 3 && r.was_blocker)
      bad.push(`${r.display_id} done, was_blocker`);
    if (!isActive(l)) continue;
    // Every active link passes every structural rule against the rest of the graph.
    const refused = checkLinkRules(
      state,
      {
        source: l.src,
        target: l.tgt,
        link_type: r.link_type,
        custom_link_type: r.custom_link_type,
        type: r.type,
      },
      { ignore: new Set([r.id]), isNew: false, primaryCycle: false },
    );
    if (refused) bad.push(`${r.display_id} breaks a rule: ${refused.code}`);
    // [C3] one active link per (unordered pair, type).
    const pair = [r.source, r.target].sort().join('|') + l.key;
    if (seenKeys.has(pair)) bad.push(`duplicate ${r.display_id} / ${seenKeys.get(pair) ?? ''}`);
    seenKeys.set(pair, r.display_id);
    // [C1] per-type limits.
    const rule =
      r.link_type && r.link_type !== 'custom_link' ? LINK_TYPE_RULES[r.link_type] : undefined;
    if (rule?.oneIncoming && l.tgt.in.filter((x) => x.key === l.key && isActive(x)).length > 1) {
      bad.push(`${r.display_id}: target has two incoming ${r.link_type}`);
    }
    if (rule?.oneOutgoing && l.src.out.filter((x) => x.key === l.key && isActive(x)).length > 1) {
      bad.push(`${r.display_id}: source has two outgoing ${r.link_type}`);
    }
  }
  return bad;
}

/** The workspace's records without history and counters (which only move forward). */
export function recordsOf(state: WorkspaceState): string {
  const nodes = [...state.nodes.values()].map((n) => n.rec).sort((a, b) => (a.id < b.id ? -1 : 1));
  const links = [...state.links.values()].map((l) => l.rec).sort((a, b) => (a.id < b.id ? -1 : 1));
  const grants = [...state.grants.entries()]
    .map(([m, g]) => [m, [...g.entries()].sort()] as const)
    .sort();
  return JSON.stringify({
    nodes,
    links,
    grants,
    members: [...state.members.keys()].sort(),
    calendar: state.calendar ?? null,
  });
}

/**
 * [PL2] The incrementally kept schedule (when one exists) against two from-scratch ones: the
 * engine's own full pass (in topological order) and the order-free recursion of the oracle.
 */
function checkSchedule(state: WorkspaceState, bad: string[]): void {
  const plan = state.plan;
  if (!plan) return;
  refreshSchedule(state, plan);
  const kept = new Map<NodeEntry, NodeSched>();
  for (const n of state.nodes.values()) {
    const v = plan.valuesOf(n);
    if (!v) bad.push(`no schedule for ${n.rec.display_id}`);
    else kept.set(n, v);
  }
  const derived = deriveSchedule(state, plan);
  // The full pass gives every entry a slot in its own array; the increments' values were
  // copied out first. The workspace goes on with the fresh schedule.
  const fresh = buildSchedule(state, state.calendar, plan.fallbackStart);
  state.plan = fresh;
  for (const [n, s] of kept) {
    const f = fresh.valuesOf(n) as NodeSched;
    const d = derived.get(n.rec.id);
    const name = n.rec.display_id;
    if (!d) {
      bad.push(`no derived schedule for ${name}`);
      continue;
    }
    for (const k of ['es', 'ef', 'tail', 'due'] as const) {
      if (s[k] !== f[k]) bad.push(`${k} of ${name} is ${s[k]}, from scratch ${f[k]}`);
      if (s[k] !== d[k]) bad.push(`${k} of ${name} is ${s[k]}, derived ${d[k]}`);
    }
    if (s.up !== f.up || s.upDue !== f.upDue) bad.push(`contributions of ${name}`);
  }
}
