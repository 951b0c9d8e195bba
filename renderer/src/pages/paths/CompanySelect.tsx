import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useApiQuery } from '../../api/hooks';

/**
 * An azienda picked by typing part of its name (or the start of its partita IVA); the value is the
 * company id as a string. `initial` is the company already chosen, shown before any search.
 */
export function CompanySelect({
  value,
  onChange,
  initial,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
  initial: { id: number; name: string } | null;
}) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState(initial ? { value: String(initial.id), label: initial.name } : null);
  const [debounced] = useDebouncedValue(search, 200);
  // while the box shows the chosen name, search for nothing new
  const text = chosen && debounced === chosen.label ? '' : debounced.trim();
  const hits = useApiQuery('companies.search', { text, limit: 15 }, { enabled: text.length >= 2, placeholderData: keepPreviousData });
  const data = useMemo(() => {
    const options = (text.length >= 2 ? (hits.data ?? []) : []).map((c) => ({ value: String(c.id), label: c.name, description: c.seatCity }));
    if (chosen && !options.some((o) => o.value === chosen.value)) options.unshift({ value: chosen.value, label: chosen.label, description: '' });
    return options.map(({ value: v, label }) => ({ value: v, label }));
  }, [hits.data, chosen, text]);
  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={text.length < 2 ? undefined : hits.isFetching ? 'Ricerca…' : 'Nessuna azienda con questo nome'}
      onChange={(v, option) => {
        setChosen(v && option ? { value: v, label: option.label } : null);
        onChange(v);
      }}
    />
  );
}
