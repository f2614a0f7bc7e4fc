/**
 * The menu's flows against the real service over a temporary data folder; Electron's
 * dialogs, clipboard, menu and window are fakes that record what they were given.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ShellEvent } from '../../shared/contract/shell-events';
import { startService, type StartedService } from '../service/start-service';
import { createDesktopShell, type DialogPort } from './desktop-shell';
import type { LocalApiController } from './local-api';
import { shellCaller } from './service-calls';

const running: StartedService[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.hub.closeAll();
});

async function setup(answers: { open?: string | null; save?: string | null; ask?: number } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-shell-'));
  const documentsDir = mkdtempSync(join(tmpdir(), 'linkgraph-docs-'));
  const started = await startService({ dataDir, mode: 'electron', version: '0.1.0' });
  running.push(started);
  const sent: ShellEvent[] = [];
  const dialogCalls: { kind: string; options: unknown }[] = [];
  const menus: MenuItemConstructorOptions[][] = [];
  const copied: string[] = [];
  const nativeThemes: string[] = [];
  const apiCalls: [boolean, number][] = [];
  const dialogs: DialogPort = {
    openFile: async (options) => (
      dialogCalls.push({ kind: 'open', options }),
      answers.open ?? null
    ),
    saveFile: async (options) => (
      dialogCalls.push({ kind: 'save', options }),
      answers.save ?? null
    ),
    ask: async (options) => (dialogCalls.push({ kind: 'ask', options }), answers.ask ?? 1),
  };
  const localApi: LocalApiController = {
    setEnabled: async (enabled, port) => (apiCalls.push([enabled, port]), enabled ? 45678 : null),
    port: () => null,
  };
  const call = shellCaller(started.service, () => ({ member: started.owner, origin: 'shell' }));
  const shell = createDesktopShell({
    call,
    settings: started.settings,
    tokens: started.tokens,
    localApi,
    dialogs,
    setMenu: (template) => menus.push(template),
    send: (event) => sent.push(event),
    setNativeTheme: (theme) => nativeThemes.push(theme),
    copyText: (text) => copied.push(text),
    showAbout: () => {},
    openFolder: async () => '',
    dataDir,
    documentsDir,
    platform: 'linux',
    appName: 'Linkgraph',
    devTools: false,
    owner: started.owner,
    debounceMs: 1,
  });
  return {
    started,
    shell,
    call,
    sent,
    dialogCalls,
    menus,
    copied,
    nativeThemes,
    apiCalls,
    documentsDir,
  };
}

const titles = async (call: ReturnType<typeof shellCaller>) => {
  const view = await call('graph.get');
  return view.ok ? view.value.nodes.map((n) => n.title).sort() : [];
};

describe('desktop shell actions', () => {
  it('File › Export writes the service’s file where the person chose', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'linkgraph-out-')), 'mine.linkgraph.json');
    const { shell, sent, dialogCalls, documentsDir, call } = await setup({ save: target });
    shell.actions.exportAs('json');
    await vi.waitFor(() =>
      expect(sent).toContainEqual({ type: 'notice', kind: 'info', text: `Exported to ${target}.` }),
    );
    const save = dialogCalls.find((d) => d.kind === 'save')?.options as { defaultPath: string };
    expect(save.defaultPath.startsWith(documentsDir)).toBe(true);
    expect(save.defaultPath.endsWith('.linkgraph.json')).toBe(true);
    const exported = await call('export', { format: 'json' });
    expect(readFileSync(target, 'utf8')).toBe(exported.ok ? exported.value.content : 'no export');
  });

  it('a cancelled save dialog writes nothing', async () => {
    const { shell, dialogCalls, sent } = await setup({ save: null });
    shell.actions.exportAs('dot');
    await vi.waitFor(() => expect(dialogCalls.map((d) => d.kind)).toEqual(['save']));
    await new Promise((r) => setTimeout(r, 20));
    expect(sent.filter((e) => e.type === 'notice')).toEqual([]);
  });

  it('opening a .linkgraph.json imports it as a new workspace and opens it', async () => {
    const { shell, call, sent } = await setup();
    await call('node.create', { title: 'From the file' });
    const exported = await call('export', { format: 'json' });
    const file = join(mkdtempSync(join(tmpdir(), 'linkgraph-in-')), 'plan.linkgraph.json');
    writeFileSync(file, exported.ok ? exported.value.content : '');
    const before = await call('workspace.list');

    expect(await shell.openFile(file)).toBe(true);
    const after = await call('workspace.list');
    expect(after.ok && after.value.workspaces.length).toBe(
      before.ok && before.value.workspaces.length + 1,
    );
    const openId = after.ok ? after.value.open : '';
    expect(before.ok && before.value.open).not.toBe(openId);
    expect(sent).toContainEqual({
      type: 'workspace-opened',
      workspace: { id: openId, name: expect.any(String) },
    });
    expect(await titles(call)).toContain('From the file');

    expect(await shell.openFile(join(tmpdir(), 'missing-file.linkgraph.json'))).toBe(false);
    expect(sent.at(-1)).toMatchObject({ type: 'notice', kind: 'error' });
  });

  it('Edit › Undo and Redo act on the batch the history names, and say when there is none', async () => {
    const { shell, call, sent, menus } = await setup();
    const before = await titles(call);
    await call('node.create', { title: 'Undo me' });
    await shell.refreshNow();
    const edit = (menus.at(-1) ?? []).find((m) => m.label === '&Edit');
    const undoItem = (edit?.submenu as MenuItemConstructorOptions[]).find(
      (i) => i.label === 'Undo',
    );
    expect(undoItem?.enabled).toBe(true);

    shell.actions.undo();
    await vi.waitFor(async () => expect(await titles(call)).toEqual(before));
    shell.actions.redo();
    await vi.waitFor(async () => expect(await titles(call)).toContain('Undo me'));
    shell.actions.redo();
    await vi.waitFor(() =>
      expect(sent).toContainEqual({ type: 'notice', kind: 'info', text: 'Nothing to redo.' }),
    );
  });

  it('File › New Workspace creates an untitled workspace and opens it; Recent follows', async () => {
    const { shell, call, sent, started, menus } = await setup();
    shell.actions.newWorkspace();
    await vi.waitFor(() => expect(sent.some((e) => e.type === 'workspace-opened')).toBe(true));
    const list = await call('workspace.list');
    const opened = list.ok
      ? list.value.workspaces.find((w) => w.id === list.value.open)
      : undefined;
    expect(opened?.name).toBe('Untitled workspace');
    await shell.refreshNow();
    expect(started.settings.get('recentWorkspaces')[0]).toBe(opened?.id);
    const file = (menus.at(-1) ?? []).find((m) => m.label === '&File');
    const recent = (file?.submenu as MenuItemConstructorOptions[]).find(
      (i) => i.label === 'Open Recent',
    );
    expect((recent?.submenu as MenuItemConstructorOptions[])[0]?.label).toBe('Untitled workspace');
  });

  it('tokens are shown once, copied on request, and revoked by removing their hash', async () => {
    const { shell, started, dialogCalls, copied } = await setup({ ask: 0 });
    shell.actions.createToken(started.owner);
    await vi.waitFor(() => expect(copied).toHaveLength(1));
    const token = copied[0] ?? '';
    expect(token).toMatch(/^lg_/);
    const shown = dialogCalls.find((d) => d.kind === 'ask')?.options as { detail: string };
    expect(shown.detail).toContain(token);
    const stored = started.settings.get('apiTokens');
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored).toHaveLength(1);

    shell.actions.revokeToken(stored[0]?.hash ?? '');
    await vi.waitFor(() => expect(started.settings.get('apiTokens')).toEqual([]));
  });

  it('theme, link defaults and the local API switch are saved and passed on', async () => {
    const { shell, started, sent, nativeThemes, apiCalls } = await setup();
    shell.actions.setTheme('dark');
    shell.actions.setLinkDefaults({ linkType: 'is_dependent_on' });
    expect(started.settings.get('theme')).toBe('dark');
    expect(nativeThemes).toEqual(['dark']);
    expect(started.settings.get('linkDefaults')).toEqual({
      linkType: 'is_dependent_on',
      blocking: 'default',
    });
    expect(sent).toEqual([
      { type: 'set-theme', theme: 'dark' },
      { type: 'set-link-defaults', linkType: 'is_dependent_on', blocking: 'default' },
    ]);
    shell.actions.setApiEnabled(true);
    await vi.waitFor(() =>
      expect(sent.at(-1)).toEqual({
        type: 'notice',
        kind: 'info',
        text: 'The local API listens on 127.0.0.1:45678.',
      }),
    );
    expect(apiCalls).toEqual([[true, 0]]);
    expect(started.settings.get('api')).toEqual({ enabled: true, port: 0 });
    sent.length = 0;
    shell.sendSavedPreferences();
    expect(sent).toEqual([
      { type: 'set-theme', theme: 'dark' },
      { type: 'set-link-defaults', linkType: 'is_dependent_on', blocking: 'default' },
    ]);
    expect(existsSync(started.settings.path)).toBe(true);
  });
});
