/**
 * The application menu as a pure function of what it shows (MenuState) and what its items do
 * (MenuActions), so it is tested without Electron. Keys the renderer already handles itself
 * (Undo/Redo, Delete: they must leave text fields alone) are shown but not registered as
 * accelerators, or a menu accelerator would take them from the page.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import type { BlockingSetting, ShellEvent, ThemeSetting } from '../../shared/contract/shell-events';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/exchange/formats';
import { LINK_TYPES, type LinkType } from '../../shared/model/types';
import { EXPORT_LABELS } from './workspace-files';

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  workspaces: readonly WorkspaceInfo[];
  openWorkspace: string | null;
  /** Most recent first; the open one included. */
  recent: readonly WorkspaceInfo[];
  members: readonly { id: string; username: string }[];
  /** The member the app speaks for. */
  me: string;
  theme: ThemeSetting;
  linkDefaults: { linkType: LinkType | ''; blocking: BlockingSetting };
  canUndo: boolean;
  canRedo: boolean;
  api: { enabled: boolean; port: number; listening: number | null };
  tokens: readonly { hash: string; label: string; member: string }[];
  /** Developer tools only in unpackaged builds. */
  devTools: boolean;
  /** Team servers remembered by File › Open Team Workspace (team-workspaces.ts). */
  teamServers?: readonly string[];
}

export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(id: string): void;
  importFile(): void;
  exportAs(format: ExportFormat): void;
  undo(): void;
  redo(): void;
  /** Sends an event to the focused window's renderer. */
  toRenderer(event: ShellEvent): void;
  setTheme(theme: ThemeSetting): void;
  setLinkDefaults(patch: Partial<MenuState['linkDefaults']>): void;
  setApiEnabled(enabled: boolean): void;
  createToken(member: string): void;
  revokeToken(hash: string): void;
  about(): void;
  openDataFolder(): void;
  /** File › Open Team Workspace › From Link on Clipboard… */
  openTeamWorkspace?(): void;
  reopenTeamWorkspace?(origin: string): void;
}

const THEME_LABELS: Record<ThemeSetting, string> = {
  system: 'Match System',
  light: 'Light',
  dark: 'Dark',
};
const BLOCKING_LABELS: Record<BlockingSetting, string> = {
  default: 'As the Link Type Decides',
  primary: 'Blocking (Primary)',
  secondary: 'Not Blocking (Secondary)',
};
const linkTypeLabel = (t: LinkType | ''): string =>
  t === '' ? 'Dependency (Plain Link)' : t.replaceAll('_', ' ');
const SEPARATOR: MenuItemConstructorOptions = { type: 'separator' };

function teamMenu(s: MenuState, a: MenuActions): MenuItemConstructorOptions {
  const servers = s.teamServers ?? [];
  return {
    label: 'Open Team Workspace',
    submenu: [
      { label: 'From Link on Clipboard…', click: () => a.openTeamWorkspace?.() },
      ...(servers.length ? [SEPARATOR] : []),
      ...servers.map((origin) => ({
        label: origin,
        click: () => a.reopenTeamWorkspace?.(origin),
      })),
    ],
  };
}

function fileMenu(s: MenuState, a: MenuActions): MenuItemConstructorOptions {
  const nameOf = (id: string) => s.members.find((m) => m.id === id)?.username ?? id.slice(0, 8);
  const others = s.members.filter((m) => m.id !== s.me);
  return {
    label: '&File',
    submenu: [
      { label: 'New Workspace', accelerator: 'CmdOrCtrl+N', click: () => a.newWorkspace() },
      {
        label: 'Open',
        submenu: s.workspaces.map((w) => ({
          label: w.name,
          type: 'radio' as const,
          checked: w.id === s.openWorkspace,
          click: () => a.openWorkspace(w.id),
        })),
      },
      {
        label: 'Open Recent',
        enabled: s.recent.length > 0,
        submenu: s.recent.map((w) => ({ label: w.name, click: () => a.openWorkspace(w.id) })),
      },
      ...(a.openTeamWorkspace ? [teamMenu(s, a)] : []),
      SEPARATOR,
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => a.importFile() },
      {
        label: 'Export',
        submenu: EXPORT_FORMATS.map((format) => ({
          label: `${EXPORT_LABELS[format]}…`,
          click: () => a.exportAs(format),
        })),
      },
      SEPARATOR,
      {
        label: 'Local API',
        submenu: [
          {
            label:
              s.api.listening !== null
                ? `Local API On (127.0.0.1:${s.api.listening})`
                : 'Local API On',
            type: 'checkbox',
            checked: s.api.enabled,
            click: () => a.setApiEnabled(!s.api.enabled),
          },
          {
            label: 'New Token for',
            enabled: s.members.length > 0,
            submenu: [s.members.find((m) => m.id === s.me), ...others]
              .filter((m) => m !== undefined)
              .map((m) => ({
                label: m.id === s.me ? `Me (${m.username})` : m.username,
                click: () => a.createToken(m.id),
              })),
          },
          {
            label: 'Revoke Token',
            enabled: s.tokens.length > 0,
            submenu: s.tokens.map((t) => ({
              label: `${t.label} — ${nameOf(t.member)}`,
              click: () => a.revokeToken(t.hash),
            })),
          },
        ],
      },
      SEPARATOR,
      s.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

function editMenu(s: MenuState, a: MenuActions): MenuItemConstructorOptions {
  return {
    label: '&Edit',
    submenu: [
      {
        label: 'Undo',
        accelerator: 'CmdOrCtrl+Z',
        registerAccelerator: false,
        enabled: s.canUndo,
        click: () => a.undo(),
      },
      {
        label: 'Redo',
        accelerator: 'Shift+CmdOrCtrl+Z',
        registerAccelerator: false,
        enabled: s.canRedo,
        click: () => a.redo(),
      },
      SEPARATOR,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      {
        label: 'Delete',
        accelerator: 'Delete',
        registerAccelerator: false,
        click: () => a.toRenderer({ type: 'delete-selection' }),
      },
      { role: 'selectAll' },
      SEPARATOR,
      {
        label: 'New Links',
        submenu: [
          ...(['', ...LINK_TYPES] as const).map((t) => ({
            label: linkTypeLabel(t),
            type: 'radio' as const,
            checked: s.linkDefaults.linkType === t,
            click: () => a.setLinkDefaults({ linkType: t }),
          })),
          SEPARATOR,
          ...(Object.keys(BLOCKING_LABELS) as BlockingSetting[]).map((b) => ({
            label: BLOCKING_LABELS[b],
            type: 'radio' as const,
            checked: s.linkDefaults.blocking === b,
            click: () => a.setLinkDefaults({ blocking: b }),
          })),
        ],
      },
    ],
  };
}

function viewMenu(s: MenuState, a: MenuActions): MenuItemConstructorOptions {
  return {
    label: '&View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      {
        label: 'Fit Graph',
        accelerator: 'CmdOrCtrl+Shift+1',
        click: () => a.toRenderer({ type: 'fit-view' }),
      },
      SEPARATOR,
      {
        label: 'Theme',
        submenu: (Object.keys(THEME_LABELS) as ThemeSetting[]).map((theme) => ({
          label: THEME_LABELS[theme],
          type: 'radio' as const,
          checked: s.theme === theme,
          click: () => a.setTheme(theme),
        })),
      },
      {
        label: 'View As',
        enabled: s.members.length > 1,
        submenu: s.members.map((m) => ({
          label: m.id === s.me ? `Me (${m.username})` : m.username,
          click: () => a.toRenderer({ type: 'view-as', member: m.id }),
        })),
      },
      SEPARATOR,
      { role: 'togglefullscreen' },
      ...(s.devTools ? [{ role: 'toggleDevTools' } as const] : []),
    ],
  };
}

function helpMenu(s: MenuState, a: MenuActions): MenuItemConstructorOptions {
  return {
    role: 'help',
    submenu: [
      ...(s.platform === 'darwin' ? [] : [{ label: `About ${s.appName}`, click: () => a.about() }]),
      { label: 'Open Data Folder', click: () => a.openDataFolder() },
    ],
  };
}

/** The whole menu bar. On macOS the first menu is the app's own (About, Hide, Quit). */
export function buildMenuTemplate(s: MenuState, a: MenuActions): MenuItemConstructorOptions[] {
  const mac: MenuItemConstructorOptions[] =
    s.platform === 'darwin'
      ? [
          {
            label: s.appName,
            submenu: [
              { label: `About ${s.appName}`, click: () => a.about() },
              SEPARATOR,
              { role: 'services' },
              SEPARATOR,
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              SEPARATOR,
              { role: 'quit' },
            ],
          },
        ]
      : [];
  return [
    ...mac,
    fileMenu(s, a),
    editMenu(s, a),
    viewMenu(s, a),
    { role: 'windowMenu' },
    helpMenu(s, a),
  ];
}
