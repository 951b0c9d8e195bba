import { Group, SegmentedControl, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import { todayIso } from '../../../../electron/domain/dates';
import { parsePeriod, pickerYears, PROGRAMME_START, type PeriodKind } from '../../../../electron/domain/reportPeriod';

/**
 * The period of a report: a semester, a year, a custom range or the programme to date. Its value is
 * the period's text ('2019-H1', '2019', '2017-06-01..2021-12-31', 'all'), as the API and the CLI take it.
 */

/** The last semester that has ended: what the Tavolo reads at its next meeting. */
export function defaultPeriod(today = todayIso()): string {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 7 ? `${year}-H1` : `${year - 1}-H2`;
}

export function kindOf(code: string): PeriodKind {
  if (code === 'all') return 'programma';
  if (code.includes('..')) return 'intervallo';
  return /H[12]$/i.test(code) ? 'semestre' : 'anno';
}

const KINDS: { value: PeriodKind; label: string }[] = [
  { value: 'semestre', label: 'Semestre' },
  { value: 'anno', label: 'Anno' },
  { value: 'intervallo', label: 'Intervallo' },
  { value: 'programma', label: 'Dall’avvio' },
];

/** The custom range: kept here while only its first day is chosen, applied when both are. */
function RangeInput({ from, to, onChange }: { from: string; to: string; onChange: (code: string) => void }) {
  const [range, setRange] = useState<[string | null, string | null]>([from, to]);
  return (
    <DatePickerInput
      type="range"
      label="Dal – al"
      w={250}
      valueFormat="DD/MM/YYYY"
      value={range}
      allowSingleDateInRange
      onChange={([start, end]) => {
        setRange([start, end]);
        if (start && end) onChange(`${start.slice(0, 10)}..${end.slice(0, 10)}`);
      }}
    />
  );
}

export function PeriodPicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const today = todayIso();
  const parsed = parsePeriod(value, today);
  const period = 'error' in parsed ? parsePeriod(defaultPeriod(today), today) : parsed;
  if ('error' in period) return null;
  const kind = period.kind;
  const year = period.from.slice(0, 4);
  const years = pickerYears(today).map(String);

  const switchTo = (next: PeriodKind) => {
    if (next === kind) return;
    if (next === 'semestre') onChange(year === today.slice(0, 4) ? defaultPeriod(today) : `${year}-H1`);
    else if (next === 'anno') onChange(year);
    else if (next === 'intervallo') onChange(`${period.from < PROGRAMME_START ? PROGRAMME_START : period.from}..${period.to > today ? today : period.to}`);
    else onChange('all');
  };

  return (
    <Group gap="sm" align="flex-end" wrap="nowrap">
      <SegmentedControl aria-label="Tipo di periodo" data={KINDS} value={kind} onChange={(v) => switchTo(v as PeriodKind)} />
      {(kind === 'semestre' || kind === 'anno') && (
        <Select
          label="Anno"
          w={110}
          data={years}
          value={year}
          allowDeselect={false}
          onChange={(y) => y && onChange(kind === 'semestre' ? `${y}-${period.code.slice(-2)}` : y)}
        />
      )}
      {kind === 'semestre' && (
        <Select
          label="Semestre"
          w={200}
          data={[
            { value: 'H1', label: '1° semestre (gen–giu)' },
            { value: 'H2', label: '2° semestre (lug–dic)' },
          ]}
          value={period.code.slice(-2)}
          allowDeselect={false}
          onChange={(h) => h && onChange(`${year}-${h}`)}
        />
      )}
      {kind === 'intervallo' && <RangeInput key={period.code} from={period.from} to={period.to} onChange={onChange} />}
    </Group>
  );
}
