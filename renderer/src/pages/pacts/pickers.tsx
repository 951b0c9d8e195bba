import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { formatDate } from '../../format';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange'> & {
  value: number | null;
  onChange: (id: number | null, label: string | null) => void;
  /** The label of the chosen one (when it comes from the address), shown before any search. */
  initialLabel: string | null;
};

/** Keeps the chosen option among the search results, so the box can show its name. */
function withChosen(options: { value: string; label: string }[], value: number | null, label: string | null) {
  if (value === null || !label || options.some((o) => o.value === String(value))) return options;
  return [{ value: String(value), label }, ...options];
}

/** A person picked by surname (or "surname name", or codice fiscale), through the people list. */
export function PersonPicker({ value, onChange, initialLabel, ...props }: PickerProps) {
  const [search, setSearch] = useState('');
  const [chosenLabel, setChosenLabel] = useState(initialLabel);
  const [debounced] = useDebouncedValue(search, 200);
  const text = debounced.trim() === (chosenLabel ?? '') ? '' : debounced.trim();
  const hits = useApiQuery('people.list', { filter: { search: text }, page: 1, pageSize: 15 }, { enabled: text.length >= 2, placeholderData: keepPreviousData });
  const data = useMemo(() => {
    const found = text.length >= 2 ? (hits.data?.rows ?? []) : [];
    const options = found.map((p) => ({ value: String(p.id), label: `${p.lastName} ${p.firstName}${p.birthDate ? ` (${formatDate(p.birthDate)})` : ''}` }));
    return withChosen(options, value, chosenLabel ?? initialLabel);
  }, [hits.data, text, value, chosenLabel, initialLabel]);
  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value === null ? null : String(value)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      // no message before two letters: an open list without options is an empty listbox to screen readers
      nothingFoundMessage={text.length < 2 ? undefined : hits.isFetching ? 'Ricerca…' : 'Nessuna persona trovata'}
      onChange={(v, option) => {
        setChosenLabel(option?.label ?? null);
        onChange(v ? Number(v) : null, option?.label ?? null);
      }}
    />
  );
}

/** A company picked by part of its name or the start of its partita IVA. */
export function CompanyPicker({ value, onChange, initialLabel, ...props }: PickerProps) {
  const [search, setSearch] = useState('');
  const [chosenLabel, setChosenLabel] = useState(initialLabel);
  const [debounced] = useDebouncedValue(search, 200);
  const text = debounced.trim() === (chosenLabel ?? '') ? '' : debounced.trim();
  const hits = useApiQuery('pacts.companyOptions', { search: text, ids: value === null ? [] : [value] }, { placeholderData: keepPreviousData });
  const data = useMemo(() => {
    const options = (hits.data ?? []).map((c) => ({ value: String(c.id), label: c.name }));
    return withChosen(options, value, chosenLabel ?? initialLabel);
  }, [hits.data, value, chosenLabel, initialLabel]);
  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value === null ? null : String(value)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={hits.isFetching ? 'Ricerca…' : 'Nessuna azienda con questo nome o partita IVA'}
      onChange={(v, option) => {
        setChosenLabel(option?.label ?? null);
        onChange(v ? Number(v) : null, option?.label ?? null);
      }}
    />
  );
}
