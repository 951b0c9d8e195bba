import { TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';

/** The compact look of the selects in a list's filter bar. */
export const FILTER_SELECT_PROPS = { size: 'xs', clearable: true, comboboxProps: { width: 'max-content' as const, position: 'bottom-start' as const } } as const;

/**
 * A list's search box: applies what is typed after a pause, or at once with Enter. `value` is the
 * applied search; when it changes from outside (Azzera filtri) the box follows.
 */
export function ListSearch({ value, onSearch, placeholder, w, autoFocus }: { value: string; onSearch: (text: string) => void; placeholder: string; w: number; autoFocus?: boolean }) {
  const [text, setText] = useState(value);
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    if (value.trim() !== text.trim()) setText(value);
  }
  const apply = useDebouncedCallback(onSearch, 250);
  return (
    <TextInput
      aria-label="Cerca"
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      w={w}
      autoFocus={autoFocus}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        apply(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          apply.cancel();
          onSearch(text);
        }
      }}
    />
  );
}

/** Two dates of a filter bar ("… dal", "al"), each bounding the other. */
export function DateRangeFilter({ label, from, to, onChange }: { label: string; from: string | null; to: string | null; onChange: (range: { from: string | null; to: string | null }) => void }) {
  const common = { size: 'xs', clearable: true, w: 124, placeholder: 'gg/mm/aaaa', valueFormat: 'DD/MM/YYYY' } as const;
  return (
    <>
      <DatePickerInput {...common} label={label} value={from} maxDate={to ?? undefined} onChange={(v) => onChange({ from: v, to })} />
      <DatePickerInput {...common} label="al" value={to} minDate={from ?? undefined} onChange={(v) => onChange({ from, to: v })} />
    </>
  );
}
