/**
 * The service's method table for the app: each contract method implemented over the
 * settings and the open workspace.
 */
import { ok } from '../../shared/model/result';
import type { AppInfo } from '../../shared/contract/methods';
import type { SettingsStore } from '../settings/open-settings';
import type { HandlerTable } from './service';
import { ensureOpenWorkspace, readGraphFile } from './workspace-registry';

export interface AppContext {
  dataDir: string;
  settings: SettingsStore;
  mode: AppInfo['mode'];
  version: string;
  problems: string[];
}

export function appHandlers(ctx: AppContext): HandlerTable {
  const open = ensureOpenWorkspace(ctx.settings, ctx.dataDir);
  return {
    'app.info': async () =>
      ok({ name: 'Linkgraph', version: ctx.version, mode: ctx.mode, problems: ctx.problems }),
    'workspace.list': async () =>
      ok({
        workspaces: ctx.settings.get('workspaces').map(({ id, name }) => ({ id, name })),
        open: open.id,
      }),
    'graph.get': async () => {
      const graph = readGraphFile(ctx.dataDir, open.id);
      return ok({
        workspace: { id: open.id, name: open.name },
        nodes: graph.nodes.filter((n) => !n.in_trash),
        links: graph.links.filter((l) => !l.in_trash),
      });
    },
  };
}
