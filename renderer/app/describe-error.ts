/**
 * Turns a refusal from the engine into plain words for the person, naming nodes by their
 * titles rather than ids where the error carries them.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { NodeRecord } from '../../shared/model/types';

const KIND_WORD: Record<string, string> = { custom_object: 'object' };
const kindWord = (kind: string): string => KIND_WORD[kind] ?? kind;
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function describeError(
  error: ServiceError,
  nodes: ReadonlyMap<string, NodeRecord>,
  subject?: string,
): string {
  const child = subject ? nodes.get(subject) : undefined;
  if (error.existing_parent) {
    const parent = nodes.get(error.existing_parent);
    const who = child ? `This ${kindWord(child.kind)}` : 'This item';
    const parentName = parent
      ? `${capitalise(kindWord(parent.kind))} ${parent.title}`
      : 'another item';
    return error.is_same
      ? `${who} is already attached to ${parentName}.`
      : `${who} already has a parent: ${parentName}.`;
  }
  return error.message;
}
