/**
 * A refusal answered by the local API's file routes (`GET /api/export`, `POST /api/import`),
 * read back as the service's typed error: their JSON body is `{ ok: false, error: code,
 * message, … }` (electron/api/respond.ts); anything else is a bad answer.
 */
import type { ServiceError } from '../../shared/contract/errors';

export async function refusalOf(response: Response): Promise<ServiceError> {
  const body = (await response.json().catch(() => null)) as
    ({ ok: false; error: ServiceError['code'] } & Omit<ServiceError, 'code'>) | null;
  if (body?.ok === false) {
    const { ok: _ok, error: code, ...rest } = body;
    return { ...rest, code };
  }
  return { code: 'internal.bad_response', message: `The server answered ${response.status}.` };
}
