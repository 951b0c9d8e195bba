import { Group, MultiSelect, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { ReferenceData } from '../../../../electron/contract/people';
import { BAND_LABELS, BANDS, type Band } from '../../../../electron/domain/bands';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from '../../../../electron/domain/caseStatus';
import type { Filter } from './listState';

const STATUS_OPTIONS = CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }));
const BAND_OPTIONS = BANDS.map((b) => ({ value: b, label: BAND_LABELS[b].label }));

/** The compact filter bar of the Persone list: each change applies at once. */
export function PeopleFilters({ filter, reference, onChange }: { filter: Filter; reference: ReferenceData | undefined; onChange: (change: Partial<Filter>) => void }) {
  const common = { size: 'xs', clearable: true, comboboxProps: { width: 'max-content' as const, position: 'bottom-start' as const } } as const;
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label="Filtri">
      <MultiSelect {...common} label="Stato" w={160} placeholder="Tutti" data={STATUS_OPTIONS} value={filter.statuses} onChange={(v) => onChange({ statuses: v as CaseStatus[] })} />
      <MultiSelect {...common} label="Fascia" w={160} placeholder="Tutte" data={BAND_OPTIONS} value={filter.bands} onChange={(v) => onChange({ bands: v as Band[] })} />
      <MultiSelect
        {...common}
        label="Canale"
        w={160}
        placeholder="Tutti"
        data={reference?.channels.map((c) => ({ value: c.code, label: c.name })) ?? []}
        value={filter.channels}
        onChange={(channels) => onChange({ channels })}
      />
      <MultiSelect
        {...common}
        label="Distretto"
        w={160}
        placeholder="Tutti"
        data={reference?.districts.map((d) => ({ value: d.code, label: d.name })) ?? []}
        value={filter.districts}
        onChange={(districts) => onChange({ districts })}
      />
      <Select
        {...common}
        label="Referente"
        w={160}
        placeholder="Tutti"
        searchable
        data={reference?.referents.map((r) => ({ value: String(r.id), label: r.fullName })) ?? []}
        value={filter.referentUserId === null ? null : String(filter.referentUserId)}
        onChange={(v) => onChange({ referentUserId: v ? Number(v) : null })}
      />
      <DatePickerInput
        size="xs"
        clearable
        label="Domanda dal"
        w={124}
        placeholder="gg/mm/aaaa"
        valueFormat="DD/MM/YYYY"
        value={filter.appliedFrom}
        maxDate={filter.appliedTo ?? undefined}
        onChange={(v) => onChange({ appliedFrom: v })}
      />
      <DatePickerInput
        size="xs"
        clearable
        label="al"
        w={124}
        placeholder="gg/mm/aaaa"
        valueFormat="DD/MM/YYYY"
        value={filter.appliedTo}
        minDate={filter.appliedFrom ?? undefined}
        onChange={(v) => onChange({ appliedTo: v })}
      />
    </Group>
  );
}
