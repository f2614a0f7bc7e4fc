/**
 * Electron hardening (SPEC X1, Electron's security checklist): a strict CSP sent as a header
 * (in addition to the meta tag in renderer/index.html), navigation and new windows denied,
 * permission requests denied. The window's own options are in main-window.ts.
 */
import type { App, Session } from 'electron';

/**
 * The same policy as the meta tag in renderer/index.html. Inline styles stay allowed
 * because React Flow positions nodes with style attributes; scripts are only our own files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The response headers with our CSP set, for pages of the app (app://) or, should one ever
 * be loaded, a local file; other responses are left as they are (answers null).
 */
export function headersWithCsp(
  url: string,
  headers: Record<string, string[]> | undefined,
): Record<string, string[]> | null {
  if (!url.startsWith('app:') && !url.startsWith('file:')) return null;
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/** Adds the CSP header to every app page the session loads. */
export function applyCspHeaders(session: Pick<Session, 'webRequest'>): void {
  // No URL filter: Electron rejects match patterns for custom schemes on some versions, and
  // the check in headersWithCsp is cheap.
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = headersWithCsp(details.url, details.responseHeaders);
    callback(responseHeaders ? { responseHeaders } : {});
  });
}

/** Our renderer is a single page: any navigation, webview or window.open is refused. */
export function setupNavigationGuards(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** No camera, microphone, notifications, geolocation…: the editor needs none. */
export function denyPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
