import { Dialog } from '../panels/Dialog';
import { useKeyboardStore } from './keyboard-store';
import { keyLabel, SHORTCUT_GROUPS, SHORTCUTS } from './shortcut-keys';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `?`: every shortcut, from the same table the key handler reads (shortcut-keys.ts). */
export function ShortcutsDialog() {
  const close = () => useKeyboardStore.getState().setHelpOpen(false);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close}>
      <div className="lg-shortcuts">
        {SHORTCUT_GROUPS.map((group) => (
          <table key={group} className="lg-shortcuts__group">
            <caption>{group}</caption>
            <tbody>
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <tr key={s.id} data-shortcut={s.id}>
                  <th scope="row">
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' '}
                        <kbd>{keyLabel(k, mac)}</kbd>
                      </span>
                    ))}
                  </th>
                  <td>{s.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <p className="lg-muted">
          Tab and Shift+Tab also go through the cards and the editor’s controls; Space selects the
          focused card. Keys do nothing while you type in a field.
        </p>
      </div>
    </Dialog>
  );
}
