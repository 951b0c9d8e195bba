import type { UseFormReturnType } from '@mantine/form';
import { ApiError } from '../api/client';

/** Puts the server's per-field messages on the form's fields; returns the general message to show. */
export function applyServerErrors<T>(form: UseFormReturnType<T>, error: unknown): string {
  if (error instanceof ApiError) {
    if (Object.keys(error.fields).length > 0) form.setErrors(error.fields);
    return error.message;
  }
  return 'Operazione non riuscita';
}
