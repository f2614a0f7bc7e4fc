import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFileHandler, registerAppScheme, resolveAppFile } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const root = '/opt/Linkgraph/resources/app/dist/renderer';

describe('app:// protocol (renderer files only)', () => {
  it('[X1] resolves app://linkgraph/ paths to files inside the renderer folder', () => {
    expect(resolveAppFile('app://linkgraph/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://linkgraph/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://linkgraph', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://linkgraph/assets/main-1a2b.js?v=1#x', root)).toBe(
      join(root, 'assets', 'main-1a2b.js'),
    );
    expect(resolveAppFile('app://linkgraph/assets/a%20b.css', root)).toBe(
      join(root, 'assets', 'a b.css'),
    );
  });

  it('[X1] refuses path traversal in every spelling, other hosts and other schemes', () => {
    const refused = [
      'app://linkgraph/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://linkgraph/..%2f',
      'app://linkgraph/assets/..%5C..%5Csecret',
      'app://linkgraph/a%00.html',
      'app://linkgraph/%E0%A4%A',
      'app://evil/index.html',
      'app://linkgraph.evil/index.html',
      'app://user:pw@linkgraph/index.html',
      'app://linkgraph:8080/index.html',
      'file:///opt/Linkgraph/resources/app/dist/renderer/index.html',
      'https://linkgraph/index.html',
      'not a url',
    ];
    for (const url of refused)
      expect({ url, file: resolveAppFile(url, root) }).toEqual({ url, file: null });
    // URL parsing folds literal and %2e dot segments at the root: they stay inside the folder.
    expect(resolveAppFile('app://linkgraph/assets/../index.html', root)).toBe(
      join(root, 'index.html'),
    );
    expect(resolveAppFile('app://linkgraph/../../../etc/passwd', root)).toBe(
      join(root, 'etc', 'passwd'),
    );
    expect(resolveAppFile('app://linkgraph/%2e%2e/%2e%2e/etc/passwd', root)).toBe(
      join(root, 'etc', 'passwd'),
    );
  });

  it('[X1] serves files with their media type and the CSP; 404 outside or missing; GET/HEAD only', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'linkgraph-app-protocol-')), 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(join(dir, '..', 'outside-secret.txt'), 'secret');
    const handle = appFileHandler(dir);

    const page = await handle(new Request('app://linkgraph/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>x</title>');

    const script = await handle(new Request('app://linkgraph/assets/main.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');

    const traversal = await handle(new Request('app://linkgraph/..%2Foutside-secret.txt'));
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).toBe('Not found');
    expect((await handle(new Request('app://linkgraph/missing.js'))).status).toBe(404);
    expect(
      (await handle(new Request('app://linkgraph/index.html', { method: 'POST' }))).status,
    ).toBe(405);
  });

  it('[X1] registers app: as a standard, secure scheme', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([
      {
        scheme: 'app',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          corsEnabled: true,
          codeCache: true,
        },
      },
    ]);
  });
});
