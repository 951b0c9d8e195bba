import dayjs from 'dayjs';
import type { MantineColor } from '@mantine/core';
import { CLOSED_CASE_STATUSES, type CaseStatus } from '../../../../../electron/domain/caseStatus';
import type { Band } from '../../../../../electron/domain/bands';
import type { CaseView } from '../../../../../electron/contract/cases';

/** Colours used for the case status and the L.R. 14 band everywhere on the person page. */
export const STATUS_COLORS: Record<CaseStatus, MantineColor> = {
  iscritto: 'gray',
  colloquio_fissato: 'cyan',
  valutato: 'violet',
  in_carico: 'green',
  fuori_target: 'orange',
  in_percorso: 'teal',
  concluso: 'dark',
};

export const BAND_COLORS: Record<Band, MantineColor> = { forte: 'blue', target: 'green', fragile: 'orange' };


/** Completed years between a 'YYYY-MM-DD' birth date and today. */
export function ageOf(birthDate: string): number {
  return dayjs().diff(dayjs(birthDate), 'year');
}

export function isOpen(c: CaseView): boolean {
  return !CLOSED_CASE_STATUSES.includes(c.status);
}

/** Newest first: by application date, then by id. */
export function sortCases(cases: CaseView[]): CaseView[] {
  return [...cases].sort((a, b) => b.applicationDate.localeCompare(a.applicationDate) || b.id - a.id);
}
