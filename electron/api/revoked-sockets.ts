/**
 * A revoked token's open Socket.IO connections are cut at once, wherever the API is served:
 * headless serve, each team server instance (its token book hears revocations made on any
 * instance) and the desktop app's local API. The token book announces each revoked hash; the
 * API server cuts the connections opened with it (`disconnect(true)`: the client sees
 * `io server disconnect`, and a new handshake is refused as revoked).
 */
import type { TokenBook } from '../service/token-book';
import type { ApiServer } from './http-server';

/** Cuts `api`'s sockets of every token `book` revokes, until the answered stop is called. */
export function cutRevokedSockets(
  book: Pick<TokenBook, 'onRevoked'>,
  api: Pick<ApiServer, 'disconnectToken'>,
): () => void {
  return book.onRevoked?.((hash) => void api.disconnectToken(hash)) ?? (() => {});
}
