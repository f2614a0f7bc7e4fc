/**
 * TLS helpers for team server tests: a self-signed certificate made with `openssl` for the
 * names a test uses, and an HTTPS request that trusts only that certificate and may set the
 * Host and Origin headers a member's browser would send (fetch may not set Host).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why certificates cannot be made here, or null. */
export function whyNoOpenssl(): string | null {
  return spawnSync('openssl', ['version']).status === 0 ? null : 'openssl is not installed';
}

/** A fresh self-signed P-256 certificate for 127.0.0.1, localhost and `names`. */
export function selfSignedCertificate(names: string[] = []): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lg-tls-'));
  try {
    const san = ['IP:127.0.0.1', 'DNS:localhost', ...names.map((n) => `DNS:${n}`)].join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=linkgraph-test',
        '-addext',
        `subjectAltName=${san}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    return {
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TlsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

/** An HTTPS request to 127.0.0.1:port trusting `ca` only, with the headers given. */
export function httpsCall(
  port: number,
  ca: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: unknown;
    servername?: string;
  },
): Promise<TlsReply> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        ca,
        servername: options.servername ?? 'localhost',
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          host: `127.0.0.1:${port}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
