/**
 * Picks the transport once at start: the preload bridge inside Electron, else the HTTP
 * twin with the token from `?token=` (kept in sessionStorage and removed from the address
 * bar so it does not linger in history or screenshots).
 */
import type { LinkgraphBridge } from '../../shared/contract/api';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    linkgraph?: LinkgraphBridge;
  }
}

const TOKEN_KEY = 'linkgraph.token';

export function connectBridge(): LinkgraphBridge | { error: string } {
  if (window.linkgraph) return window.linkgraph;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    return {
      error:
        'No access token: open the address that `npm run serve` printed (it ends in ?token=…).',
    };
  }
  return createHttpBridge(token);
}
