/**
 * What the DevRev tests share: a node made over the REST API, and a hub issue linked through
 * DevRev's own SDK with links of several types, both directions, other ends of several kinds.
 */
import { publicSDK } from '@devrev/typescript-sdk';
import type { NodeRecord } from '../../../shared/model/types';
import type { LiveServer } from './live-server';

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
