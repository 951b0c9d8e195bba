import type { z } from 'zod';
import { BOARD_STATUSES, COMPANY_SORT_COLUMNS, SIZE_BANDS, type BoardStatus, type companiesFilter, type CompanySortColumn, type SizeBand } from '../../../../electron/contract/companies';

/**
 * The Aziende list's filter, sort and page, kept in the address (#/aziende?cerca=…) so that Back from a
 * company's page returns to the same list, and remembered for the session when the menu reopens it.
 */
export type Filter = z.output<typeof companiesFilter>;
export interface Sort {
  column: CompanySortColumn;
  direction: 'asc' | 'desc';
}
export interface ListState {
  filter: Filter;
  sort: Sort;
  page: number;
}

export const EMPTY_FILTER: Filter = { search: '', board: null, atecoSections: [], sizes: [], comuni: [], districts: [], withOpenNeeds: false };
export const DEFAULT_SORT: Sort = { column: 'name', direction: 'asc' };

const list = (params: URLSearchParams, key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
const oneOf = <T extends string>(values: readonly T[]) => (v: string): v is T => (values as readonly string[]).includes(v);

export function parseListState(params: URLSearchParams): ListState {
  const [column, direction] = (params.get('ordina') ?? '').split('.');
  const page = Number(params.get('pagina'));
  const board = params.get('board') ?? '';
  return {
    filter: {
      search: params.get('cerca') ?? '',
      board: oneOf<BoardStatus>(BOARD_STATUSES)(board) ? board : null,
      atecoSections: list(params, 'ateco').filter((s) => /^[A-U]$/.test(s)),
      sizes: list(params, 'dimensione').filter(oneOf<SizeBand>(SIZE_BANDS)),
      comuni: list(params, 'comune').filter((s) => /^037\d{3}$/.test(s)),
      districts: list(params, 'distretto'),
      withOpenNeeds: params.get('fabbisogni') === '1',
    },
    sort: oneOf(COMPANY_SORT_COLUMNS)(column ?? '') ? { column: column as CompanySortColumn, direction: direction === 'desc' ? 'desc' : 'asc' } : DEFAULT_SORT,
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

export function serializeListState({ filter, sort, page }: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.search.trim()) params.set('cerca', filter.search);
  if (filter.board) params.set('board', filter.board);
  if (filter.atecoSections.length) params.set('ateco', filter.atecoSections.join(','));
  if (filter.sizes.length) params.set('dimensione', filter.sizes.join(','));
  if (filter.comuni.length) params.set('comune', filter.comuni.join(','));
  if (filter.districts.length) params.set('distretto', filter.districts.join(','));
  if (filter.withOpenNeeds) params.set('fabbisogni', '1');
  if (sort.column !== DEFAULT_SORT.column || sort.direction !== DEFAULT_SORT.direction) params.set('ordina', `${sort.column}.${sort.direction}`);
  if (page > 1) params.set('pagina', String(page));
  return params;
}

export function isFiltered(f: Filter): boolean {
  return !!f.search.trim() || f.board !== null || f.atecoSections.length + f.sizes.length + f.comuni.length + f.districts.length > 0 || f.withOpenNeeds;
}
