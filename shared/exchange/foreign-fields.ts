/**
 * One field of a foreign record at a time (foreign-graph.ts builds the records): text cut to
 * our limits, a status or link kind by code or name, the planning fields as the model's own
 * schemas accept them. Each answers the value, or a refusal naming where it is.
 */
import { err, ok, type Result } from '../model/result';
import { AssigneeSchema, DateSchema, EstimateSchema } from '../model/schemas';
import type { LinkKind, NodeRecord, NodeStatus } from '../model/types';
import { STATUS_NAMES } from './names';
import { exchangeError, type ExchangeError, shown, type Where } from './types';
import type { ForeignNode } from './foreign-graph';

export type Fail = { readonly ok: false; readonly error: ExchangeError };

/** One answer for every record added (250,000 of them at 100,000 nodes). */
export const DONE: Result<void, ExchangeError> = ok(undefined);

export const invalid = (message: string): Fail =>
  err(exchangeError('bad_request.import_invalid', message));

export function isFail(value: unknown): value is Fail {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

const ELLIPSIS = '\u2026';

/** Shortens text to `max` characters with an ellipsis (SynapTask's limits, [N4]). */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never cut between the two halves of a surrogate pair (an emoji, say).
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + ELLIPSIS;
}

const STATUS_BY_NAME: ReadonlyMap<string, NodeStatus> = new Map(
  Object.entries(STATUS_NAMES).map(([code, name]) => [
    name.toLowerCase(),
    Number(code) as NodeStatus,
  ]),
);

export function parseStatus(value: number | string, where: Where): NodeStatus | Fail {
  const byName =
    typeof value === 'string' ? STATUS_BY_NAME.get(value.trim().toLowerCase()) : undefined;
  if (byName !== undefined) return byName;
  const code = typeof value === 'number' ? value : Number(value.trim());
  if (value !== '' && Number.isInteger(code) && code >= 0 && code <= 3) return code as NodeStatus;
  return invalid(
    `${where}: status ${shown(value)} is not 0-3 or one of ${Object.values(STATUS_NAMES).join(', ')}`,
  );
}

export function parseLinkKind(value: number | string, where: Where): LinkKind | Fail {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (v === 0 || v === '0' || v === 'primary') return 0;
  if (v === 1 || v === '1' || v === 'secondary') return 1;
  return invalid(`${where}: type ${shown(value)} is not 0 (primary) or 1 (secondary)`);
}

export const NO_PLANNING: Partial<NodeRecord> = Object.freeze({});

/**
 * [PL1] A node's planning fields as the model's own schemas accept them; empty ones are
 * "none" and left out, so the record keeps the plain shape.
 */
export function planningOf(n: ForeignNode, where: Where): Partial<NodeRecord> | Fail {
  if (
    n.due_date === undefined &&
    n.start_date === undefined &&
    n.estimate === undefined &&
    n.assignee === undefined
  )
    return NO_PLANNING;
  const out: Partial<NodeRecord> = {};
  for (const field of ['due_date', 'start_date'] as const) {
    const v = n[field];
    if (v === undefined || v === '') continue;
    if (!DateSchema.safeParse(v).success) {
      return invalid(`${where}: ${field} ${shown(v)} is not a date written YYYY-MM-DD`);
    }
    out[field] = v;
  }
  if (n.estimate !== undefined) {
    if (!EstimateSchema.safeParse(n.estimate).success) {
      return invalid(`${where}: estimate ${n.estimate} is not a number of working days ≥ 0`);
    }
    out.estimate = n.estimate;
  }
  if (n.assignee !== undefined && n.assignee.length > 0) {
    const a = AssigneeSchema.safeParse(n.assignee);
    if (!a.success) {
      return invalid(`${where}: assignee ${shown(n.assignee.join(', '))} is not a list of names`);
    }
    out.assignee = a.data;
  }
  return out;
}
