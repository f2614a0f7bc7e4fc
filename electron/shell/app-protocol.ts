/**
 * The renderer is served from the packaged files through `app://linkgraph/…` rather than
 * `file://` (Electron security checklist §18): `file://` pages share one origin with every
 * file on the disk, while this scheme answers only files inside `dist/renderer`, and gives
 * the page a real origin for the CSP's 'self'. Never a dev server: there is no code path that
 * loads http:// into the window.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'linkgraph';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registers `app:` as a standard, secure scheme. Must run before the app's `ready` event;
 * "standard" gives it origins and relative URLs, "secure" lets it be a secure context.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        // Vite marks the module script and stylesheet `crossorigin`: CORS-mode requests.
        corsEnabled: true,
        codeCache: true,
      },
    },
  ]);
}

/**
 * The file an `app://linkgraph/…` URL names inside `rootDir`, or null when the URL is of
 * another scheme or host, or would leave the folder (`..`, encoded `%2e%2e` or `%2f`,
 * backslashes, NUL). `/` answers `index.html`. Pure: the caller reads the file.
 */
export function resolveAppFile(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username || parsed.password || parsed.port) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // After decoding, a backslash or NUL can only be an attempt to smuggle a separator.
  if (path.includes('\\') || path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return null;
  return file;
}

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * The `protocol.handle` handler: the file with its media type and the CSP, 404 for anything
 * outside the folder or missing, 405 for anything but GET/HEAD.
 */
export function appFileHandler(
  rootDir: string,
  read: ReadFile = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405 });
    const file = resolveAppFile(request.url, rootDir);
    if (!file) return new Response('Not found', { status: 404 });
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Blob([new Uint8Array(body)]), {
      status: 200,
      headers: {
        'Content-Type': MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}

/** Serves `rootDir` on `app://linkgraph/` (after `ready`). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, appFileHandler(rootDir));
}
