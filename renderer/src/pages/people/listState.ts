import type { z } from 'zod';
import type { peopleFilter, SORTABLE_COLUMNS } from '../../../../electron/contract/people';
import { CASE_STATUSES, type CaseStatus } from '../../../../electron/domain/caseStatus';
import { BANDS, type Band } from '../../../../electron/domain/bands';

/**
 * The Persone list's filter, sort and page, kept in the address (#/persone?cognome=…) so that Back from
 * a person's page returns to the same list, and remembered for the session when the menu reopens it.
 */
export type Filter = z.output<typeof peopleFilter>;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];
export interface Sort {
  column: SortColumn;
  direction: 'asc' | 'desc';
}
export interface ListState {
  filter: Filter;
  sort: Sort;
  page: number;
}

export const EMPTY_FILTER: Filter = {
  search: '',
  statuses: [],
  bands: [],
  channels: [],
  districts: [],
  referentUserId: null,
  appliedFrom: null,
  appliedTo: null,
  withoutInterview: false,
  withoutPrivacyNotice: false,
};
export const DEFAULT_SORT: Sort = { column: 'applicationDate', direction: 'desc' };
const SORT_COLUMNS: readonly SortColumn[] = ['name', 'birthDate', 'applicationDate', 'status', 'statusDate', 'comune'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const list = (params: URLSearchParams, key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
const oneOf = <T extends string>(values: readonly T[]) => (v: string): v is T => (values as readonly string[]).includes(v);

export function parseListState(params: URLSearchParams): ListState {
  const [column, direction] = (params.get('ordina') ?? '').split('.');
  const referent = Number(params.get('referente'));
  const page = Number(params.get('pagina'));
  const date = (key: string) => {
    const v = params.get(key);
    return v && DATE.test(v) ? v : null;
  };
  return {
    filter: {
      search: params.get('cerca') ?? '',
      statuses: list(params, 'stato').filter(oneOf<CaseStatus>(CASE_STATUSES)),
      bands: list(params, 'fascia').filter(oneOf<Band>(BANDS)),
      channels: list(params, 'canale'),
      districts: list(params, 'distretto'),
      referentUserId: Number.isSafeInteger(referent) && referent > 0 ? referent : null,
      appliedFrom: date('dal'),
      appliedTo: date('al'),
      withoutInterview: params.get('senzacolloquio') === '1',
      withoutPrivacyNotice: params.get('senzainformativa') === '1',
    },
    sort: oneOf(SORT_COLUMNS)(column ?? '') ? { column: column as SortColumn, direction: direction === 'asc' ? 'asc' : 'desc' } : DEFAULT_SORT,
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

export function serializeListState({ filter, sort, page }: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.search.trim()) params.set('cerca', filter.search);
  if (filter.statuses.length) params.set('stato', filter.statuses.join(','));
  if (filter.bands.length) params.set('fascia', filter.bands.join(','));
  if (filter.channels.length) params.set('canale', filter.channels.join(','));
  if (filter.districts.length) params.set('distretto', filter.districts.join(','));
  if (filter.referentUserId !== null) params.set('referente', String(filter.referentUserId));
  if (filter.appliedFrom) params.set('dal', filter.appliedFrom);
  if (filter.appliedTo) params.set('al', filter.appliedTo);
  if (filter.withoutInterview) params.set('senzacolloquio', '1');
  if (filter.withoutPrivacyNotice) params.set('senzainformativa', '1');
  if (sort.column !== DEFAULT_SORT.column || sort.direction !== DEFAULT_SORT.direction) params.set('ordina', `${sort.column}.${sort.direction}`);
  if (page > 1) params.set('pagina', String(page));
  return params;
}

/** A saved filter (possibly written by an older version, with missing keys) as a complete one. */
export function completeFilter(saved: Partial<Filter>): Filter {
  return { ...EMPTY_FILTER, ...saved, search: saved.search ?? '' };
}

/** Same filter, whatever the order of the chosen values: tells which saved filter is in use. */
export function filterKey(f: Filter): string {
  const sorted = (a: string[]) => [...a].sort();
  return JSON.stringify([
    f.search.trim().toLowerCase(),
    sorted(f.statuses),
    sorted(f.bands),
    sorted(f.channels),
    sorted(f.districts),
    f.referentUserId,
    f.appliedFrom,
    f.appliedTo,
    f.withoutInterview,
    f.withoutPrivacyNotice,
  ]);
}

export function isFiltered(filter: Filter): boolean {
  return filterKey(filter) !== filterKey(EMPTY_FILTER);
}
