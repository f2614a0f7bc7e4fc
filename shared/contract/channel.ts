import type { MethodName } from './method-names';

/** The IPC channel a method travels on. */
export const ipcChannel = (method: MethodName): string => `linkgraph:${method}`;

/**
 * The `/rpc` request header by which the served editor names its own Socket.IO connection
 * (the socket id), so the server does not push the change back to the tab that made it.
 */
export const RPC_ORIGIN_HEADER = 'x-linkgraph-origin';
