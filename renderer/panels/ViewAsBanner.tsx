import { currentMember, reloadView } from '../app/commands';
import { useViewingAs } from '../app/view-as';

/** While viewing as a member: whose graph this is, that it is read-only and why, the way back. */
export function ViewAsBanner() {
  const member = useViewingAs();
  if (!member) return null;
  return (
    <div className="lg-view-as" role="region" aria-label="Viewing as">
      <strong>
        Viewing as {member.username}
        {member.email ? ` (${member.email})` : ''}
      </strong>
      <span>
        — you see exactly what they see. Read-only: changes would be made by you, not by them.
      </span>
      <button type="button" onClick={() => void reloadView(currentMember)}>
        Back to my view
      </button>
    </div>
  );
}
