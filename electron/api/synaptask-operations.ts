/**
 * SynapTask's operations (SPEC X3, X4) in one table: each documented REST route and its
 * Socket.IO twin ("REST and WS are equivalent pairs that share one payload") run the same
 * service method through `runOperation`, with the same argument and answer shaping. The REST
 * routes (synaptask-routes.ts) and the socket events (socket-server.ts) are only transports
 * over this table, so an operation cannot answer differently on the two.
 */
import type { MethodName } from '../../shared/contract/method-names';
import type { ServiceError } from '../../shared/contract/errors';
import type { GraphView, TrashList } from '../../shared/contract/methods';
import type { Batch } from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import type { ApiCaller, ApiService } from './limited-service';

type Input = Record<string, unknown>;
export type Verb = 'get' | 'post' | 'put' | 'delete';

export interface SynapTaskOperation {
  /** The Socket.IO event SynapTask documents. */
  event: string;
  /** The REST route of the same operation. GET routes read their input from the query string. */
  route: [Verb, string];
  /** The service method it runs. */
  method: MethodName;
  /** SynapTask's payload → the method's parameters (default: the payload as is). */
  params?: (input: Input) => unknown;
  /** The method's answer → what follows `ok: true` (default: `{diff}`, a command's batch). */
  answer?: (value: never, input: Input) => Record<string, unknown>;
}

/** A whole number from a payload or query, clamped; `fallback` when absent or not a number. */
const bounded = (value: unknown, fallback: number, min: number, max: number): number =>
  Math.min(Math.max(Number(value ?? fallback) || fallback, min), max);

/** An undo/redo answer as SynapTask documents it: `{batchId, undoOf|redoOf, diff}`. */
const chained = (key: 'undoOf' | 'redoOf') => (batch: Batch) => ({
  batchId: batch.batchId,
  [key]: batch[key],
  diff: batch,
});

/**
 * [PL1] SynapTask names a node's due date `dueDate`, an ISO-8601 UTC time (`…Z`); ours is
 * `due_date`, the UTC date of that time. `assignee` has the same name in both. Anything that
 * is not such a time goes on unchanged, for the shared schema to refuse (invalid_due_datetime).
 */
const nodeFields = ({ dueDate, ...rest }: Input): Input => {
  if (dueDate === undefined) return rest;
  const time = typeof dueDate === 'string' && /T.*Z$/.test(dueDate) ? Date.parse(dueDate) : NaN;
  return {
    ...rest,
    due_date: Number.isNaN(time) ? dueDate : new Date(time).toISOString().slice(0, 10),
  };
};

export const SYNAPTASK_OPERATIONS: readonly SynapTaskOperation[] = [
  {
    event: 'graph:get',
    route: ['get', '/api/graph'],
    method: 'graph.get',
    params: () => undefined,
    // Pages are over nodes; each link comes with the page holding its source, so it appears once.
    answer: ({ nodes, links }: GraphView, input) => {
      const limit = bounded(input.limit, 10_000, 1, 100_000);
      const offset = bounded(input.offset, 0, 0, Number.MAX_SAFE_INTEGER);
      const page = nodes.slice(offset, offset + limit);
      const onPage = new Set(page.map((n) => n.id));
      return {
        hasMore: offset + limit < nodes.length,
        graph: { nodes: page, links: links.filter((l) => onPage.has(l.source)) },
      };
    },
  },
  {
    event: 'trash:page',
    route: ['get', '/api/trash'],
    method: 'trash.list',
    params: () => undefined,
    // SynapTask's page: trashed nodes then links, `limit` (default 100, max 1000) of them from
    // `offset`. `trash` repeats the page in the shape this route answered before paging.
    answer: (trash: TrashList, input) => {
      const limit = bounded(input.limit, 100, 1, 1000);
      const offset = bounded(input.offset, 0, 0, Number.MAX_SAFE_INTEGER);
      const nodes = trash.nodes.slice(offset, offset + limit);
      const linkStart = Math.max(offset - trash.nodes.length, 0);
      const links = trash.links.slice(linkStart, linkStart + limit - nodes.length);
      const hasMore = offset + limit < trash.nodes.length + trash.links.length;
      return { hasMore, nodes, links, trash: { nodes, links } };
    },
  },
  {
    event: 'history:page',
    route: ['get', '/api/history'],
    method: 'history.list',
    // One workspace is one graph: SynapTask's scopeType/scopeId name it and are not needed.
    params: (input) => ({ limit: input.limit ?? 100 }),
    answer: (page: object) => ({ ...page }),
  },
  { event: 'node:add', route: ['post', '/api/node'], method: 'node.create', params: nodeFields },
  { event: 'node:update', route: ['put', '/api/node'], method: 'node.update', params: nodeFields },
  { event: 'node:trash', route: ['post', '/api/node/trash'], method: 'node.trash' },
  { event: 'node:restore', route: ['post', '/api/node/restore'], method: 'node.restore' },
  { event: 'node:delete', route: ['delete', '/api/node'], method: 'node.purge' },
  {
    event: 'node:access',
    route: ['post', '/api/node/access'],
    method: 'access.grant',
    // SynapTask names the node `id` and defaults level 3 (viewer) and branch true.
    params: ({ id, ...rest }) => ({ node: id, level: 3, branch: true, ...rest }),
  },
  { event: 'link:add', route: ['post', '/api/link'], method: 'link.create' },
  { event: 'link:update', route: ['put', '/api/link'], method: 'link.update' },
  { event: 'link:trash', route: ['post', '/api/link/trash'], method: 'link.trash' },
  { event: 'link:restore', route: ['post', '/api/link/restore'], method: 'link.restore' },
  { event: 'link:delete', route: ['delete', '/api/link'], method: 'link.purge' },
  { event: 'link:swap', route: ['post', '/api/link/swap'], method: 'link.swap' },
  // Not a documented WS event (the changelog names `trash:purge` without a payload): local.
  { event: 'trash:empty', route: ['post', '/api/trash/empty'], method: 'trash.empty' },
  {
    event: 'history:undo',
    route: ['post', '/api/history/undo'],
    method: 'history.undo',
    answer: chained('undoOf'),
  },
  {
    event: 'history:redo',
    route: ['post', '/api/history/redo'],
    method: 'history.redo',
    answer: chained('redoOf'),
  },
];

export interface OperationDeps {
  /** The rate-limited service (limited-service.ts): every change counts against the caller's
   * token, on every transport; reads do not. */
  service: ApiService;
}

/**
 * Runs one operation for a caller: the payload's shaping, the (rate-limited) service, the
 * answer's shaping. Answers the body after `ok: true`, or the typed error.
 */
export async function runOperation(
  { service }: OperationDeps,
  operation: SynapTaskOperation,
  payload: unknown,
  caller: ApiCaller,
): Promise<Result<Record<string, unknown>, ServiceError>> {
  const input = payload ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    return err({ code: 'bad_request.invalid_params', message: 'The payload must be an object.' });
  }
  const params = operation.params ? operation.params(input as Input) : input;
  const result = await service.call(operation.method, params, caller);
  if (!result.ok) return result;
  return ok(
    operation.answer
      ? operation.answer(result.value as never, input as Input)
      : { diff: result.value },
  );
}
