/**
 * Read-only mode (start-service.ts): while the data folder cannot be written, every method
 * that would change something answers `internal.read_only` before its handler runs, so the
 * person gets one clear reason instead of a different failure per file; reads, exports and
 * switching the workspace on screen (held in memory) still work.
 */
import { COMMAND_METHOD_NAMES } from '../../shared/contract/method-names';
import type { MethodName } from '../../shared/contract/methods';
import { err } from '../../shared/model/result';
import type { Handler, HandlerTable, Service } from './service';

/** The non-command methods that write something (settings, a new workspace, a token). */
const WRITING_METHODS: readonly MethodName[] = [
  'preferences.set',
  'workspace.create',
  'workspace.rename',
  'workspace.delete',
  'token.create',
  'member.invite',
  'token.revoke',
  'import',
];

export const MUTATING_METHODS: ReadonlySet<MethodName> = new Set([
  ...COMMAND_METHOD_NAMES,
  ...WRITING_METHODS,
]);

export function readOnlyNotice(reason: string): string {
  return (
    `Linkgraph is read-only: the data folder could not be written (${reason}). You can read ` +
    `and export; changes are refused. Free some space and start Linkgraph again.`
  );
}

export function readOnlyGate(
  handlers: (service: Service) => HandlerTable,
  readOnly: () => string | null,
): (service: Service) => HandlerTable {
  return (service) => {
    const table = handlers(service);
    const gated = { ...table } as Record<MethodName, Handler<MethodName>>;
    for (const name of MUTATING_METHODS) {
      const handler = table[name] as Handler<MethodName>;
      gated[name] = (params, caller) => {
        const why = readOnly();
        return why === null
          ? handler(params, caller)
          : Promise.resolve(err({ code: 'internal.read_only', message: readOnlyNotice(why) }));
      };
    }
    return gated as HandlerTable;
  };
}
