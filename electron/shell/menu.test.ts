import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuState } from './menu';

const state = (s: Partial<MenuState> = {}): MenuState => ({
  platform: 'linux',
  appName: 'Linkgraph',
  workspaces: [
    { id: 'w1', name: 'Roadmap' },
    { id: 'w2', name: 'Imported' },
  ],
  openWorkspace: 'w1',
  recent: [
    { id: 'w1', name: 'Roadmap' },
    { id: 'w2', name: 'Imported' },
  ],
  members: [
    { id: 'me', username: 'ada' },
    { id: 'bob', username: 'bob' },
  ],
  me: 'me',
  theme: 'system',
  linkDefaults: { linkType: '', blocking: 'default' },
  canUndo: true,
  canRedo: false,
  api: { enabled: false, port: 0, listening: null },
  tokens: [{ hash: 'h1', label: 'desktop', member: 'bob' }],
  devTools: false,
  ...s,
});

/** Records every action call as [name, ...args]. */
function recorder(): { actions: MenuActions; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const actions = new Proxy({} as MenuActions, {
    get:
      (_t, name: string) =>
      (...args: unknown[]) =>
        calls.push([name, ...args]),
  });
  return { actions, calls };
}

const labelOf = (i: MenuItemConstructorOptions) => i.label ?? i.role ?? i.type;
const submenu = (i: MenuItemConstructorOptions | undefined) =>
  (i?.submenu ?? []) as MenuItemConstructorOptions[];

function find(
  template: MenuItemConstructorOptions[],
  ...path: string[]
): MenuItemConstructorOptions {
  let items = template;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of path) {
    found = items.find((i) => labelOf(i) === label);
    if (!found) throw new Error(`no menu item "${label}" in ${items.map(labelOf).join(', ')}`);
    items = submenu(found);
  }
  return found!;
}

const click = (item: MenuItemConstructorOptions) =>
  item.click?.(undefined as never, undefined, undefined as never);

describe('application menu', () => {
  it('has File, Edit, View, Window and Help; macOS adds the app menu first', () => {
    const { actions } = recorder();
    expect(buildMenuTemplate(state(), actions).map(labelOf)).toEqual([
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      'help',
    ]);
    const mac = buildMenuTemplate(state({ platform: 'darwin' }), actions);
    expect(mac.map(labelOf)).toEqual([
      'Linkgraph',
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      'help',
    ]);
    expect(submenu(mac[0]).map(labelOf)).toContain('quit');
    expect(submenu(find(mac, '&File')).at(-1)?.role).toBe('close');
    expect(submenu(find(buildMenuTemplate(state(), actions), '&File')).at(-1)?.role).toBe('quit');
  });

  it('File: new, open (the open one checked), recent, import, and an export per format', () => {
    const { actions, calls } = recorder();
    const t = buildMenuTemplate(state(), actions);
    click(find(t, '&File', 'New Workspace'));
    const open = submenu(find(t, '&File', 'Open'));
    expect(open.map((i) => [i.label, i.checked])).toEqual([
      ['Roadmap', true],
      ['Imported', false],
    ]);
    click(find(t, '&File', 'Open', 'Imported'));
    click(find(t, '&File', 'Open Recent', 'Roadmap'));
    click(find(t, '&File', 'Import…'));
    const exports = submenu(find(t, '&File', 'Export'));
    expect(exports.map((i) => i.label)).toEqual([
      'Linkgraph JSON…',
      'GraphML…',
      'DOT (Graphviz)…',
      'Mermaid…',
      'JSON Canvas…',
      'CSV (nodes)…',
      'CSV (links)…',
      'Mermaid gantt (plan)…',
      'iCalendar (plan)…',
    ]);
    exports.forEach(click);
    expect(calls).toEqual([
      ['newWorkspace'],
      ['openWorkspace', 'w2'],
      ['openWorkspace', 'w1'],
      ['importFile'],
      ['exportAs', 'json'],
      ['exportAs', 'graphml'],
      ['exportAs', 'dot'],
      ['exportAs', 'mermaid'],
      ['exportAs', 'canvas'],
      ['exportAs', 'csv-nodes'],
      ['exportAs', 'csv-links'],
      ['exportAs', 'gantt'],
      ['exportAs', 'ics'],
    ]);
    expect(
      find(buildMenuTemplate(state({ recent: [] }), actions), '&File', 'Open Recent').enabled,
    ).toBe(false);
  });

  it('Edit: Undo/Redo follow the history and leave their keys to the page; Delete goes to the renderer', () => {
    const { actions, calls } = recorder();
    const t = buildMenuTemplate(state(), actions);
    const undo = find(t, '&Edit', 'Undo');
    const redo = find(t, '&Edit', 'Redo');
    const del = find(t, '&Edit', 'Delete');
    expect([undo.enabled, redo.enabled]).toEqual([true, false]);
    for (const item of [undo, redo, del]) expect(item.registerAccelerator).toBe(false);
    expect(submenu(find(t, '&Edit')).map(labelOf)).toEqual([
      'Undo',
      'Redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'Delete',
      'selectAll',
      'separator',
      'New Links',
    ]);
    click(undo);
    click(redo);
    click(del);
    click(find(t, '&Edit', 'New Links', 'is parent of'));
    click(find(t, '&Edit', 'New Links', 'Blocking (Primary)'));
    expect(calls).toEqual([
      ['undo'],
      ['redo'],
      ['toRenderer', { type: 'delete-selection' }],
      ['setLinkDefaults', { linkType: 'is_parent_of' }],
      ['setLinkDefaults', { blocking: 'primary' }],
    ]);
    expect(find(t, '&Edit', 'New Links', 'Dependency (Plain Link)').checked).toBe(true);
  });

  it('View: zoom roles, fit and view-as sent to the renderer, theme as a radio group', () => {
    const { actions, calls } = recorder();
    const t = buildMenuTemplate(state({ theme: 'dark' }), actions);
    const view = submenu(find(t, '&View')).map(labelOf);
    expect(view.slice(0, 4)).toEqual(['zoomIn', 'zoomOut', 'resetZoom', 'Fit Graph']);
    expect(view).not.toContain('toggleDevTools');
    expect(submenu(find(t, '&View', 'Theme')).map((i) => [i.label, i.checked])).toEqual([
      ['Match System', false],
      ['Light', false],
      ['Dark', true],
    ]);
    click(find(t, '&View', 'Fit Graph'));
    click(find(t, '&View', 'Theme', 'Light'));
    click(find(t, '&View', 'View As', 'bob'));
    click(find(t, '&View', 'View As', 'Me (ada)'));
    expect(calls).toEqual([
      ['toRenderer', { type: 'fit-view' }],
      ['setTheme', 'light'],
      ['toRenderer', { type: 'view-as', member: 'bob' }],
      ['toRenderer', { type: 'view-as', member: 'me' }],
    ]);
    const dev = buildMenuTemplate(state({ devTools: true }), actions);
    expect(submenu(find(dev, '&View')).map(labelOf)).toContain('toggleDevTools');
  });

  it('Local API: on/off with the listening port, tokens created per member and revoked', () => {
    const { actions, calls } = recorder();
    const off = buildMenuTemplate(state(), actions);
    const toggle = find(off, '&File', 'Local API', 'Local API On');
    expect([toggle.type, toggle.checked]).toEqual(['checkbox', false]);
    click(toggle);
    const on = buildMenuTemplate(
      state({ api: { enabled: true, port: 0, listening: 41234 } }),
      actions,
    );
    const onToggle = find(on, '&File', 'Local API', 'Local API On (127.0.0.1:41234)');
    expect(onToggle.checked).toBe(true);
    click(onToggle);
    click(find(on, '&File', 'Local API', 'New Token for', 'Me (ada)'));
    click(find(on, '&File', 'Local API', 'New Token for', 'bob'));
    click(find(on, '&File', 'Local API', 'Revoke Token', 'desktop — bob'));
    expect(calls).toEqual([
      ['setApiEnabled', true],
      ['setApiEnabled', false],
      ['createToken', 'me'],
      ['createToken', 'bob'],
      ['revokeToken', 'h1'],
    ]);
  });

  it('Help: About (in the app menu on macOS) and Open Data Folder', () => {
    const { actions, calls } = recorder();
    const t = buildMenuTemplate(state(), actions);
    click(find(t, 'help', 'About Linkgraph'));
    click(find(t, 'help', 'Open Data Folder'));
    expect(calls).toEqual([['about'], ['openDataFolder']]);
    const mac = buildMenuTemplate(state({ platform: 'darwin' }), actions);
    expect(submenu(find(mac, 'help')).map(labelOf)).toEqual(['Open Data Folder']);
    expect(find(mac, 'Linkgraph', 'About Linkgraph').click).toBeTypeOf('function');
  });

  it('[T4] File › Open Team Workspace opens from the clipboard and lists remembered servers', () => {
    const { actions, calls } = recorder();
    const template = buildMenuTemplate(
      state({ teamServers: ['https://plans.example.com', 'https://ops.example.com'] }),
      actions,
    );
    const items = submenu(find(template, '&File', 'Open Team Workspace'));
    expect(items.map(labelOf)).toEqual([
      'From Link on Clipboard…',
      'separator',
      'https://plans.example.com',
      'https://ops.example.com',
    ]);
    click(find(template, '&File', 'Open Team Workspace', 'From Link on Clipboard…'));
    click(find(template, '&File', 'Open Team Workspace', 'https://ops.example.com'));
    expect(calls).toEqual([
      ['openTeamWorkspace'],
      ['reopenTeamWorkspace', 'https://ops.example.com'],
    ]);
    // Without the team actions (no setupTeamWorkspaces), there is no such item.
    const bare = buildMenuTemplate(state(), { ...recorderless() });
    expect(submenu(find(bare, '&File')).map(labelOf)).not.toContain('Open Team Workspace');
  });
});

/** Actions without the optional team ones. */
function recorderless(): MenuActions {
  const noop = () => undefined;
  return {
    newWorkspace: noop,
    openWorkspace: noop,
    importFile: noop,
    exportAs: noop,
    undo: noop,
    redo: noop,
    toRenderer: noop,
    setTheme: noop,
    setLinkDefaults: noop,
    setApiEnabled: noop,
    createToken: noop,
    revokeToken: noop,
    about: noop,
    openDataFolder: noop,
  };
}
