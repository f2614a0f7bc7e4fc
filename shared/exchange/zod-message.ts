/** Turns a zod failure into one line naming the field at fault, e.g. `nodes[3].title: ...`. */
import type { z } from 'zod';

export function describeZodError(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  if (!issue) return `${what} is invalid`;
  let path = '';
  for (const part of issue.path) {
    path +=
      typeof part === 'number' ? `[${part}]` : path === '' ? String(part) : `.${String(part)}`;
  }
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${what}: ${path === '' ? '' : `${path}: `}${issue.message}${more}`;
}
