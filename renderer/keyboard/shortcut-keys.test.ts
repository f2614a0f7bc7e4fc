import { describe, expect, it } from 'vitest';
import {
  findShortcut,
  keyLabel,
  keyMatches,
  parseKey,
  SHORTCUTS,
  type KeyPress,
} from './shortcut-keys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

/** The press a person makes for a key spec (Shift for '?' and '+', as a US keyboard types them). */
function pressFor(spec: string): KeyPress {
  const k = parseKey(spec);
  return press(k.key, {
    ctrlKey: k.mod,
    altKey: k.alt,
    shiftKey: k.shift || ['?', '+'].includes(k.key),
  });
}

describe('the shortcut table', () => {
  it('[U5] every key of every row finds that row and no other (no two shortcuts clash)', () => {
    const seen = new Set<string>();
    for (const row of SHORTCUTS) {
      for (const spec of row.keys) {
        expect(findShortcut(pressFor(spec))?.id, spec).toBe(row.id);
        const others = SHORTCUTS.filter(
          (r) => r.id !== row.id && r.keys.some((s) => keyMatches(s, pressFor(spec))),
        );
        expect(
          others.map((r) => r.id),
          spec,
        ).toEqual([]);
        expect(seen.has(spec), `${spec} twice`).toBe(false);
        seen.add(spec);
      }
    }
    expect(new Set(SHORTCUTS.map((r) => r.id)).size).toBe(SHORTCUTS.length);
  });

  it('[U5] modifiers must match exactly; letters ignore case; ? and + ignore Shift', () => {
    expect(keyMatches('Mod+Z', press('z', { ctrlKey: true }))).toBe(true);
    expect(keyMatches('Mod+Z', press('z', { metaKey: true }))).toBe(true);
    expect(keyMatches('Mod+Z', press('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(findShortcut(press('Z', { ctrlKey: true, shiftKey: true }))?.id).toBe('redo');
    expect(keyMatches('L', press('l'))).toBe(true);
    expect(keyMatches('L', press('l', { ctrlKey: true }))).toBe(false);
    expect(keyMatches('?', press('?', { shiftKey: true }))).toBe(true);
    expect(keyMatches('+', press('+', { shiftKey: true }))).toBe(true);
    expect(findShortcut(press('ArrowRight'))?.id).toBe('move');
    expect(findShortcut(press('ArrowRight', { shiftKey: true }))?.id).toBe('move-far');
    expect(findShortcut(press('ArrowRight', { altKey: true }))?.id).toBe('next-linked');
    expect(findShortcut(press('ArrowRight', { altKey: true, ctrlKey: true }))).toBeUndefined();
    expect(findShortcut(press('x'))).toBeUndefined();
  });

  it('[U5] writes keys for people', () => {
    expect(keyLabel('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(keyLabel('Mod+Z', true)).toBe('⌘+Z');
    expect(keyLabel('Alt+ArrowRight')).toBe('Alt+→');
    expect(keyLabel('+')).toBe('+');
    expect(keyLabel('l')).toBe('L');
    expect(parseKey('Mod++')).toEqual({ mod: true, alt: false, shift: false, key: '+' });
  });
});
