/**
 * The one-node changes the canvas bench's real-app part makes from another client
 * (`CANVAS_BENCH_APP_CHANGE`; bench/canvas-app.ts), each through the server's `/rpc` like any
 * client's.
 */
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import type { ServeHandle } from '../../e2e/support/serve-process';

export const CHANGE_KINDS = [
  'status',
  'create',
  'create-linked',
  'remove',
  'remove-link',
  'create-link',
  'replace-link',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The plan as served: what the `remove` and `remove-link` changes pick from. */
export interface ServedPlan {
  nodes: readonly NodeRecord[];
  links: readonly LinkRecord[];
}

export async function rpc<T>(serve: ServeHandle, method: string, params: unknown): Promise<T> {
  const res = await fetch(`${serve.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const json = (await res.json()) as { ok: boolean; value: T; message?: string };
  if (!json.ok) throw new Error(`${method}: ${json.message}`);
  return json.value;
}

export /**
 * Change `i` of run `run` (1-based), from another client. Removals pick nodes (links) in the
 * plan's middle rows, a different one each time, so every change really removes something.
 */
async function makeChange(
  serve: ServeHandle,
  kind: ChangeKind,
  changing: NodeRecord,
  plan: ServedPlan | undefined,
  run: number,
  i: number,
): Promise<void> {
  const nth = (run - 1) * 50 + i;
  const position = { x: changing.position.x + 40 * i, y: changing.position.y + 300 + 40 * run };
  if (kind === 'create' || kind === 'create-linked')
    await rpc(serve, 'node.create', {
      title: `Bench ${run}.${i}`,
      kind: 'task',
      position,
      ...(kind === 'create-linked' ? { target: changing.id } : {}),
    });
  else if (kind === 'remove') {
    const victim = plan?.nodes[Math.floor(plan.nodes.length / 2) + 7 + 13 * nth];
    if (!victim) throw new Error('no plan to remove nodes from');
    await rpc(serve, 'node.trash', { id: victim.id });
  } else if (kind === 'remove-link') {
    const victim = plan?.links[Math.floor(plan.links.length / 2) + 7 + 13 * nth];
    if (!victim) throw new Error('no plan to remove links from');
    await rpc(serve, 'link.trash', { id: victim.id });
  } else if (kind === 'create-link') {
    // A secondary link (type 1: no cycle to refuse) to a node not linked to it yet.
    const other = plan?.nodes[Math.floor(plan.nodes.length / 2) + 7 + 13 * nth];
    if (!other) throw new Error('no plan to link nodes of');
    await rpc(serve, 'link.create', { source: changing.id, target: other.id, type: 1 });
  } else if (kind === 'replace-link') {
    // A secondary link keeps its source and type and gets another target.
    const secondary = plan?.links.filter((l) => l.type === 1) ?? [];
    const victim = secondary[Math.floor(secondary.length / 2) + 7 + 13 * nth];
    const other = plan?.nodes[Math.floor((plan?.nodes.length ?? 0) / 2) + 11 + 13 * nth];
    if (!victim || !other) throw new Error('no plan to re-wire links of');
    await rpc(serve, 'link.replace', { id: victim.id, source: victim.source, target: other.id });
  } else {
    // Each status change flips what the server holds now: a status set to what it already is
    // makes no batch, and the run would wait for one forever (an even CANVAS_BENCH_APP_CHANGES
    // used to end a run where the next one began).
    const held = statusHeld.get(serve) ?? new Map<string, number>();
    statusHeld.set(serve, held);
    const status = (held.get(changing.id) ?? changing.status) === 1 ? 0 : 1;
    await rpc(serve, 'node.update', { id: changing.id, status });
    held.set(changing.id, status);
  }
}

/** The status each server holds for the nodes the bench changed (a server per build). */
const statusHeld = new WeakMap<ServeHandle, Map<string, number>>();
