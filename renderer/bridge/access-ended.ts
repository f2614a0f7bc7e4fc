/**
 * Whether the server stopped accepting this page's token. The HTTP bridge finds out (a call
 * answered 401, or the live connection refused once the server cut it); the desktop app's
 * access never ends. From then on panels/AccessRevoked says so over everything, and that is
 * the reason for every refusal that follows — app/commands.ts does not repeat it in toasts.
 */
import type { ServiceError } from '../../shared/contract/errors';

/**
 * Dispatched on `window` when the access ended. Its `detail` is `{ code }`, the server's
 * refusal: `unauthorized.token_revoked` when the owner revoked the token, another
 * `unauthorized.*` when the server does not know it (it restarted and minted a new one).
 */
export const ACCESS_REVOKED_EVENT = 'linkgraph:access-revoked';

export interface AccessEndedDetail {
  code: ServiceError['code'];
}

let ended: ServiceError['code'] | null = null;

/** Records that the access ended (the first reason stands) and tells the page. */
export function endAccess(code: ServiceError['code']): void {
  if (ended) return;
  ended = code;
  window.dispatchEvent(
    new CustomEvent<AccessEndedDetail>(ACCESS_REVOKED_EVENT, { detail: { code } }),
  );
}

/** The refusal that ended this page's access, or null while it lasts. */
export function accessEnded(): ServiceError['code'] | null {
  return ended;
}
