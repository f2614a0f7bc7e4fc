/**
 * The focus's reach kept from batch to batch: it depends only on the active links (a status
 * or title change leaves it alone), and a batch changes it only when a link it walked goes or
 * changes, or a primary link comes with an end among its nodes — otherwise the same object is
 * kept, so the find view stays a patch (docs/canvas-performance.md, "A search, filter or focus
 * on the change path"). Anything else walks the links again (`reach`).
 */
import type { CustomLinkType, LinkRecord } from '../../shared/model/types';
import { listEditOf } from '../state/active-graph';
import type { ChangesSince } from '../canvas/flow-lists';
import { reach, type Reach } from './find-logic';
import type { Focus } from './find-store';

export interface ReachState {
  focus: Focus;
  links: readonly LinkRecord[];
  customTypes: ReadonlyMap<string, CustomLinkType>;
  version: number;
  reach: Reach;
}

/** `state` brought to the links at `version` (null: no focus). */
export function advanceReach(
  state: ReachState | null,
  focus: Focus | null,
  links: readonly LinkRecord[],
  linkAt: ReadonlyMap<string, number>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
  version: number,
  since: ChangesSince,
): ReachState | null {
  if (!focus) return null;
  const fresh = (): ReachState => ({
    focus,
    links,
    customTypes,
    version,
    reach: reach(focus.id, links, customTypes, focus),
  });
  if (!state || state.focus !== focus || state.customTypes !== customTypes) return fresh();
  if (state.links === links) return state.version === version ? state : { ...state, version };
  const change = since(state.version);
  const edit = listEditOf(links);
  if (!change || (edit && edit.previous !== state.links)) return fresh();
  // Replaced in place only (no edit): the same links, some of them changed.
  if (!edit && links.length !== state.links.length) return fresh();
  const { nodes, links: walked } = state.reach;
  const touches = (l: LinkRecord | undefined) =>
    l !== undefined && l.type === 0 && (nodes.has(l.source) || nodes.has(l.target));
  for (const i of edit?.removed ?? []) if (walked.has(state.links[i]!.id)) return fresh();
  for (const i of edit?.inserted ?? []) if (touches(links[i])) return fresh();
  for (const id of change.links) {
    if (walked.has(id)) return fresh();
    const at = linkAt.get(id);
    if (at !== undefined && touches(links[at])) return fresh();
  }
  return { ...state, links, version };
}
