/**
 * `--listen HOST:PORT` and `--public-origin URL` of the team server. Listening beyond
 * loopback needs the origins members use, because every request's Host and Origin are
 * checked against them (guards.ts; the checks are never switched off):
 *
 * - a loopback host (127.0.0.1, localhost, ::1) needs none;
 * - a named host or address (`--listen 10.0.0.5:8080`) defaults to `http://10.0.0.5:8080`
 *   (`https://` with `--tls-cert`);
 * - a wildcard (`0.0.0.0`, `::`) does not say how it is reached: `--public-origin` is required
 *   (e.g. `https://plans.example.com` behind a TLS reverse proxy).
 */
import { err, ok, type Result } from '../../shared/model/result';

export interface Listen {
  host: string;
  port: number;
}

// The hosts guards.ts accepts as loopback (IPv6 [::1] is reached through a derived origin).
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::', '']);

export function parseListen(value: string): Result<Listen, string> {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port > 65535)
    return err(`--listen must be HOST:PORT (port 0–65535; IPv6 as [::1]:PORT), got "${value}".`);
  return ok({ host: match[1] ?? match[2] ?? '', port });
}

export function publicOriginsFor(
  listen: Listen,
  given: readonly string[],
  secure = false,
): Result<string[], string> {
  const origins: string[] = [];
  for (const value of given) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return err(
        `--public-origin must be a URL such as https://plans.example.com, got "${value}".`,
      );
    }
    if (
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.pathname !== '/' ||
      url.search
    )
      return err(`--public-origin must be an http(s) origin without a path, got "${value}".`);
    origins.push(url.origin);
  }
  if (origins.length || LOOPBACK.has(listen.host)) return ok(origins);
  if (WILDCARD.has(listen.host))
    return err(
      `--listen ${listen.host || '*'}:${listen.port} accepts every address: name the origin members use with --public-origin (e.g. https://plans.example.com).`,
    );
  if (listen.port === 0)
    return err('--listen beyond loopback needs a fixed port (members must know where to connect).');
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return ok([new URL(`${secure ? 'https' : 'http'}://${host}:${listen.port}`).origin]);
}
