/**
 * [N4] [E1] A parameter refusal as an engine error: field limits get SynapTask's names, the
 * same whichever command (or transport) carries the field; anything else is invalid_params.
 */
import type { z } from 'zod';
import { linkError, type LinkError } from './errors';

/** [N4] Field-limit failures get SynapTask's names; anything else is invalid_params. */
export function paramsError(error: z.ZodError): LinkError {
  const issue = error.issues[0];
  const keys = issue?.path ?? [];
  // The field is the innermost name: `priority` in `patch.priority` (nodes.update) too, so a
  // field breaks its limit with the same code whichever command carries it.
  const named = [...keys].reverse().find((k) => typeof k === 'string');
  const field = named === 'tags_add' || named === 'tags_remove' ? 'tags' : named;
  const path = keys.join('.') || 'params';
  const message = `${path}: ${issue?.message ?? 'invalid'}`;
  if (issue?.message === 'invalid UUID') return linkError('bad_request.invalid_uuid', message);
  if (issue?.code === 'too_big') {
    if (field === 'title') return linkError('bad_request.title_too_long', message);
    if (field === 'description') return linkError('bad_request.description_too_long', message);
    if (field === 'tags') {
      return linkError(
        typeof keys[keys.length - 1] === 'number'
          ? 'bad_request.tag_too_long'
          : 'bad_request.too_many_tags',
        message,
      );
    }
  }
  if (field === 'priority') return linkError('bad_request.invalid_priority', message);
  // [PL1] SynapTask's names for its two planning fields.
  if (field === 'due_date') return linkError('bad_request.invalid_due_datetime', message);
  if (field === 'assignee') return linkError('bad_request.invalid_assignee', message);
  // [X5] A value outside an enum names the parameter, the value and the allowed values
  // (DevRev's invalid_enum_value); the input is there when the schema ran with reportInput.
  if (issue?.code === 'invalid_value' && issue.values.every((v) => typeof v === 'string')) {
    return linkError('bad_request.invalid_params', message, {
      field_name: String(field ?? 'params'),
      value: typeof issue.input === 'string' ? issue.input : JSON.stringify(issue.input ?? null),
      allowed_values: issue.values as string[],
    });
  }
  return linkError('bad_request.invalid_params', message);
}
