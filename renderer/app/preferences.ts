/**
 * The toolbar's choices (theme, how new links are drawn, layout direction) as the person's
 * preferences, kept by the service so they are there after a restart (settings.json in the
 * data folder). Loading them is asked once at start (App.tsx) and applied by
 * installShellEvents. A refusal to save is shown as a toast.
 */
import type { LinkgraphApi } from '../../shared/contract/api';
import type { MethodParams, Preferences } from '../../shared/contract/methods';
import { query } from './commands';

/**
 * Whether the service keeps this page's preferences: it refuses them to a member of a team
 * server (they belong to the person whose data folder it is). Such a page's choices are its
 * own, in view only: they switch without being sent, so nothing is refused.
 */
let kept = true;

/** The saved preferences, or null when the service keeps none for this page. */
export async function loadPreferences(
  bridge: Pick<LinkgraphApi, 'preferences.get'>,
): Promise<Preferences | null> {
  const answer = await bridge['preferences.get']();
  kept = answer.ok;
  return answer.ok ? answer.value : null;
}

export function savePreferences(patch: NonNullable<MethodParams<'preferences.set'>>): void {
  if (kept) void query('preferences.set', patch);
}
