import { Group, Select, Stack, Text, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import type { InterventionSuggestion } from '../../../../electron/contract/budget';
import { formatEuro } from '../../../../electron/domain/money';
import { useApiQuery } from '../../api/hooks';
import { formatDate } from '../../format';

export interface Picked {
  id: number;
  label: string;
}

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: Picked | null;
  onChange: (picked: Picked | null) => void;
};

/**
 * Whether to look up what is typed: at least 2 characters, settled (debounced), and not the label of
 * the option just chosen (the select writes it in the field).
 */
function isTyping(search: string, debounced: string, chosenLabel: string | undefined): boolean {
  const text = debounced.trim();
  return text.length >= 2 && text.length <= 80 && search !== chosenLabel && debounced !== chosenLabel;
}

/** Options found on the server as one types, plus the chosen one (so that it stays shown). */
function withChosen(options: { value: string; label: string }[], chosen: Picked | null) {
  if (!chosen || options.some((o) => o.value === String(chosen.id))) return options;
  return [{ value: String(chosen.id), label: chosen.label }, ...options];
}

/** A person, looked up by surname as one types (names only: no personal data needed here). */
export function PersonPicker({ value, onChange, ...props }: PickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const typing = isTyping(search, debounced, value?.label);
  const found = useApiQuery('people.list', { filter: { search: debounced.trim() }, pageSize: 10 }, { enabled: typing, placeholderData: keepPreviousData });
  const options = typing ? (found.data?.rows ?? []).map((p) => ({ value: String(p.id), label: `${p.lastName} ${p.firstName}` })) : [];
  return (
    <Select
      searchable
      clearable
      filter={({ options: all }) => all}
      nothingFoundMessage={typing ? 'Nessuna persona con questo cognome' : 'Scrivere almeno 2 lettere del cognome'}
      data={withChosen(options, value)}
      value={value ? String(value.id) : null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, option) => onChange(v && option ? { id: Number(v), label: option.label } : null)}
      {...props}
    />
  );
}

/** A company, looked up by name or partita IVA as one types. */
export function CompanyPicker({ value, onChange, ...props }: PickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const typing = isTyping(search, debounced, value?.label);
  const found = useApiQuery('companies.search', { text: debounced.trim(), limit: 10 }, { enabled: typing, placeholderData: keepPreviousData });
  const options = typing ? (found.data ?? []).map((c) => ({ value: String(c.id), label: c.name })) : [];
  return (
    <Select
      searchable
      clearable
      filter={({ options: all }) => all}
      nothingFoundMessage={typing ? 'Nessuna azienda trovata' : 'Scrivere almeno 2 lettere del nome'}
      data={withChosen(options, value)}
      value={value ? String(value.id) : null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, option) => onChange(v && option ? { id: Number(v), label: option.label } : null)}
      {...props}
    />
  );
}

export function interventionLabel(s: InterventionSuggestion): string {
  const where = s.companyName ? ` c/o ${s.companyName}` : '';
  const when = s.startDate ? ` (dal ${formatDate(s.startDate)})` : '';
  return `${s.personName} – ${s.instrumentName}${where}${when}`;
}

/** A path (intervention) to link a commitment to, found by the person's surname or the company's name. */
export function InterventionPicker({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: InterventionSuggestion | null;
  onChange: (picked: InterventionSuggestion | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const typing = isTyping(search, debounced, value ? interventionLabel(value) : undefined);
  const found = useApiQuery('budget.paths.search', { search: debounced.trim() }, { enabled: typing, placeholderData: keepPreviousData });
  const hits = typing ? (found.data ?? []) : [];
  const all = value && !hits.some((h) => h.interventionId === value.interventionId) ? [value, ...hits] : hits;
  const byId = new Map(all.map((s) => [String(s.interventionId), s]));
  return (
    <Select
      searchable
      clearable
      filter={({ options }) => options}
      nothingFoundMessage={typing ? (found.isFetching ? 'Ricerca…' : 'Nessun percorso trovato') : 'Scrivere il cognome della persona o il nome dell’azienda'}
      data={all.map((s) => ({ value: String(s.interventionId), label: interventionLabel(s) }))}
      value={value ? String(value.interventionId) : null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v) => onChange(v ? (byId.get(v) ?? null) : null)}
      maxDropdownHeight={320}
      renderOption={({ option }) => {
        const s = byId.get(option.value);
        if (!s) return option.label;
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {s.months && s.monthlyIndemnityCents ? `${s.months} mesi × ${formatEuro(s.monthlyIndemnityCents)}` : s.amountCents ? formatEuro(s.amountCents) : 'importo da indicare'}
              </Text>
              {s.alreadyCommittedCents !== 0 && <Text size="xs" c="orange.8">già impegnati {formatEuro(s.alreadyCommittedCents)}</Text>}
            </Group>
          </Stack>
        );
      }}
      {...props}
    />
  );
}
