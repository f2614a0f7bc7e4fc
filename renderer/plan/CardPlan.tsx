/**
 * The planning line of a node card: due date, estimate and the assignees' initials, compact,
 * with the full words in the accessible name and tooltip; "late" when the schedule says the
 * node finishes after its due date. Nothing is drawn for a node without planning fields.
 */
import type { NodeRecord } from '../../shared/model/types';
import { initials, planDays as days, shortDate } from './plan-text';

export function CardPlan({ record, late }: { record: NodeRecord; late: number | undefined }) {
  const { due_date: due, estimate, assignee } = record;
  if (due === undefined && estimate === undefined && !assignee?.length && late === undefined)
    return null;
  return (
    <div className="lg-node__plan">
      {due !== undefined && (
        <span className="lg-node__due" title={`Due ${due}`} aria-label={`Due ${due}`}>
          due {shortDate(due)}
        </span>
      )}
      {estimate !== undefined && (
        <span
          className="lg-node__estimate"
          title={`Estimate: ${estimate} working days`}
          aria-label={`Estimate ${estimate} working days`}
        >
          {days(estimate)}
        </span>
      )}
      {late !== undefined && (
        <span
          className="lg-node__late"
          data-late-by={late}
          title={`Late: finishes ${days(late)} (working days) after its due date`}
        >
          late {days(late)}
        </span>
      )}
      {assignee?.length ? (
        <span className="lg-node__people" aria-label={`Assigned to ${assignee.join(', ')}`}>
          {assignee.map((who) => (
            <abbr key={who} className="lg-initials" title={who}>
              {initials(who)}
            </abbr>
          ))}
        </span>
      ) : null}
    </div>
  );
}
