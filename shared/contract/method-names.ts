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
  'calendar.set',
] as const;

/**
 * Every method that is not an engine command, classified: `read` answers without changing
 * anything; `mutation` changes something (settings, the list of workspaces, tokens, a new
 * workspace). Engine commands are all mutations. This is the ONE place that says what a
 * mutation is: every transport counts mutations against the rate limit through it (the
 * limiter asks `isMutation`), so adding a method here forces the choice.
 */
const OTHER_METHOD_KINDS = {
  'app.info': 'read',
  'preferences.get': 'read',
  'preferences.set': 'mutation',
  'workspace.list': 'read',
  'workspace.create': 'mutation',
  'workspace.open': 'mutation',
  'workspace.rename': 'mutation',
  'workspace.delete': 'mutation',
  'graph.get': 'read',
  'graph.columns': 'read',
  'graph.outline': 'read',
  'members.list': 'read',
  'link_types.list': 'read',
  'trash.list': 'read',
  'history.list': 'read',
  'node.blockers': 'read',
  'node.access': 'read',
  'links.list': 'read',
  'tokens.list': 'read',
  'token.create': 'mutation',
  'member.invite': 'mutation',
  'token.revoke': 'mutation',
  'batches.since': 'read',
  export: 'read',
  import: 'mutation',
  'plan.schedule': 'read',
  'plan.next': 'read',
  'plan.load': 'read',
} as const satisfies Record<string, 'read' | 'mutation'>;

type OtherMethodName = keyof typeof OTHER_METHOD_KINDS;
export const QUERY_METHOD_NAMES = Object.keys(OTHER_METHOD_KINDS) as OtherMethodName[];

export const METHOD_NAMES = [...QUERY_METHOD_NAMES, ...COMMAND_METHOD_NAMES] as const;
export type MethodName = (typeof METHOD_NAMES)[number];
export type CommandMethodName = (typeof COMMAND_METHOD_NAMES)[number];

export function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}

export function isCommandMethod(name: string): name is CommandMethodName {
  return (COMMAND_METHOD_NAMES as readonly string[]).includes(name);
}

/** The methods that only read: what a member may learn through them is what `graph.get` shows. */
export type ReadMethodName = {
  [K in OtherMethodName]: (typeof OTHER_METHOD_KINDS)[K] extends 'read' ? K : never;
}[OtherMethodName];
export const READ_METHOD_NAMES = QUERY_METHOD_NAMES.filter(
  (name): name is ReadMethodName => OTHER_METHOD_KINDS[name] === 'read',
);

/** True for a method that changes something: every engine command (undo and redo included). */
export function isMutation(name: string): boolean {
  if (isCommandMethod(name)) return true;
  return Object.hasOwn(OTHER_METHOD_KINDS, name)
    ? OTHER_METHOD_KINDS[name as OtherMethodName] === 'mutation'
    : false;
}
