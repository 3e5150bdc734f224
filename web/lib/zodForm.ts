// Validates a Mantine form with the same zod schema the server uses, as people type. Errors are
// keyed by dotted path ("conditions.conditions.0.value"), the way Mantine forms address fields.
import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

interface Options {
  /** Replace the schema's message for a path (for type errors zod words for engineers). */
  messages?: Record<string, string>;
  /** Report errors on children of these paths on the path itself (a tags input's items). */
  collapse?: string[];
}

/**
 * A union (a condition is a rule or a group) reports every branch's failure; keep the branch
 * meant by the input, the one whose `type` discriminator matched.
 */
function flatten(issues: readonly Issue[], prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const branch = issue.errors.find((b) => !b.some((i) => i.path.length === 1 && i.path[0] === 'type')) ?? issue.errors[0]!;
      return flatten(branch, path);
    }
    return [{ path, message: issue.message }];
  });
}

export function zodErrors(schema: z.ZodType, values: unknown, options: Options = {}): FormErrors {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of flatten(result.error.issues)) {
    let key = issue.path.map(String).join('.');
    const parent = options.collapse?.find((p) => key.startsWith(`${p}.`));
    if (parent) key = parent;
    if (!(key in errors)) errors[key] = options.messages?.[key] ?? issue.message;
  }
  return errors;
}

/** A Mantine `validate` function for a schema. */
export function zodResolver(schema: z.ZodType, options?: Options) {
  return (values: unknown) => zodErrors(schema, values, options);
}
