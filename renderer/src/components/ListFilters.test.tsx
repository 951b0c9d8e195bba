import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render } from '../test/render';
import { ListSearch } from './ListFilters';

/** A list page in miniature: the applied search, and a reset from outside the box. */
function Page({ onSearch }: { onSearch: (text: string) => void }) {
  const [search, setSearch] = useState('rossi');
  return (
    <>
      <ListSearch
        placeholder="Cerca"
        w={300}
        value={search}
        onSearch={(text) => {
          onSearch(text);
          setSearch(text.trim());
        }}
      />
      <button onClick={() => setSearch('')}>Azzera filtri</button>
    </>
  );
}

describe('ListSearch', () => {
  it('applies what is typed after a pause, once', async () => {
    const onSearch = vi.fn();
    const { user } = render(<Page onSearch={onSearch} />);
    const box = screen.getByRole<HTMLInputElement>('textbox', { name: 'Cerca' });
    expect(box.value).toBe('rossi');
    await user.type(box, ' m');
    expect(onSearch).not.toHaveBeenCalled();
    await waitFor(() => expect(onSearch).toHaveBeenCalledWith('rossi m'));
    expect(onSearch).toHaveBeenCalledOnce();
  });

  it('applies at once with Enter, keeping a trailing space being typed', async () => {
    const onSearch = vi.fn();
    const { user } = render(<Page onSearch={onSearch} />);
    const box = screen.getByRole<HTMLInputElement>('textbox', { name: 'Cerca' });
    await user.clear(box);
    await user.type(box, 'verdi {Enter}');
    expect(onSearch).toHaveBeenLastCalledWith('verdi ');
    expect(box.value).toBe('verdi ');
  });

  it('empties the box when the filters are cleared from outside', async () => {
    const { user } = render(<Page onSearch={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Azzera filtri' }));
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Cerca' }).value).toBe('');
  });
});
