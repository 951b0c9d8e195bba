import { DateInput, type DateInputProps } from '@mantine/dates';
import { parseItalianDate } from '../../../electron/domain/dates';

/**
 * A date typed the Italian way (gg/mm/aaaa) or picked from the calendar; its value is 'YYYY-MM-DD'.
 * Mantine's default parser would read 01/06/2025 as 6 January.
 */
export function DateField(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  return <DateInput valueFormat="DD/MM/YYYY" placeholder="gg/mm/aaaa" dateParser={parseItalianDate} {...props} />;
}
