/**
 * Export and import over the local API (SPEC X3, §5): `GET /api/export` answers the file
 * itself, streamed, `POST /api/import` takes the file as the raw body. Both are thin adapters
 * over the service's `export` (as a file: Service.file) and `import` methods; `?workspace=ID`
 * works as everywhere (callerOf).
 */
import type { Hono } from 'hono';
import { MAX_IMPORT_BYTES } from '../../shared/exchange/limits';
import type { ApiEnv } from './guards';
import type { ApiService } from './limited-service';
import { callerOf, fail } from './respond';

/** V8's longest string (2^29 − 24 UTF-16 units): a longer body could not even be read as text. */
const MAX_JS_STRING = 2 ** 29 - 24;

/**
 * Routes whose bodies may be as large as an import file (the general API limit is 1 MiB).
 * `/rpc/import` is the editor's own call in serve mode: its JSON wraps the file in a string,
 * where escaping (`\n`, `\"`) makes it somewhat longer than the file, hence the headroom — up
 * to what one JavaScript string can hold; the importers still refuse content over
 * MAX_IMPORT_BYTES themselves.
 */
export const IMPORT_BODY_LIMITS: Readonly<Record<string, number>> = {
  '/api/import': MAX_IMPORT_BYTES,
  '/rpc/import': Math.min(MAX_IMPORT_BYTES * 2, MAX_JS_STRING),
};

export function registerExchangeRoutes(app: Hono<ApiEnv>, service: ApiService): void {
  app.get('/api/export', async (c) => {
    const as = c.req.query('as');
    // `only`: the editor's filters as JSON (docs/exchange.md); text that is not JSON goes on
    // as it is, for the service to refuse with its typed error.
    const only = c.req.query('only');
    const params = {
      format: c.req.query('format'),
      ...(as ? { as } : {}),
      ...(only !== undefined ? { only: jsonOrText(only) } : {}),
    };
    // The file is written in pieces as it is read (export-stream.ts): a 100,000-node export
    // is 200 MB, which written whole stalled the API for seconds.
    const result = await service.file('export', params, callerOf(c));
    if (!result.ok) return fail(c, result.error);
    const file = result.value;
    // The file name is ASCII-safe (the service makes it so), so it needs no RFC 5987 form.
    return c.body(file.body, 200, {
      'Content-Type': `${file.mediaType}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.post('/api/import', async (c) => {
    // Creating a workspace is a mutation: the service counts it against the token's rate limit.
    const name = c.req.query('name');
    const params = {
      format: c.req.query('format'),
      // The bytes as they came, not decoded here: decoding 200 MB of UTF-8 held the API for
      // most of a second; the import's worker does it (run-import.ts). A body over the limit
      // fails this read, and the limit middleware answers 413.
      content: await bodyChunks(c.req.raw.body),
      ...(name ? { name } : {}),
    };
    const result = await service.call('import', params, callerOf(c));
    return result.ok ? c.json({ ok: true, ...(result.value as object) }) : fail(c, result.error);
  });
}

async function bodyChunks(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  if (body)
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return chunks;
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
