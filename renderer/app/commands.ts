/**
 * Runs service methods for the editor: every command's batch is folded into the graph store
 * (so the canvas changes only when the engine accepted the change — a refused drag simply
 * leaves the edge where it was), and every refusal becomes a toast in plain words.
 */
import type { LinkgraphApi } from '../../shared/contract/api';
import type { MethodName, MethodParams, MethodResult } from '../../shared/contract/methods';
import type { CommandMethodName } from '../../shared/contract/method-names';
import type { Batch } from '../../shared/engine/batch';
import { prepareView, recordBatches, useGraphStore } from '../state/graph-store';
import { clearOutline, offerOutline, outlineStore } from '../state/outline-store';
import { useUiStore } from '../state/ui-store';
import { describeError, type ErrorSubject } from './describe-error';
import type { ServiceError } from '../../shared/contract/errors';
import { decodeGraphSteps } from '../../shared/contract/graph-columns';
import type { Steps } from '../../shared/engine/steps';
import { accessEnded } from '../bridge/access-ended';
import { pageTurn } from '../canvas/virtualization/idle';
import { prepareFirstFrame } from '../canvas/flow-lists';

let api: LinkgraphApi | null = null;

export function setApi(bridge: LinkgraphApi): void {
  api = bridge;
}

export function getApi(): LinkgraphApi {
  if (!api) throw new Error('The bridge is not connected yet.');
  return api;
}

/** Calls a query; a refusal is shown and answered as null. */
export async function query<M extends MethodName>(
  method: M,
  params?: MethodParams<M>,
): Promise<MethodResult<M> | null> {
  const call = getApi()[method] as (p?: MethodParams<M>) => ReturnType<LinkgraphApi[M]>;
  const result = await call(params);
  if (result.ok) return result.value as MethodResult<M>;
  tellRefusal('error', result.error.message);
  return null;
}

/**
 * Shows a refusal as a toast — unless the page's access has ended: then the access dialog
 * (panels/AccessRevoked) already says why nothing more can be read or changed, and every
 * refusal after it (the theme saved behind the dialog, a reload) is that reason again.
 */
export function tellRefusal(kind: 'error' | 'info', text: string): void {
  if (accessEnded()) return;
  useUiStore.getState().toast(kind, text);
}

/** What a command answered: its batch, or the refusal and the refusal in words. */
export type Attempt = { ok: true; batch: Batch } | { ok: false; error: ServiceError; text: string };

/**
 * Runs a command and applies its batch, without showing a refusal: for forms that show it
 * next to the field it is about. `about` names what the command is about (a node, a link),
 * so the refusal can name it ("ENH-2 Faster queries already has a parent: …").
 */
export async function attempt<M extends CommandMethodName>(
  method: M,
  params: MethodParams<M>,
  about: ErrorSubject = {},
): Promise<Attempt> {
  const viewing = useGraphStore.getState();
  if (viewing.viewer && viewing.viewer !== currentMember) {
    // "View as" is a preview (app/view-as.ts): a change would be made by the person, not by
    // the member shown, so none is sent.
    const name = viewing.members.find((m) => m.id === viewing.viewer)?.username ?? 'a member';
    const text = `You are viewing as ${name}: go back to your own view to make changes.`;
    return { ok: false, error: { code: VIEW_AS_REFUSAL, message: text }, text };
  }
  const call = getApi()[method] as (p?: MethodParams<M>) => ReturnType<LinkgraphApi[M]>;
  const result = await call(params);
  const graph = useGraphStore.getState();
  if (!result.ok) {
    return { ok: false, error: result.error, text: describeError(result.error, graph, about) };
  }
  const batch = result.value as Batch;
  graph.applyBatch(batch);
  return { ok: true, batch };
}

/** The page's own refusal while viewing as a member (nothing was sent). */
const VIEW_AS_REFUSAL = 'forbidden.viewing_as_member';

/**
 * Runs a command and applies its batch; a refusal becomes a toast in words. `subject` names
 * the node the command is about (or pass `{node, link}`).
 */
export async function command<M extends CommandMethodName>(
  method: M,
  params: MethodParams<M>,
  subject?: string | ErrorSubject,
): Promise<Batch | null> {
  const about = typeof subject === 'string' ? { node: subject } : (subject ?? {});
  const answer = await attempt(method, params, about);
  if (answer.ok) return answer.batch;
  tellRefusal(answer.error.code === VIEW_AS_REFUSAL ? 'info' : 'error', answer.text);
  return null;
}

/** The member the app speaks for (set from app.info). */
export let currentMember: string | null = null;
export function setCurrentMember(member: string): void {
  currentMember = member;
}

export async function reloadView(
  as?: string | null,
  /** The plan's outline asked first (askOutline): settled once the records are in. */
  outline?: OutlineAsk,
): Promise<void> {
  const viewer = as === undefined ? useGraphStore.getState().viewer : as;
  // In columns (shared/contract/graph-columns.ts): a 100,000-node plan is a quarter of the
  // bytes and parses several times faster than graph.get's records.
  const other = viewer && viewer !== currentMember ? { as: viewer } : undefined;
  // Batches that arrive while the view is read are the person's own view's: folded in again
  // on top of it (recordBatches). Another member's view is read again after each instead
  // (App.tsx), so they are not its.
  const stop = recordBatches();
  const columns = await query('graph.columns', other);
  outline?.settle();
  // With an outline on screen a person may already be panning it: a turn of the page between
  // the steps of taking the records in (each a few hundred ms at 100,000 nodes), so none of
  // them adds to another's stall.
  const paced = outlineStore.getState().outline !== null;
  if (paced) await pageTurn();
  const view = columns ? await inTurns(decodeGraphSteps(columns), paced) : null;
  if (paced) await pageTurn();
  if (paced && view) {
    // The records' lists, then the canvas's first frame of them, each in a turn of its own
    // (prepareView, prepareFirstFrame): what is left of the commit that shows them is smaller.
    const { records, active } = prepareView(view);
    await pageTurn();
    const { flashing, customTypes } = useGraphStore.getState();
    prepareFirstFrame({ version: 0, active, nodesById: records.nodes, flashing, customTypes });
    await pageTurn();
  }
  const meanwhile = stop();
  if (view) useGraphStore.getState().setView(view, other ? [] : meanwhile);
  clearOutline();
}

/** Runs `steps` to the end, with a turn of the page between two steps when `paced`. */
async function inTurns<R>(steps: Steps<R>, paced: boolean): Promise<R> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (paced) await pageTurn();
  }
}

/** An outline asked (askOutline); `settle` once the records are shown: a later one is dropped. */
export interface OutlineAsk {
  settle(): void;
}

/**
 * The page's first view: asks the plan's outline (shared/contract/graph-outline.ts;
 * docs/canvas-performance.md, "The outline first") as early as the page can, alongside
 * `app.info` (it is a picture only: a change made meanwhile reaches the records, which follow).
 * It is offered to the canvas (outline-store.ts) unless the records came first; `onShown`
 * runs if it is shown. A refusal says nothing: the records' own ask reports it.
 */
export function askOutline(onShown: () => void): OutlineAsk {
  let settled = false;
  const ask = getApi()['graph.outline'];
  void ask().then((answer) => {
    if (!settled && answer.ok && offerOutline(answer.value)) onShown();
  });
  return { settle: () => void (settled = true) };
}
