/**
 * [T4] Listening beyond loopback: `--listen` and `--public-origin` are parsed strictly, and
 * the Host/Origin checks accept the configured public origin as well as loopback — never
 * anything else, and never switched off.
 */
import { describe, expect, it } from 'vitest';
import { isLoopbackRequest } from '../api/guards';
import { parseListen, publicOriginsFor } from './listen';

describe('team server addresses', () => {
  it('[T4] --listen takes HOST:PORT, IPv6 in brackets', () => {
    expect(parseListen('0.0.0.0:8080')).toEqual({
      ok: true,
      value: { host: '0.0.0.0', port: 8080 },
    });
    expect(parseListen('[::1]:7000')).toEqual({ ok: true, value: { host: '::1', port: 7000 } });
    expect(parseListen('plans.local:0')).toEqual({
      ok: true,
      value: { host: 'plans.local', port: 0 },
    });
    for (const bad of ['8080', 'host:', 'host:99999', 'a:b:c', ''])
      expect(parseListen(bad).ok, bad).toBe(false);
  });

  it('[T4] beyond loopback the public origin is named or derived, never guessed for a wildcard', () => {
    expect(publicOriginsFor({ host: '127.0.0.1', port: 0 }, [])).toEqual({ ok: true, value: [] });
    expect(publicOriginsFor({ host: '10.0.0.5', port: 8080 }, [])).toEqual({
      ok: true,
      value: ['http://10.0.0.5:8080'],
    });
    const wildcard = publicOriginsFor({ host: '0.0.0.0', port: 8080 }, []);
    expect(wildcard.ok).toBe(false);
    expect(wildcard.ok ? '' : wildcard.error).toMatch(/--public-origin/);
    expect(
      publicOriginsFor({ host: '0.0.0.0', port: 8080 }, ['https://plans.example.com/']),
    ).toEqual({
      ok: true,
      value: ['https://plans.example.com'],
    });
    expect(publicOriginsFor({ host: '10.0.0.5', port: 8443 }, [], true)).toEqual({
      ok: true,
      value: ['https://10.0.0.5:8443'],
    });
    expect(publicOriginsFor({ host: '10.0.0.5', port: 0 }, []).ok).toBe(false);
    expect(publicOriginsFor({ host: '::1', port: 7000 }, [])).toEqual({
      ok: true,
      value: ['http://[::1]:7000'],
    });
    for (const bad of ['plans.example.com', 'ftp://x', 'https://x/path', 'https://x/?a=1'])
      expect(publicOriginsFor({ host: '0.0.0.0', port: 1 }, [bad]).ok, bad).toBe(false);
  });

  it('[T4] Host and Origin must be loopback or exactly the public origin', () => {
    const publicOrigins = ['https://plans.example.com'];
    const check = (host: string, origin?: string) =>
      isLoopbackRequest(4000, host, origin, publicOrigins);
    expect(check('plans.example.com', 'https://plans.example.com')).toBe('ok');
    expect(check('plans.example.com')).toBe('ok');
    expect(check('127.0.0.1:4000', 'http://127.0.0.1:4000')).toBe('ok');
    expect(check('evil.example.com')).toBe('bad_host');
    expect(check('plans.example.com:4000')).toBe('bad_host');
    expect(check('plans.example.com', 'http://plans.example.com')).toBe('bad_origin');
    expect(check('plans.example.com', 'https://evil.example.com')).toBe('bad_origin');
    // Served over TLS, our own loopback origin is https://, and only that.
    expect(isLoopbackRequest(4000, '127.0.0.1:4000', 'https://127.0.0.1:4000', [], true)).toBe(
      'ok',
    );
    expect(isLoopbackRequest(4000, '127.0.0.1:4000', 'http://127.0.0.1:4000', [], true)).toBe(
      'bad_origin',
    );
    expect(check('127.0.0.1:4000', 'https://127.0.0.1:4000')).toBe('bad_origin');
    // Without public origins, only loopback, as before.
    expect(isLoopbackRequest(4000, 'plans.example.com', undefined)).toBe('bad_host');
  });
});
