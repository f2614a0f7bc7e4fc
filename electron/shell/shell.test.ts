import { describe, expect, it } from 'vitest';
import { isOwnRendererFrame } from './ipc';
import { secureWebPreferences } from './security';

describe('Electron shell hardening', () => {
  it('[X1] windows run with context isolation and sandbox, without Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('[X1] IPC is accepted only from frames showing our own renderer files', () => {
    const dir = '/opt/Linkgraph/resources/app/dist/renderer';
    expect(
      isOwnRendererFrame(
        { url: 'file:///opt/Linkgraph/resources/app/dist/renderer/index.html' },
        dir,
      ),
    ).toBe(true);
    expect(
      isOwnRendererFrame(
        { url: 'file:///opt/Linkgraph/resources/app/dist/renderer-evil/x.html' },
        dir,
      ),
    ).toBe(false);
    expect(isOwnRendererFrame({ url: 'https://example.com/' }, dir)).toBe(false);
    expect(isOwnRendererFrame({ url: 'file:///tmp/index.html' }, dir)).toBe(false);
    expect(isOwnRendererFrame(null, dir)).toBe(false);
  });
});
