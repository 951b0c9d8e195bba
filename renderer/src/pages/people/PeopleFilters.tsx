import { Group, MultiSelect, Select, Switch } from '@mantine/core';
import type { ReferenceData } from '../../../../electron/contract/system';
import { BAND_LABELS, BANDS, type Band } from '../../../../electron/domain/bands';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from '../../../../electron/domain/caseStatus';
import { DateRangeFilter, FILTER_SELECT_PROPS } from '../../components/ListFilters';
import type { Filter } from './listState';

const STATUS_OPTIONS = CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }));
const BAND_OPTIONS = BANDS.map((b) => ({ value: b, label: BAND_LABELS[b].label }));

/** The compact filter bar of the Persone list: each change applies at once. */
export function PeopleFilters({ filter, reference, onChange }: { filter: Filter; reference: ReferenceData | undefined; onChange: (change: Partial<Filter>) => void }) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label="Filtri">
      <MultiSelect {...FILTER_SELECT_PROPS} label="Stato" w={160} placeholder="Tutti" data={STATUS_OPTIONS} value={filter.statuses} onChange={(v) => onChange({ statuses: v as CaseStatus[] })} />
      <MultiSelect {...FILTER_SELECT_PROPS} label="Fascia" w={160} placeholder="Tutte" data={BAND_OPTIONS} value={filter.bands} onChange={(v) => onChange({ bands: v as Band[] })} />
      <MultiSelect
        {...FILTER_SELECT_PROPS}
        label="Canale"
        w={160}
        placeholder="Tutti"
        data={reference?.channels.map((c) => ({ value: c.code, label: c.name })) ?? []}
        value={filter.channels}
        onChange={(channels) => onChange({ channels })}
      />
      <MultiSelect
        {...FILTER_SELECT_PROPS}
        label="Distretto"
        w={160}
        placeholder="Tutti"
        data={reference?.districts.map((d) => ({ value: d.code, label: d.name })) ?? []}
        value={filter.districts}
        onChange={(districts) => onChange({ districts })}
      />
      <Select
        {...FILTER_SELECT_PROPS}
        label="Referente"
        w={160}
        placeholder="Tutti"
        searchable
        data={reference?.referents.map((r) => ({ value: String(r.id), label: r.fullName })) ?? []}
        value={filter.referentUserId === null ? null : String(filter.referentUserId)}
        onChange={(v) => onChange({ referentUserId: v ? Number(v) : null })}
      />
      <DateRangeFilter label="Domanda dal" from={filter.appliedFrom} to={filter.appliedTo} onChange={({ from, to }) => onChange({ appliedFrom: from, appliedTo: to })} />
      <Switch
        label="Senza informativa"
        title="Persone che non hanno firmato l’informativa privacy"
        checked={filter.withoutPrivacyNotice}
        onChange={(e) => onChange({ withoutPrivacyNotice: e.currentTarget.checked })}
        mb={8}
        ml="xs"
      />
    </Group>
  );
}
