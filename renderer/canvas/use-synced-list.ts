import { useCallback, useState } from 'react';

/**
 * A list kept in step with an input (records from the store) that React Flow may also edit
 * locally (drag, select, measure). When the input changes, `derive` rebuilds the list from
 * the previous one during render — React's "adjust state when a prop changes" pattern — so
 * there is no extra effect-driven render.
 */
export function useSyncedList<I, T>(
  input: I,
  derive: (previous: T[], input: I) => T[],
): [T[], (update: (current: T[]) => T[]) => void] {
  const [state, setState] = useState(() => ({ input, value: derive([], input) }));
  let current = state;
  if (state.input !== input) {
    current = { input, value: derive(state.value, input) };
    setState(current);
  }
  const update = useCallback(
    (fn: (value: T[]) => T[]) => setState((s) => ({ ...s, value: fn(s.value) })),
    [],
  );
  return [current.value, update];
}
