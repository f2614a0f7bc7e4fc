/**
 * The one contract of the service: every method any transport may call, with the zod
 * schema of its parameters and the type of its answer. IPC (preload + main handlers), the
 * renderer's HTTP twin and the local API are all derived from this map, so a method
 * exists in one place only.
 */
import { z } from 'zod';
import type { LinkRecord, NodeRecord } from '../model/types';
import type { MethodName } from './method-names';

export { METHOD_NAMES, isMethodName, type MethodName } from './method-names';

/** What a member sees of a workspace: nodes and links, already filtered for them. */
export interface GraphView {
  workspace: WorkspaceInfo;
  nodes: NodeRecord[];
  links: LinkRecord[];
}

export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'serve';
  /** Problems met while opening (a damaged file kept aside, ...), for the person to see. */
  problems: string[];
}

export interface WorkspaceInfo {
  id: string;
  name: string;
}

/** Identifier of a workspace folder: short, file-name safe. */
export const WorkspaceId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'invalid workspace id');

const NoParams = z.strictObject({}).optional();

/** Declares a method: its parameter schema, and (as a type only) what it answers. */
const method =
  <R>() =>
  <P extends z.ZodType>(params: P) => ({ params, result: undefined as unknown as R });

export const methods = {
  /** Liveness and version, for health checks and the renderer's first call. */
  'app.info': method<AppInfo>()(NoParams),
  'workspace.list': method<{ workspaces: WorkspaceInfo[]; open: string }>()(NoParams),
  'graph.get': method<GraphView>()(
    z.strictObject({ workspace: WorkspaceId.optional() }).optional(),
  ),
} as const satisfies Record<MethodName, { params: z.ZodType; result: unknown }>;

export type MethodParams<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type MethodResult<M extends MethodName> = (typeof methods)[M]['result'];
