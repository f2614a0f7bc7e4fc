/**
 * The one keydown listener of the editor, driven by the shortcut table (shortcut-keys.ts) and
 * its handlers (actions.ts). It listens in the capture phase, so a key it takes never reaches
 * React Flow's own card keys (its arrow moves were shown but never saved) or its Delete
 * handler; a key it does not take goes on untouched. Keys for the inspector (Escape) are read
 * in the bubble phase instead, after the field's own Escape (which reverts an edit) has run.
 */
import { ACTIONS } from './actions';
import { keyMatches, SHORTCUTS, type ShortcutScope } from './shortcut-keys';

function isField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return (
    tag === 'INPUT' ||
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    (el as HTMLElement).isContentEditable
  );
}

/** Which scopes a key pressed with focus on `el` may act in. */
export function scopesAt(el: Element | null, doc: Document): Set<ShortcutScope> {
  const scopes = new Set<ShortcutScope>();
  if (el?.closest('.lg-node-panel')) scopes.add('inspector');
  if (isField(el)) return scopes;
  scopes.add('anywhere');
  const onPage = !el || el === doc.body || el === doc.documentElement;
  // Inside the canvas, but not on its panels (zoom buttons, minimap), menus or dialogs,
  // whose own Enter and arrow keys must keep working.
  const onCanvas =
    !!el?.closest('.react-flow') &&
    !el.closest('.react-flow__panel, [role="menu"], [role="dialog"], [role="listbox"]');
  if (onPage || onCanvas) scopes.add('canvas');
  // A field the inspector re-renders after a save leaves the focus on the page: Escape there
  // still closes the inspector.
  if (onPage && doc.querySelector('.lg-node-panel')) scopes.add('inspector');
  return scopes;
}

export function installKeyboard(target: Window = window): () => void {
  const handle = (event: KeyboardEvent, late: boolean) => {
    if (event.defaultPrevented || event.isComposing) return;
    const scopes = scopesAt(target.document.activeElement, target.document);
    for (const row of SHORTCUTS) {
      if ((row.scope === 'inspector') !== late || !scopes.has(row.scope)) continue;
      if (!row.keys.some((spec) => keyMatches(spec, event))) continue;
      if (ACTIONS[row.id](event)) {
        event.preventDefault();
        event.stopPropagation();
      }
      return;
    }
  };
  const early = (event: KeyboardEvent) => handle(event, false);
  const late = (event: KeyboardEvent) => handle(event, true);
  target.addEventListener('keydown', early, { capture: true });
  target.addEventListener('keydown', late);
  return () => {
    target.removeEventListener('keydown', early, { capture: true });
    target.removeEventListener('keydown', late);
  };
}
