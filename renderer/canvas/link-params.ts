/**
 * The parameters of a link drawn on the canvas, from the toolbar's draft: link type (or a
 * plain link), blocking (omitted for "default" so the engine applies SPEC L3) and privacy.
 */
import type { MethodParams } from '../../shared/contract/methods';
import { useUiStore } from '../state/ui-store';

export function newLinkParams(source: string, target: string): MethodParams<'link.create'> {
  const { draft } = useUiStore.getState();
  return {
    source,
    target,
    ...(draft.linkType ? { link_type: draft.linkType } : {}),
    ...(draft.linkType === 'custom_link' && draft.customLinkType
      ? { custom_link_type: draft.customLinkType }
      : {}),
    ...(draft.blocking === 'default' ? {} : { type: draft.blocking === 'primary' ? 0 : 1 }),
    private: draft.private,
  };
}
