/**
 * Keyboard shortcuts: installed here, once, for the whole editor. What the keys are and do is
 * the table in renderer/keyboard/shortcut-keys.ts (also shown by `?`) and its handlers in
 * renderer/keyboard/actions.ts; docs/editor.md, "Keyboard", gives the scheme.
 */
import { installKeyboard } from '../keyboard/install';

export function installShortcuts(target: Window = window): () => void {
  return installKeyboard(target);
}
