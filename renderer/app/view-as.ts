/**
 * "View as" (SPEC A4): the owner sees exactly the graph a member sees. It is a read-only
 * preview: every change the editor sends is made by the person at the app (the service's
 * caller), so an edit made "as" someone would be recorded under the wrong name and judged by
 * the wrong rights. While viewing as a member the editor therefore changes nothing (command()
 * refuses with the reason, the canvas takes no gestures), and the banner says so and offers
 * the way back. docs/editor.md, "View as".
 */
import { useGraphStore } from '../state/graph-store';
import type { Member } from '../../shared/model/types';
import { currentMember } from './commands';

/** The member being viewed as, when it is not the person at the app. */
export function useViewingAs(): Member | null {
  const viewer = useGraphStore((s) => s.viewer);
  const members = useGraphStore((s) => s.members);
  if (!viewer || viewer === currentMember) return null;
  return (
    members.find((m) => m.id === viewer) ?? { id: viewer, username: 'another member', email: '' }
  );
}
