/**
 * Saving the toolbar's choices (theme, how new links are drawn) as the person's preferences
 * through the service, so they are there after a restart (settings.json in the data
 * folder). Loading them is part of installShellEvents. A refusal is shown as a toast.
 */
import type { MethodParams } from '../../shared/contract/methods';
import { query } from './commands';

export function savePreferences(patch: NonNullable<MethodParams<'preferences.set'>>): void {
  void query('preferences.set', patch);
}
