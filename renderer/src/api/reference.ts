import { useApiQuery } from './hooks';

/** Reference data for forms and filters (comuni, birth places, channels, referents…), loaded once per session. */
export function useReference() {
  return useApiQuery('system.reference', {}, { staleTime: Infinity });
}
