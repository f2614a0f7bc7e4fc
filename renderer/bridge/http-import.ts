/**
 * An import of a file the page never reads (issue 16): in headless serve the HTTP twin posts
 * the chosen file as the raw body of `POST /api/import` — the service's `import`, whose worker
 * decodes the bytes (electron/service/run-import.ts). Through `/rpc/import` the page had to
 * read the file as text and wrap it in JSON, and the server had to parse that JSON on the
 * thread that answers every client (a 200 MB file: seconds). The preload bridge has no such
 * method: there the editor sends `import` the text (renderer/exchange/import-file.ts).
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { MethodParams, MethodResult } from '../../shared/contract/methods';
import { err, ok, type Result } from '../../shared/model/result';
import { refusalOf } from './http-refusal';

export interface FileImports {
  /** The file as it is on disk (a File is a Blob): the browser streams it, unread. */
  importFile(
    params: Omit<MethodParams<'import'>, 'content'>,
    file: Blob,
  ): Promise<Result<MethodResult<'import'>, ServiceError>>;
}

/** The HTTP twin's `importFile`. */
export function httpFileImports(token: string, base = ''): FileImports {
  return {
    async importFile(params, file) {
      const query = new URLSearchParams({ format: params.format });
      if (params.name) query.set('name', params.name);
      let response: Response;
      try {
        response = await fetch(`${base}/api/import?${query.toString()}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
          body: file,
        });
      } catch {
        return err({
          code: 'internal.unreachable',
          message: 'The Linkgraph server cannot be reached.',
        });
      }
      if (!response.ok) return err(await refusalOf(response));
      const answer = (await response.json().catch(() => null)) as
        ({ ok: true } & MethodResult<'import'>) | null;
      if (!answer?.ok) return err(await refusalOf(response));
      const { ok: _ok, ...value } = answer;
      return ok(value);
    },
  };
}
