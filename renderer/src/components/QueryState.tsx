import { Alert, Button, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';

/** Loading and error states of a read, so every page shows them the same way. */
export function QueryState<T>({ query, children }: { query: { data: T | undefined; error: ApiError | null; isPending: boolean; refetch: () => unknown }; children: (data: T) => ReactNode }) {
  if (query.error) {
    return (
      <Alert color="red" title="Impossibile caricare i dati">
        {query.error.message}{' '}
        <Button size="xs" variant="light" ml="sm" onClick={() => query.refetch()}>Riprova</Button>
      </Alert>
    );
  }
  if (query.isPending || query.data === undefined) {
    return (
      <Center p="xl">
        <Loader aria-label="Caricamento" />
      </Center>
    );
  }
  return <>{children(query.data)}</>;
}
