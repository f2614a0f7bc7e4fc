/**
 * Refusals of the planning fields in words ([PL1]): the engine names the field and its limit
 * (`bad_request.invalid_due_datetime`, `bad_request.invalid_assignee`, `invalid_params` for
 * `start_date` / `estimate`); this says what a good value is, from the model's own limits.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { PLAN_LIMITS } from '../../shared/model/schemas';

const DAY = 'a day that exists, from 1900 on (YYYY-MM-DD)';

export function planFieldWords(error: ServiceError): string | undefined {
  if (error.code === 'bad_request.invalid_due_datetime') return `A due date is ${DAY}.`;
  if (error.code === 'bad_request.invalid_assignee') {
    return `An assignee is a name or email of 1 to ${PLAN_LIMITS.assignee} characters, listed once; a node has at most ${PLAN_LIMITS.assignees}.`;
  }
  if (error.code !== 'bad_request.invalid_params') return undefined;
  const field = /(?:^|\.)(start_date|estimate): /.exec(error.message)?.[1];
  if (field === 'start_date') return `A start date is ${DAY}.`;
  if (field === 'estimate') {
    return `An estimate is a number of working days from 0 to ${PLAN_LIMITS.estimateMax.toLocaleString('en')} (decimals allowed).`;
  }
  return undefined;
}
