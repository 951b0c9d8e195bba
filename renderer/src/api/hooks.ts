import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { Input, MethodName, Output } from '../../../electron/contract/index';
import { type ApiError, call } from './client';

/** A read through the API, cached by method and input. */
export function useApiQuery<M extends MethodName>(method: M, input: Input<M>, options: Partial<UseQueryOptions<Output<M>, ApiError>> = {}) {
  return useQuery<Output<M>, ApiError>({ queryKey: [method, input], queryFn: () => call(method, input), ...options });
}

/**
 * A write through the API. On success it refreshes the cached reads (every screen shows fresh data) and
 * optionally shows a confirmation; on failure it shows the server's Italian message unless the form handles it.
 */
export function useApiMutation<M extends MethodName>(method: M, options: { success?: string | ((out: Output<M>) => string); quietErrors?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation<Output<M>, ApiError, Input<M>>({
    mutationFn: (input) => call(method, input),
    onSuccess: async (output) => {
      await queryClient.invalidateQueries();
      const message = typeof options.success === 'function' ? options.success(output) : options.success;
      if (message) notifications.show({ color: 'green', message });
    },
    onError: (error) => {
      if (!options.quietErrors) notifications.show({ color: 'red', title: 'Operazione non riuscita', message: error.message });
    },
  });
}
