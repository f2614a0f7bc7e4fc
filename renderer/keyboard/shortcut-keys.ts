/**
 * Every keyboard shortcut of the editor, as data: the keys, what they do, and where they work.
 * This one table drives both the key handler (keyboard/install.ts matches events against
 * `keys`, and keyboard/actions.ts must give every `id` a handler — a type error otherwise) and
 * the `?` dialog (it lists these rows), so the two cannot drift. Pure: no imports, so tests and
 * e2e read it as is.
 *
 * Key syntax: `Mod` is Ctrl (⌘ on macOS); `Alt`, `Shift`; the last part is the key as
 * `KeyboardEvent.key` names it (letters case-insensitive). A printable non-letter key (`?`,
 * `+`) matches whatever Shift state typing it needs.
 */

/**
 * Where a shortcut works. Never while typing in a field.
 * - `anywhere`: any focus outside a text field (undo, search, help).
 * - `canvas`: focus on a card, the canvas or the page itself — not on a toolbar button, a menu
 *   or a dialog, whose own keys (Enter, arrows) win there.
 * - `inspector`: focus inside the node inspector (or on the page while it is open).
 */
export type ShortcutScope = 'anywhere' | 'canvas' | 'inspector';

export const SHORTCUT_GROUPS = ['Move around', 'Edit', 'Links', 'View', 'Help'] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

export interface ShortcutRow {
  id: string;
  keys: readonly string[];
  does: string;
  group: ShortcutGroup;
  scope: ShortcutScope;
}

export const SHORTCUTS = [
  // ---- move around ----
  {
    id: 'next-linked',
    keys: ['Alt+ArrowRight'],
    does: 'Go to a node this one links to (along an outgoing link)',
    group: 'Move around',
    scope: 'canvas',
  },
  {
    id: 'previous-linked',
    keys: ['Alt+ArrowLeft'],
    does: 'Go to a node that links to this one (along an incoming link)',
    group: 'Move around',
    scope: 'canvas',
  },
  {
    id: 'next-sibling',
    keys: ['Alt+ArrowDown'],
    does: 'Next node: the next one reached by the same link step, else the next in reading order',
    group: 'Move around',
    scope: 'canvas',
  },
  {
    id: 'previous-sibling',
    keys: ['Alt+ArrowUp'],
    does: 'Previous node: the previous one reached by the same link step, else in reading order',
    group: 'Move around',
    scope: 'canvas',
  },
  {
    id: 'inspect',
    keys: ['Enter'],
    does: 'Open the inspector of the focused node (its fields get the focus)',
    group: 'Move around',
    scope: 'canvas',
  },
  {
    id: 'back-to-card',
    keys: ['Escape'],
    does: 'In the inspector: close it and go back to its card',
    group: 'Move around',
    scope: 'inspector',
  },
  // ---- edit ----
  {
    id: 'move',
    keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'],
    does: 'Move the selected nodes 10 px (saved as one change when you stop pressing)',
    group: 'Edit',
    scope: 'canvas',
  },
  {
    id: 'move-far',
    keys: ['Shift+ArrowLeft', 'Shift+ArrowRight', 'Shift+ArrowUp', 'Shift+ArrowDown'],
    does: 'Move the selected nodes 50 px',
    group: 'Edit',
    scope: 'canvas',
  },
  {
    id: 'new-node',
    keys: ['N'],
    does: 'Add a node in the middle of the view (of the kind chosen in the toolbar)',
    group: 'Edit',
    scope: 'canvas',
  },
  {
    id: 'trash',
    keys: ['Delete', 'Backspace'],
    does: 'Move the selected nodes and links to the trash (one undo step)',
    group: 'Edit',
    scope: 'canvas',
  },
  {
    id: 'undo',
    keys: ['Mod+Z'],
    does: 'Undo the last change',
    group: 'Edit',
    scope: 'anywhere',
  },
  {
    id: 'redo',
    keys: ['Mod+Shift+Z', 'Mod+Y'],
    does: 'Redo',
    group: 'Edit',
    scope: 'anywhere',
  },
  {
    id: 'copy',
    keys: ['Mod+C'],
    does: 'Copy the selected nodes',
    group: 'Edit',
    scope: 'anywhere',
  },
  {
    id: 'paste',
    keys: ['Mod+V'],
    does: 'Paste the copied nodes (each paste a step further)',
    group: 'Edit',
    scope: 'anywhere',
  },
  {
    id: 'duplicate',
    keys: ['Mod+D'],
    does: 'Duplicate the selected nodes and the links among them',
    group: 'Edit',
    scope: 'anywhere',
  },
  // ---- links ----
  {
    id: 'link-to',
    keys: ['L'],
    does: 'Link the focused node to another: pick the target by search, Enter creates the link',
    group: 'Links',
    scope: 'canvas',
  },
  // ---- view ----
  {
    id: 'search',
    keys: ['Mod+F'],
    does: 'Search nodes',
    group: 'View',
    scope: 'anywhere',
  },
  {
    id: 'zoom-in',
    keys: ['+', '='],
    does: 'Zoom in',
    group: 'View',
    scope: 'anywhere',
  },
  {
    id: 'zoom-out',
    keys: ['-'],
    does: 'Zoom out',
    group: 'View',
    scope: 'anywhere',
  },
  {
    id: 'zoom-100',
    keys: ['0'],
    does: 'Zoom to 100%',
    group: 'View',
    scope: 'anywhere',
  },
  {
    id: 'fit',
    keys: ['F'],
    does: 'Fit the whole plan in the view',
    group: 'View',
    scope: 'anywhere',
  },
  // ---- help ----
  {
    id: 'help',
    keys: ['?'],
    does: 'Show this list of shortcuts',
    group: 'Help',
    scope: 'anywhere',
  },
] as const satisfies readonly ShortcutRow[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** The parts of a KeyboardEvent a key is matched on (a plain object in tests). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface KeySpec {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

export function parseKey(spec: string): KeySpec {
  const parts = spec.split('+');
  // '+' itself: the last part is empty after the split.
  const key = spec.endsWith('+') ? '+' : (parts.pop() ?? '');
  const mods = spec.endsWith('+') ? parts.slice(0, -2) : parts;
  return {
    mod: mods.includes('Mod'),
    alt: mods.includes('Alt'),
    shift: mods.includes('Shift'),
    key,
  };
}

const isLetter = (key: string) => /^[a-z]$/i.test(key);
/** A printable key other than a letter: typing it may need Shift ('?', '+'), so Shift is not checked. */
const shiftFree = (key: string) => key.length === 1 && !isLetter(key);

export function keyMatches(spec: string, e: KeyPress): boolean {
  const k = parseKey(spec);
  if (k.mod !== (e.ctrlKey || e.metaKey) || k.alt !== e.altKey) return false;
  if (!shiftFree(k.key) && k.shift !== e.shiftKey) return false;
  return isLetter(k.key) ? e.key.toLowerCase() === k.key.toLowerCase() : e.key === k.key;
}

/** The first row whose keys match the press (rows never share a key: a unit test checks it). */
export function findShortcut(e: KeyPress): (typeof SHORTCUTS)[number] | undefined {
  return SHORTCUTS.find((row) => row.keys.some((spec) => keyMatches(spec, e)));
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
};

/** How a key is written for people: `Ctrl+Shift+Z`, `Alt+→`, `⌘+Z` on macOS. */
export function keyLabel(spec: string, mac = false): string {
  const k = parseKey(spec);
  return [
    ...(k.mod ? [mac ? '⌘' : 'Ctrl'] : []),
    ...(k.alt ? [mac ? '⌥' : 'Alt'] : []),
    ...(k.shift ? ['Shift'] : []),
    KEY_NAMES[k.key] ?? (isLetter(k.key) ? k.key.toUpperCase() : k.key),
  ].join('+');
}
