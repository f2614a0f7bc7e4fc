/**
 * The names of the service's methods. Kept apart from their schemas so the sandboxed
 * preload can build the bridge without bundling zod; `methods.ts` must define exactly these
 * (a type check there fails otherwise), and every engine command is one of them.
 */
export const COMMAND_METHOD_NAMES = [
  'node.create',
  'node.update',
  'node.move',
  'node.trash',
  'node.restore',
  'node.purge',
  'nodes.update',
  'nodes.duplicate',
  'selection.trash',
  'selection.restore',
  'selection.purge',
  'link.create',
  'link.update',
  'link.swap',
  'link.trash',
  'link.restore',
  'link.purge',
  'link.replace',
  'trash.empty',
  'link_type.create',
  'link_type.update',
  'member.add',
  'access.grant',
  'access.revoke',
  'history.undo',
  'history.redo',
] as const;

export const QUERY_METHOD_NAMES = [
  'app.info',
  'preferences.get',
  'preferences.set',
  'workspace.list',
  'workspace.create',
  'workspace.open',
  'workspace.rename',
  'workspace.delete',
  'graph.get',
  'members.list',
  'link_types.list',
  'trash.list',
  'history.list',
  'node.blockers',
  'links.list',
  'token.create',
  'export',
  'import',
] as const;

export const METHOD_NAMES = [...QUERY_METHOD_NAMES, ...COMMAND_METHOD_NAMES] as const;
export type MethodName = (typeof METHOD_NAMES)[number];
export type CommandMethodName = (typeof COMMAND_METHOD_NAMES)[number];

export function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}

export function isCommandMethod(name: string): name is CommandMethodName {
  return (COMMAND_METHOD_NAMES as readonly string[]).includes(name);
}
