/**
 * The plan a new data folder opens with, built with the engine's own commands, so the first
 * launch shows how blocking reads on the canvas instead of an empty page.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { Batch, CommandInput } from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import type { Hub } from './hub';
import type { WorkspaceSession } from './workspace-session';

export async function ensureStarterWorkspace(hub: Hub): Promise<Result<string, ServiceError>> {
  const existing = hub.openId();
  if (existing) return ok(existing);
  const created = await hub.create('My first plan');
  if (!created.ok) return created;
  const session = created.value;
  const owner = hub.profile().id;
  const run = async (command: CommandInput): Promise<Batch> => {
    const r = await session.run(owner, command);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.batch;
  };
  const idOf = (batch: Batch): string => {
    const after = batch.nodes[0]?.after;
    if (!after || !('id' in after)) throw new Error('node.create answered no node');
    return after.id;
  };
  try {
    const design = idOf(await run(node('Design the schema', 'task', 0, 0)));
    const api = idOf(await run(node('Build the API', 'task', 300, 0)));
    const editor = idOf(await run(node('Ship the editor', 'feature', 600, 0)));
    await run(node('Write the guide', 'task', 300, 180));
    await run({ name: 'node.update', params: { id: design, status: 1 } });
    await run({ name: 'link.create', params: { source: design, target: api } });
    await run({ name: 'link.create', params: { source: api, target: editor } });
  } catch (cause) {
    return err({
      code: 'internal.starter_failed',
      message: `The starter plan could not be made: ${(cause as Error).message}`,
    });
  }
  hub.setOpen(session.id);
  return ok(session.id);
}

function node(title: string, kind: 'task' | 'feature', x: number, y: number): CommandInput {
  return { name: 'node.create', params: { title, kind, position: { x, y } } };
}

export type { WorkspaceSession };
