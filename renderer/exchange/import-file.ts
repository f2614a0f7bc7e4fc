/**
 * A chosen file imported as a new workspace. In headless serve the bridge posts the file
 * itself and the page never reads it (renderer/bridge/http-import.ts); the preload bridge
 * takes its text through `import`. A refusal is shown, in the importer's words, and answered
 * as null.
 */
import type { LinkgraphApi } from '../../shared/contract/api';
import type { MethodParams, MethodResult } from '../../shared/contract/methods';
import { getApi, query, tellRefusal } from '../app/commands';
import type { FileImports } from '../bridge/http-import';

export async function importFile(
  params: Omit<MethodParams<'import'>, 'content'>,
  file: Blob,
): Promise<MethodResult<'import'> | null> {
  const api = getApi() as LinkgraphApi & Partial<FileImports>;
  if (!api.importFile) return query('import', { ...params, content: await file.text() });
  const done = await api.importFile(params, file);
  if (done.ok) return done.value;
  tellRefusal('error', done.error.message);
  return null;
}
