/**
 * The typed client interface the renderer uses, derived from the contract: one async
 * function per method answering a Result, plus a subscription to the diffs other clients
 * cause. The preload bridge (Electron) and the HTTP twin (serve mode) both implement it.
 */
import type { Batch } from '../engine/batch';
import type { Result } from '../model/result';
import type { ServiceError } from './errors';
import type { MethodName, MethodParams, MethodResult } from './methods';
import type { ShellEvent } from './shell-events';

export type LinkgraphApi = {
  [M in MethodName]: (params?: MethodParams<M>) => Promise<Result<MethodResult<M>, ServiceError>>;
};

/**
 * A diff pushed by the service: a batch some other client caused, already filtered for this
 * member — or, after the push channel reconnected, `resync`: diffs may have been missed while
 * it was down, so the view must be read again.
 */
export type DiffEvent = { workspace: string; batch: Batch } | { workspace: string; resync: true };

export type LinkgraphBridge = LinkgraphApi & {
  /** Calls `listener` for every pushed diff; answers the unsubscribe function. */
  onDiff(listener: (event: DiffEvent) => void): () => void;
  /**
   * Resolves once pushed diffs reach the page: its live channel is connected (after onDiff).
   * Absent where pushes need no connection (the desktop shell's IPC).
   */
  diffsFlowing?(): Promise<void>;
  /**
   * Calls `listener` for every event the desktop shell pushes (menu actions, a workspace
   * opened from the OS); answers the unsubscribe function. A no-op in the browser.
   */
  onShellEvent(listener: (event: ShellEvent) => void): () => void;
};

/** The IPC channel diffs are pushed on (main → renderer). */
export const DIFF_CHANNEL = 'linkgraph:diff';
