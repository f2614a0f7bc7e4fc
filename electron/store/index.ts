/** The durable workspace store (docs/store.md). */
export { openWorkspaceFiles, WorkspaceStore } from './workspace-store';
export type {
  AppendReceipt,
  CompactionReport,
  FoldSpec,
  OpenOptions,
  OpenedWorkspace,
} from './workspace-store';
export type { FoldFn } from './fold-to-snapshot';
export type { SnapshotValidator } from './recover-workspace';
export type { StoreError, StoreErrorCode, StoreProblem } from './store-errors';
