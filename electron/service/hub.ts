/**
 * What the method table needs of the workspaces it serves: the data folder's `WorkspaceHub`
 * (files, the list in settings) or a team server's hub (electron/team/team-hub.ts, the
 * database). `setOpen` may answer later: a team server saves it in its database.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import type { Result } from '../../shared/model/result';
import type { BatchesSince } from '../team/batches-since';
import type { WorkspaceHub } from './workspace-hub';

export type Hub = Pick<
  WorkspaceHub,
  | 'profile'
  | 'list'
  | 'openId'
  | 'info'
  | 'session'
  | 'create'
  | 'createWritten'
  | 'rename'
  | 'remove'
  | 'closeAll'
> & {
  setOpen(
    id: string,
  ): Result<WorkspaceInfo, ServiceError> | Promise<Result<WorkspaceInfo, ServiceError>>;
  /**
   * A workspace's batches numbered after `after` (team servers: the database keeps every
   * one); absent where the log is folded away (the data folder's files).
   */
  batchesSince?(
    workspace: string,
    after: number,
    limit: number,
  ): Promise<Result<BatchesSince, ServiceError>>;
};
