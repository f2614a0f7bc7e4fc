/**
 * The import worker's whole job (import-worker.ts): prepare the file's workspace
 * (prepare-import.ts), write it into the folder the hub made for it, and open it from there
 * through the normal path. All of it is O(file) work — a 100,000-node file is hundreds of
 * megabytes of parsing, checking and serialising — so none of it runs on the main thread,
 * which only sends the file over and then installs and lists the folder (workspace-hub.ts).
 */
import type { ServiceError } from '../../shared/contract/errors';
import { toStoredSnapshot } from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import { openWorkspaceFiles } from '../store';
import { prepareImport, type ImportJob } from './prepare-import';
import { foldModuleUrl } from './workspace-fold';
import { WorkspaceSession } from './workspace-session';

export interface FolderImportJob extends ImportJob {
  /** The new workspace's id and the (temporary) folder to write it in. */
  workspaceId: string;
  dir: string;
}

export interface ImportedWorkspace {
  workspaceName: string;
  nodes: number;
  links: number;
}

export async function importIntoFolder(
  job: FolderImportJob,
): Promise<Result<ImportedWorkspace, ServiceError>> {
  const prepared = prepareImport(job);
  if (!prepared.ok) return prepared;
  const { state, workspaceName } = prepared.value;
  // No compaction: the genesis record is already in the store's compact form, which opens as
  // fast as a snapshot file; the workspace compacts as usual once it is edited.
  const files = await openWorkspaceFiles(job.dir, {
    fold: { modulePath: foldModuleUrl() },
    autoCompactBytes: false,
  });
  if (!files.ok) return err(files.error);
  const written = await files.value.store.append({ genesis: toStoredSnapshot(state) });
  const closed = await files.value.store.close();
  if (!written.ok) return err(written.error);
  if (!closed.ok) return err(closed.error);
  // Read back through the path every open takes (checksums, engine load): what is listed
  // afterwards is known to open.
  const opened = await WorkspaceSession.open(job.workspaceId, job.dir);
  if (!opened.ok) return opened;
  const { nodes, links } = opened.value.state;
  await opened.value.close();
  return ok({ workspaceName, nodes: nodes.size, links: links.size });
}
