/**
 * An export as a file the page never reads (issue 16): in headless serve the HTTP twin fetches
 * `GET /api/export` — the service's `export`, answered as the file itself (SPEC X3) — and
 * keeps the body as a Blob, which the browser holds outside the page's JavaScript. Through
 * `/rpc/export` the page had to parse the file out of a JSON answer and encode it again into
 * a Blob: 2–3 s of its main thread for a 100,000-node plan's JSON or GraphML
 * (docs/exchange.md, "Exports of a large plan in the editor"). The preload bridge has no such
 * method: there the editor asks `export` for the text (renderer/exchange/export-file.ts).
 */
import type { MethodParams } from '../../shared/contract/methods';
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import { refusalOf } from './http-refusal';

export interface ExportedBlob {
  filename: string;
  blob: Blob;
}

export interface FileExports {
  /** null: not this way (filters too long for a URL); ask `export` for the text instead. */
  exportFile(params: MethodParams<'export'>): Promise<Result<ExportedBlob, ServiceError> | null>;
}

/** Browsers and servers take URLs this long; longer filters go by `/rpc/export` instead. */
const MAX_URL = 8_000;

/** The `filename="…"` of a Content-Disposition (the service makes it ASCII-safe). */
function filenameOf(disposition: string | null): string | null {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? null;
}

/** The HTTP twin's `exportFile`. */
export function httpFileExports(token: string, base = ''): FileExports {
  return {
    async exportFile(params) {
      const query = new URLSearchParams({ format: params.format });
      if (params.as) query.set('as', params.as);
      if (params.only) query.set('only', JSON.stringify(params.only));
      const url = `${base}/api/export?${query.toString()}`;
      if (url.length > MAX_URL) return null;
      let response: Response;
      try {
        response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      } catch {
        return err({
          code: 'internal.unreachable',
          message: 'The Linkgraph server cannot be reached.',
        });
      }
      const filename = filenameOf(response.headers.get('content-disposition'));
      if (response.ok && filename) return ok({ filename, blob: await response.blob() });
      return err(await refusalOf(response));
    },
  };
}
