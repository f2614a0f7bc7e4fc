/**
 * A text export as a Blob to save. In headless serve the bridge fetches the file itself and
 * the page never holds its text (renderer/bridge/http-export.ts: a 100,000-node JSON export
 * held the page's thread 2.8 s); the preload bridge answers `export` with the text, which is
 * wrapped here. A refusal is shown, in the service's words, and answered as null.
 */
import type { LinkgraphApi } from '../../shared/contract/api';
import type { MethodParams } from '../../shared/contract/methods';
import { getApi, query } from '../app/commands';
import type { ExportedBlob, FileExports } from '../bridge/http-export';
import { useUiStore } from '../state/ui-store';

export async function exportFile(params: MethodParams<'export'>): Promise<ExportedBlob | null> {
  const api = getApi() as LinkgraphApi & Partial<FileExports>;
  const fetched = api.exportFile ? await api.exportFile(params) : null;
  if (fetched) {
    if (fetched.ok) return fetched.value;
    useUiStore.getState().toast('error', fetched.error.message);
    return null;
  }
  const file = await query('export', params);
  return file
    ? { filename: file.filename, blob: new Blob([file.content], { type: file.mediaType }) }
    : null;
}
