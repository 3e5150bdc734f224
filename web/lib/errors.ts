// Turns API errors into plain words: one message for a notification, and the per-field messages
// of a rejected form so they land under the inputs people typed into.
import { notifications } from '@mantine/notifications';
import { TRPCClientError } from '@trpc/client';

interface ErrorData {
  code?: string;
  issues?: { path: string; message: string }[];
}

function dataOf(error: unknown): ErrorData | undefined {
  return error instanceof TRPCClientError ? (error.data as ErrorData | undefined) : undefined;
}

/** The tRPC error code ('NOT_FOUND', 'CONFLICT', …), or null for network and other errors. */
export function errorCode(error: unknown): string | null {
  return dataOf(error)?.code ?? null;
}

/** A sentence a person can act on. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = dataOf(error);
    if (!data) return 'Pixeltag could not be reached. Check your connection and try again.';
    if (data.code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Try again in a moment.';
    if (data.issues?.length) return data.issues.map((i) => i.message).join('. ');
    return error.message;
  }
  return 'Something unexpected happened. Reload the page and try again.';
}

/** Field errors keyed by form path ("action.url"), from a BAD_REQUEST answer. */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of dataOf(error)?.issues ?? []) {
    if (issue.path && !errors[issue.path]) errors[issue.path] = issue.message;
  }
  return errors;
}

export function notifyError(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}
