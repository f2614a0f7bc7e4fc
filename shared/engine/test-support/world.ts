/**
 * Test fixture: a workspace with deterministic ids and clock, and helpers that fail loudly.
 * `fail` also proves the refusal changed nothing (the snapshot is identical before and after).
 */
import { expect } from 'vitest';
import type { Member } from '../../model/types';
import {
  createWorkspace,
  execute,
  toSnapshot,
  type Batch,
  type CommandInput,
  type LinkError,
  type WorkspaceState,
} from '../index';

export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function makeDeps(start = 1) {
  let n = start;
  let t = Date.UTC(2026, 0, 1);
  return {
    newId: () => uuid(n++),
    now: () => new Date((t += 1000)).toISOString(),
  };
}

type Params<K extends CommandInput['name']> = Extract<CommandInput, { name: K }>['params'];

export class World {
  readonly owner: Member = { id: uuid(0xf0000), username: 'owner', email: 'owner@example.com' };
  readonly state: WorkspaceState;
  readonly deps = makeDeps();

  constructor(historyLimit?: number) {
    this.state = createWorkspace({
      owner: this.owner,
      ...(historyLimit !== undefined ? { historyLimit } : {}),
    });
  }

  exec(actor: string, command: CommandInput) {
    return execute(this.state, actor, command, this.deps);
  }

  /** Runs a command that must succeed and returns its batch. */
  run<K extends CommandInput['name']>(name: K, params: Params<K>, actor = this.owner.id): Batch {
    const r = this.exec(actor, { name, params } as CommandInput);
    if (!r.ok) throw new Error(`${name} refused: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  /** Runs a command that must be refused; asserts nothing changed and returns the error. */
  fail<K extends CommandInput['name']>(
    name: K,
    params: Params<K>,
    actor = this.owner.id,
  ): LinkError {
    const before = JSON.stringify(toSnapshot(this.state));
    const r = this.exec(actor, { name, params } as CommandInput);
    if (r.ok) throw new Error(`${name} was expected to be refused`);
    expect(JSON.stringify(toSnapshot(this.state))).toBe(before);
    return r.error;
  }

  member(username: string): string {
    const b = this.run('member.add', { username, email: `${username}@example.com` });
    return (b.user[0]?.after as Member).id;
  }

  node(params: Params<'node.create'> = {}, actor = this.owner.id): string {
    const b = this.run('node.create', params, actor);
    const added = b.nodes.find((e) => e.op === 0);
    return (added?.after as { id: string }).id;
  }

  /** Creates (or R2-restores) a link and returns its id. */
  link(
    source: string,
    target: string,
    extra: Partial<Params<'link.create'>> = {},
    actor = this.owner.id,
  ): string {
    const b = this.run('link.create', { source, target, ...extra }, actor);
    const e = b.links.find((x) => x.op === 10 || x.op === 13);
    return (e?.after as { id: string }).id;
  }

  grant(node: string, member: string, level: 1 | 2 | 3, branch = false): void {
    this.run('access.grant', { node, member, level, branch });
  }

  n(id: string) {
    const e = this.state.nodes.get(id);
    if (!e) throw new Error(`no node ${id}`);
    return e.rec;
  }

  l(id: string) {
    const e = this.state.links.get(id);
    if (!e) throw new Error(`no link ${id}`);
    return e.rec;
  }

  status(id: string) {
    return this.n(id).status;
  }
}
