/**
 * The one push channel from the desktop shell (application menu, file association, second
 * launch) to the renderer: things only the page can do (delete the selection, fit the view)
 * or must reflect (theme, a newly opened workspace). Main → renderer only; the renderer
 * never sends on it. Kept free of zod so the sandboxed preload can bundle it cheaply.
 */
import { LINK_TYPES, type LinkType } from '../model/types';

export type ThemeSetting = 'system' | 'light' | 'dark';
export type BlockingSetting = 'default' | 'primary' | 'secondary';

export type ShellEvent =
  /** Edit › Delete: delete what is selected on the canvas. */
  | { type: 'delete-selection' }
  /** View › Fit: fit the whole graph into the canvas. */
  | { type: 'fit-view' }
  | { type: 'set-theme'; theme: ThemeSetting }
  /** View › View as: show the graph as this member sees it (SPEC A4). */
  | { type: 'view-as'; member: string }
  /** How new links are drawn ('' is a plain dependency link). */
  | { type: 'set-link-defaults'; linkType: LinkType | ''; blocking: BlockingSetting }
  /** Main switched the open workspace (New, Open, Import, a file opened from the OS). */
  | { type: 'workspace-opened'; workspace: { id: string; name: string } }
  /** Something the person should read, shown as a toast. */
  | { type: 'notice'; kind: 'info' | 'error'; text: string };

/** The IPC channel shell events travel on (main → renderer). */
export const SHELL_EVENT_CHANNEL = 'linkgraph:shell-event';

const THEMES: readonly string[] = ['system', 'light', 'dark'];
const BLOCKINGS: readonly string[] = ['default', 'primary', 'secondary'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * True when `value` is a well-formed shell event. The renderer checks what it receives
 * rather than trusting the shape, so a stale or mistaken message is ignored, not obeyed.
 */
export function isShellEvent(value: unknown): value is ShellEvent {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'delete-selection':
    case 'fit-view':
      return true;
    case 'set-theme':
      return typeof value.theme === 'string' && THEMES.includes(value.theme);
    case 'view-as':
      return typeof value.member === 'string';
    case 'set-link-defaults':
      return (
        typeof value.linkType === 'string' &&
        (value.linkType === '' || (LINK_TYPES as readonly string[]).includes(value.linkType)) &&
        typeof value.blocking === 'string' &&
        BLOCKINGS.includes(value.blocking)
      );
    case 'workspace-opened':
      return (
        isRecord(value.workspace) &&
        typeof value.workspace.id === 'string' &&
        typeof value.workspace.name === 'string'
      );
    case 'notice':
      return (value.kind === 'info' || value.kind === 'error') && typeof value.text === 'string';
    default:
      return false;
  }
}
