import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filter, sort and page, kept in the address so that Back returns to the same list. With
 * `rememberAs` it is also remembered for the session: opening the list from the menu (no query) brings
 * back the last one. React state (not the address) is the source of truth, so quick successive changes
 * queue up instead of overwriting each other while the router applies the previous address.
 */
export function useListState<S>(parse: (params: URLSearchParams) => S, serialize: (state: S) => URLSearchParams, rememberAs?: string) {
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<S>(() => {
    const remembered = rememberAs && params.size === 0 ? sessionStorage.getItem(rememberAs) : null;
    return parse(remembered ? new URLSearchParams(remembered) : params);
  });
  useEffect(() => {
    const query = serialize(state).toString();
    if (rememberAs) sessionStorage.setItem(rememberAs, query);
    setParams(query, { replace: true });
  }, [state, setParams, serialize, rememberAs]);
  return [state, setState] as const;
}
