/**
 * The names of the service's methods. Kept apart from their schemas so the sandboxed
 * preload can build the bridge without bundling zod; `methods.ts` must define exactly these.
 */
export const METHOD_NAMES = ['app.info', 'workspace.list', 'graph.get'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}
