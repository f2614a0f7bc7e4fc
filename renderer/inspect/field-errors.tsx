/**
 * Inspector fields: each change is one command (one batch), and a refusal is shown next to
 * the field it is about, in words (describeError), until a change is accepted or another
 * element is inspected.
 */
import { useCallback, useState } from 'react';
import type { MethodParams } from '../../shared/contract/methods';
import type { CommandMethodName } from '../../shared/contract/method-names';
import type { Batch } from '../../shared/engine/batch';
import { attempt } from '../app/commands';
import type { ErrorSubject } from '../app/describe-error';

export interface FieldError {
  text: string;
  code: string;
}

export function useFieldErrors(about: ErrorSubject) {
  const key = `${about.node ?? ''}:${about.link ?? ''}`;
  const [state, setState] = useState<{ key: string; errors: Record<string, FieldError> }>({
    key,
    errors: {},
  });
  const errors = state.key === key ? state.errors : {};
  const { node, link } = about;

  const run = useCallback(
    async <M extends CommandMethodName>(
      field: string,
      method: M,
      params: MethodParams<M>,
      extra: Omit<ErrorSubject, 'node' | 'link'> = {},
    ): Promise<Batch | null> => {
      const answer = await attempt(method, params, { node, link, ...extra });
      // An accepted change clears every message: the element changed, so older refusals may
      // no longer hold.
      setState((s) => ({
        key,
        errors: answer.ok
          ? {}
          : {
              ...(s.key === key ? s.errors : {}),
              [field]: { text: answer.text, code: answer.error.code },
            },
      }));
      return answer.ok ? answer.batch : null;
    },
    [key, node, link],
  );
  return { errors, run };
}

/** The message under a field; `id` is what the field's aria-describedby names. */
export function FieldMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  if (!error) return null;
  return (
    <span id={id} role="alert" className="lg-field-error" data-code={error.code}>
      {error.text}
    </span>
  );
}
