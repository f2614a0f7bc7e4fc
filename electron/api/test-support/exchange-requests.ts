/**
 * What the exchange API tests share: requests answered with a file (or an error) read as
 * text, and the server's workspaces as the API lists them and as folders on disk.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LinkRecord, NodeRecord } from '../../../shared/model/types';
import type { LiveServer } from './live-server';

export interface Raw {
  status: number;
  type: string;
  disposition: string;
  text: string;
}

/** Requests on one live server (read when called, so it may start later). */
export function exchangeRequests(live: () => LiveServer) {
  /** A request answered with a file (or an error), read as text. */
  async function raw(method: string, path: string, body?: string, token?: string): Promise<Raw> {
    const server = live();
    const res = await fetch(server.origin + path, {
      method,
      headers: { authorization: `Bearer ${token ?? server.token}` },
      ...(body === undefined ? {} : { body }),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      text: await res.text(),
    };
  }
  return {
    raw,
    async exported(query: string, token?: string): Promise<Raw> {
      const res = await raw('GET', `/api/export?${query}`, undefined, token);
      expect(res.status).toBe(200);
      return res;
    },
    async graphOf(workspace?: string): Promise<{ nodes: NodeRecord[]; links: LinkRecord[] }> {
      const query = workspace ? `?workspace=${workspace}` : '';
      const res = await live().call('GET', `/api/graph${query}`);
      expect(res.status).toBe(200);
      return res.json.graph as { nodes: NodeRecord[]; links: LinkRecord[] };
    },
    async workspaceIds(): Promise<string[]> {
      const list = await live().call('GET', '/api/workspaces');
      return (list.json.workspaces as { id: string }[]).map((w) => w.id);
    },
    folders: () => readdirSync(join(live().dataDir, 'workspaces')).sort(),
  };
}
