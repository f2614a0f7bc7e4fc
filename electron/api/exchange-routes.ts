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
    const body = bodyBytes(c.req.raw.body);
    const params = {
      format: c.req.query('format'),
      // The bytes as they come, read by the import while the upload goes on, not decoded
      // here: decoding 200 MB of UTF-8 held the API for most of a second; the import's worker
      // does it (run-import.ts). The limit middleware has already answered 413 to a body whose
      // length is over the limit (and read a body of unknown length whole, within it).
      content: body,
      ...(name ? { name } : {}),
    };
    const result = await service.call('import', params, callerOf(c));
    // What the import did not read (a refusal before the file, or one part way in) is read to
    // the end, so the answer reaches a client that is still sending.
    await body.rest();
    return result.ok ? c.json({ ok: true, ...(result.value as object) }) : fail(c, result.error);
  });
}

/**
 * A request body as an async iterable of its chunks that a reader may leave part way (its
 * iterator has no `return`, so leaving does not cancel the stream), and `rest` to read what
 * is left and drop it.
 */
function bodyBytes(
  body: ReadableStream<Uint8Array> | null,
): AsyncIterable<Uint8Array> & { rest: () => Promise<void> } {
  const reader = body?.getReader();
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const read = reader ? await reader.read() : { done: true as const, value: undefined };
    return read.done ? { done: true, value: undefined } : { done: false, value: read.value };
  };
  return {
    [Symbol.asyncIterator]: () => ({ next }),
    rest: async () => {
      try {
        while (!(await next()).done) {
          // dropped
        }
      } catch {
        // the client went away
      }
    },
  };
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
