import type { MethodName } from './method-names';

/** The IPC channel a method travels on. */
export const ipcChannel = (method: MethodName): string => `linkgraph:${method}`;
