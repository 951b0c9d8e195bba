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

/** As applyServerErrors, but null when the message already shows on a field: nothing to repeat under the form. */
export function serverErrorBesideFields<T>(form: UseFormReturnType<T>, error: unknown): string | null {
  const message = applyServerErrors(form, error);
  return error instanceof ApiError && Object.keys(error.fields).length > 0 ? null : message;
}
