/**
 * The browser twin of the preload bridge, for headless serve: the same LinkgraphApi, over
 * `POST /rpc/:method` on the page's own origin with the owner's bearer token.
 */
import type { LinkgraphApi } from '../../shared/contract/api';
import { METHOD_NAMES, type MethodName } from '../../shared/contract/method-names';
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';

export function createHttpBridge(token: string, base = ''): LinkgraphApi {
  const call = async (
    method: MethodName,
    params: unknown,
  ): Promise<Result<unknown, ServiceError>> => {
    let response: Response;
    try {
      response = await fetch(`${base}/rpc/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: params === undefined ? '' : JSON.stringify(params),
      });
    } catch {
      return err({
        code: 'internal.unreachable',
        message: 'The Linkgraph server cannot be reached.',
      });
    }
    const body = (await response.json().catch(() => null)) as
      | { ok: true; value: unknown }
      | { ok: false; error: ServiceError['code']; message: string }
      | null;
    if (body?.ok === true) return ok(body.value);
    if (body?.ok === false) return err({ ...body, code: body.error });
    return err({
      code: 'internal.bad_response',
      message: `The server answered ${response.status}.`,
    });
  };
  return Object.fromEntries(
    METHOD_NAMES.map((m) => [m, (params?: unknown) => call(m, params)]),
  ) as LinkgraphApi;
}
