import { PACT_SORT_COLUMNS, PACT_VIEWS, type PactSortColumn, type PactView } from '../../../../electron/contract/pacts';
import { PACT_STATUSES, type PactStatus } from '../../../../electron/domain/pacts';

/** The Patti list's view, filters, order and page, kept in the address (#/patti?vista=tutti&azienda=…). */
export interface ListState {
  view: PactView;
  search: string;
  companyId: number | null;
  referentUserId: number | null;
  /** Only in the view "Tutti": the other views choose the statuses themselves. */
  status: PactStatus | null;
  /** null: the view's own order. */
  sort: { column: PactSortColumn; direction: 'asc' | 'desc' } | null;
  page: number;
}

const positive = (v: string | null) => {
  const n = Number(v);
  return v && Number.isSafeInteger(n) && n > 0 ? n : null;
};

export function parseListState(params: URLSearchParams): ListState {
  const view = params.get('vista') as PactView | null;
  const status = params.get('stato') as PactStatus | null;
  const column = params.get('ordina') as PactSortColumn | null;
  return {
    view: view && PACT_VIEWS.includes(view) ? view : 'da_firmare',
    search: params.get('cerca') ?? '',
    companyId: positive(params.get('azienda')),
    referentUserId: positive(params.get('referente')),
    status: status && PACT_STATUSES.includes(status) ? status : null,
    sort: column && PACT_SORT_COLUMNS.includes(column) ? { column, direction: params.get('verso') === 'asc' ? 'asc' : 'desc' } : null,
    page: positive(params.get('pagina')) ?? 1,
  };
}

export function serializeListState(s: ListState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.view !== 'da_firmare') p.set('vista', s.view);
  if (s.search) p.set('cerca', s.search);
  if (s.companyId) p.set('azienda', String(s.companyId));
  if (s.referentUserId) p.set('referente', String(s.referentUserId));
  if (s.status && s.view === 'tutti') p.set('stato', s.status);
  if (s.sort) {
    p.set('ordina', s.sort.column);
    p.set('verso', s.sort.direction);
  }
  if (s.page > 1) p.set('pagina', String(s.page));
  return p;
}

export function isFiltered(s: ListState): boolean {
  return Boolean(s.search || s.companyId || s.referentUserId || s.status);
}

/** The state as pacts.list's filter. */
export function listFilter({ view, search, companyId, referentUserId, status }: ListState) {
  return { view, search, companyId, referentUserId, status: view === 'tutti' ? status : null };
}
