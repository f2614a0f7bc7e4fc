/**
 * The person's editor preferences (theme, how new links are drawn), kept in settings and
 * reachable through the service, so the toolbar's choices survive a restart in the app and
 * in serve alike. The desktop shell listens for changes to keep the native theme and the
 * menu's check marks in step with the toolbar.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { Preferences } from '../../shared/contract/methods';
import type { MethodParams } from '../../shared/contract/methods';
import { err, ok, type Result } from '../../shared/model/result';
import type { SettingsStore } from '../settings/open-settings';
import { saveSettings } from '../settings/settings-write';
import type { Caller, Handler } from './service';

export type PreferencesPatch = NonNullable<MethodParams<'preferences.set'>>;

export class PreferenceStore {
  private readonly listeners = new Set<(prefs: Preferences) => void>();

  constructor(private readonly settings: Pick<SettingsStore, 'get' | 'set' | 'path'>) {}

  get(): Preferences {
    return {
      theme: this.settings.get('theme'),
      linkDefaults: this.settings.get('linkDefaults'),
      layoutDirection: this.settings.get('layoutDirection'),
    };
  }

  /**
   * Writes what the patch changes (nothing if it changes nothing), in one rewrite of the
   * settings file, and answers the result; a full disk answers its typed error and nothing
   * changes (nor is announced).
   */
  set(patch: PreferencesPatch): Result<Preferences, ServiceError> {
    const before = this.get();
    const next: Preferences = {
      theme: patch.theme ?? before.theme,
      linkDefaults: { ...before.linkDefaults, ...patch.linkDefaults },
      layoutDirection: patch.layoutDirection ?? before.layoutDirection,
    };
    const layoutChanged = next.layoutDirection !== before.layoutDirection;
    const themeChanged = next.theme !== before.theme;
    const linksChanged =
      next.linkDefaults.linkType !== before.linkDefaults.linkType ||
      next.linkDefaults.blocking !== before.linkDefaults.blocking;
    if (!themeChanged && !linksChanged && !layoutChanged) return ok(before);
    const saved = saveSettings(this.settings, {
      ...(themeChanged ? { theme: next.theme } : {}),
      ...(linksChanged ? { linkDefaults: next.linkDefaults } : {}),
      ...(layoutChanged ? { layoutDirection: next.layoutDirection } : {}),
    });
    if (!saved.ok) return saved;
    for (const listener of this.listeners) listener(next);
    return ok(next);
  }

  onChange(listener: (prefs: Preferences) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const onlyThePerson = {
  code: 'forbidden.not_allowed',
  message: 'Only the person who owns this data folder has preferences here.',
} as const;

export function preferenceHandlers(
  prefs: PreferenceStore,
  isPerson: (caller: Caller) => boolean,
): {
  'preferences.get': Handler<'preferences.get'>;
  'preferences.set': Handler<'preferences.set'>;
} {
  return {
    'preferences.get': async (_params, caller) =>
      isPerson(caller) ? ok(prefs.get()) : err(onlyThePerson),
    'preferences.set': async (patch, caller) =>
      isPerson(caller) ? prefs.set(patch) : err(onlyThePerson),
  };
}
