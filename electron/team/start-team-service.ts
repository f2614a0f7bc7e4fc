/**
 * Starts the service of a team server: the same method table as the app and headless serve
 * (electron/service/handlers.ts), over the team hub (workspaces in the database) and the
 * team's token book, with the changes other instances commit announced as diffs here.
 *
 * The data folder keeps what is this instance's own: its settings file (editor preferences)
 * and, by default, the embedded database.
 */
import { mkdirSync } from 'node:fs';
import { openSettings, type SettingsHandle } from '../settings/open-settings';
import { appHandlers } from '../service/handlers';
import { PreferenceStore } from '../service/preferences';
import { readOnlyGate, readOnlyNotice } from '../service/read-only-gate';
import { createService, type Service } from '../service/service';
import type { Database } from './database';
import { migrate } from './migrate';
import { TeamHub, type TeamHubOptions } from './team-hub';
import { TeamTokens } from './team-tokens';

export interface StartedTeamService {
  service: Service;
  hub: TeamHub;
  tokens: TeamTokens;
  db: Database;
  settings: SettingsHandle;
  /** The server's owner (the same member on every instance). */
  owner: string;
  problems: string[];
  /** Closes the workspaces and the database. */
  close(): Promise<void>;
}

export async function startTeamService(options: {
  db: Database;
  dataDir: string;
  version: string;
  hub?: TeamHubOptions;
  /** The name of the first workspace, made when the database has none. */
  firstWorkspace?: string;
}): Promise<StartedTeamService> {
  const { db } = options;
  await migrate(db);
  mkdirSync(options.dataDir, { recursive: true });
  const { settings, problems } = openSettings(options.dataDir, options.version);
  const hub = await TeamHub.start(db, options.hub);
  const tokens = await TeamTokens.start(db);
  const first = await hub.ensureOne(options.firstWorkspace ?? 'Team workspace');
  if (!first.ok) problems.push(first.error.message);

  const readOnly = () => settings.readOnly;
  const service = createService(
    readOnlyGate(
      appHandlers({
        hub,
        settings,
        tokens,
        preferences: new PreferenceStore(settings),
        mode: 'serve',
        version: options.version,
        problems: () => [...(readOnly() ? [readOnlyNotice(readOnly() ?? '')] : []), ...problems],
      }),
      readOnly,
    ),
  );
  // A change committed on another instance reaches this one's clients like a change made
  // here: through the service's diff path, filtered for each member as of the change [A4].
  hub.onExternal((workspace, { batch, audience }) =>
    service.emitDiff({ workspace, batch, visibleTo: (member) => audience.visibleTo(member) }),
  );
  return {
    service,
    hub,
    tokens,
    db,
    settings,
    owner: hub.profile().id,
    problems,
    async close() {
      await hub.closeAll();
      await db.close();
    },
  };
}
