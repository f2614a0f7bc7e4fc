/** Direct calls to the running server's SynapTask API, to set a scene up or read it back. */
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import type { ServeHandle } from './serve-process';

export async function api<T = Record<string, unknown>>(
  serve: ServeHandle,
  method: string,
  path: string,
  body?: unknown,
  token = serve.token,
): Promise<T> {
  const res = await fetch(serve.origin + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T & { ok?: boolean; message?: string };
  if (json.ok === false) throw new Error(`${method} ${path} refused: ${json.message}`);
  return json;
}

export async function graph(
  serve: ServeHandle,
): Promise<{ nodes: NodeRecord[]; links: LinkRecord[] }> {
  return (
    await api<{ graph: { nodes: NodeRecord[]; links: LinkRecord[] } }>(serve, 'GET', '/api/graph')
  ).graph;
}

export async function createNode(
  serve: ServeHandle,
  title: string,
  kind: string,
  position: { x: number; y: number },
): Promise<NodeRecord> {
  const res = await api<{ diff: { nodes: { after: NodeRecord }[] } }>(serve, 'POST', '/api/node', {
    title,
    kind,
    position,
  });
  return res.diff.nodes[0]?.after as NodeRecord;
}

export async function createLink(
  serve: ServeHandle,
  body: Record<string, unknown>,
): Promise<LinkRecord> {
  const res = await api<{ diff: { links: { after: LinkRecord }[] } }>(
    serve,
    'POST',
    '/api/link',
    body,
  );
  return res.diff.links[0]?.after as LinkRecord;
}

/**
 * Imports a native JSON file as a new workspace through the API (the fastest way in for a
 * large plan) and opens it; throws when the import is refused.
 */
export async function openImportedPlan(
  serve: ServeHandle,
  file: string,
  name = 'Imported',
): Promise<void> {
  const res = await fetch(
    `${serve.origin}/api/import?format=json&name=${encodeURIComponent(name)}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: file,
    },
  );
  const imported = (await res.json()) as {
    ok: boolean;
    message?: string;
    workspace: { id: string };
  };
  if (!imported.ok) throw new Error(`import refused: ${imported.message}`);
  await api(serve, 'POST', '/rpc/workspace.open', { id: imported.workspace.id });
}
