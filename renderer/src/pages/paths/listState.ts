import { INSTRUMENTS, INTERVENTION_STATUSES, type Instrument, type InterventionStatus } from '../../../../electron/domain/paths';

/** The Percorsi list's filters and page, kept in the address (#/percorsi?strumento=tirocinio&stato=attivo…) so that Back returns to the same list. */
export interface ListState {
  instruments: Instrument[];
  statuses: InterventionStatus[];
  company: string;
  companyId: number | null;
  from: string | null;
  to: string | null;
  page: number;
}

export const EMPTY_STATE: ListState = { instruments: [], statuses: [], company: '', companyId: null, from: null, to: null, page: 1 };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(values: readonly T[]) => (v: string): v is T => (values as readonly string[]).includes(v);

export function parseListState(params: URLSearchParams): ListState {
  const list = (key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
  const date = (key: string) => {
    const v = params.get(key);
    return v && DATE.test(v) ? v : null;
  };
  const companyId = Number(params.get('aziendaId'));
  const page = Number(params.get('pagina'));
  return {
    instruments: list('strumento').filter(oneOf(INSTRUMENTS)),
    statuses: list('stato').filter(oneOf(INTERVENTION_STATUSES)),
    company: params.get('azienda') ?? '',
    companyId: Number.isSafeInteger(companyId) && companyId > 0 ? companyId : null,
    from: date('dal'),
    to: date('al'),
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

export function serializeListState(s: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (s.instruments.length) params.set('strumento', s.instruments.join(','));
  if (s.statuses.length) params.set('stato', s.statuses.join(','));
  if (s.company.trim()) params.set('azienda', s.company);
  if (s.companyId !== null) params.set('aziendaId', String(s.companyId));
  if (s.from) params.set('dal', s.from);
  if (s.to) params.set('al', s.to);
  if (s.page > 1) params.set('pagina', String(s.page));
  return params;
}

export function isFiltered(s: ListState): boolean {
  return s.instruments.length > 0 || s.statuses.length > 0 || s.company.trim() !== '' || s.companyId !== null || s.from !== null || s.to !== null;
}

/** The state as paths.list's filter. */
export function listFilter({ instruments, statuses, company, companyId, from, to }: ListState) {
  return { instruments, statuses, company, companyId, from, to };
}
