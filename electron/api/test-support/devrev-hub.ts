/**
 * What the DevRev tests share: one live server per test file with DevRev's own SDK set up for
 * it, a node made over the REST API, and a hub issue linked through the SDK with links of
 * several types, both directions, other ends of several kinds.
 */
import { client, publicSDK } from '@devrev/typescript-sdk';
import { afterAll, beforeAll } from 'vitest';
import type { NodeRecord } from '../../../shared/model/types';
import { startLiveServer, type LiveServer } from './live-server';

export const LT = publicSDK.LinkType;

/** The ids of links, sorted (answers' order is the API's, not the test's). */
export const ids = (links: { id: string }[]) => links.map((l) => l.id).sort();

export async function newNode(
  server: LiveServer,
  title: string,
  kind = 'issue',
): Promise<NodeRecord> {
  const res = await server.call('POST', '/api/node', { title, kind });
  return (res.json.diff as { nodes: { after: NodeRecord }[] }).nodes[0]?.after as NodeRecord;
}

/** A hub issue with links of several types, both directions, other ends of several kinds. */
export async function hub(server: LiveServer, sdk: publicSDK.Api<unknown>) {
  const center = await newNode(server, 'Hub');
  const make = async (kind: string, linkType: publicSDK.LinkType, inbound = false) => {
    const other = await newNode(server, `${kind} ${linkType}`, kind);
    const res = await sdk.linksCreate({
      link_type: linkType,
      source: inbound ? other.id : center.id,
      target: inbound ? center.id : other.id,
    });
    return res.data.link.id;
  };
  return {
    center,
    parentOf: await make('task', LT.IsParentOf),
    related: await make('ticket', LT.IsRelatedTo),
    dependsOn: await make('issue', LT.IsDependentOn),
    inbound: await make('ticket', LT.IsRelatedTo, true),
  };
}

/** A live server for this test file (started before its tests, closed after) and the SDK on it. */
export function devrevServerPerFile() {
  let server: LiveServer | undefined;
  let sdk: publicSDK.Api<unknown> | undefined;
  beforeAll(async () => {
    server = await startLiveServer();
    sdk = client.setup({ endpoint: server.origin, token: server.token });
  });
  afterAll(async () => {
    await server?.close();
  });
  const live = {
    get server(): LiveServer {
      if (!server) throw new Error('no live server outside the tests');
      return server;
    },
    get sdk(): publicSDK.Api<unknown> {
      if (!sdk) throw new Error('no SDK outside the tests');
      return sdk;
    },
    newNode: (title: string, kind?: string) => newNode(live.server, title, kind),
    hub: () => hub(live.server, live.sdk),
  };
  return live;
}
