import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { render } from '../test/render';
import { useListState } from './useListState';

interface State {
  search: string;
  page: number;
}
const parse = (p: URLSearchParams): State => ({ search: p.get('cerca') ?? '', page: Number(p.get('pagina') ?? 1) });
const serialize = (s: State) => new URLSearchParams({ ...(s.search && { cerca: s.search }), ...(s.page > 1 && { pagina: String(s.page) }) });

function List({ remember }: { remember?: string }) {
  const [state, setState] = useListState(parse, serialize, remember);
  // two changes in one event: the second must not overwrite the first
  const both = () => {
    setState((s) => ({ ...s, page: s.page + 1 }));
    setState((s) => ({ ...s, search: 'bianchi' }));
  };
  return (
    <>
      <p>{`${state.search}|${state.page}`}</p>
      <button onClick={both}>Cambia</button>
    </>
  );
}

describe('useListState', () => {
  it('starts from the address and writes every change back to it', async () => {
    const { address, user } = render(<List />, { route: '/elenco?cerca=rossi' });
    expect(screen.getByText('rossi|1')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cambia' }));
    expect(screen.getByText('bianchi|2')).toBeTruthy();
    expect(address()).toBe('/elenco?cerca=bianchi&pagina=2');
    expect(sessionStorage.length).toBe(0);
  });

  it('brings back the remembered list when opened without a query, not when the address says otherwise', () => {
    const first = render(<List remember="elenco" />, { route: '/elenco?cerca=verdi&pagina=3' });
    first.unmount();
    const again = render(<List remember="elenco" />, { route: '/elenco' });
    expect(screen.getByText('verdi|3')).toBeTruthy();
    expect(again.address()).toBe('/elenco?cerca=verdi&pagina=3');
    again.unmount();
    render(<List remember="elenco" />, { route: '/elenco?cerca=neri' });
    expect(screen.getByText('neri|1')).toBeTruthy();
  });
});
