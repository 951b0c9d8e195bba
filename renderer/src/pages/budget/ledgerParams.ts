/**
 * The drill-down's filter in the address (#/bilancio/movimenti?fondo=1&anno=2019&voce=…&tipo=impegni), so
 * that every figure of the Bilancio is a link to the rows behind it and Back returns to the same list.
 */
export type LedgerKind = 'impegni' | 'liquidazioni' | 'tutti';

export interface LedgerQuery {
  fundId: number | null;
  year: number | null;
  lineCode: string | null;
  allocationId: number | null;
  commitmentId: number | null;
  kind: LedgerKind;
  from: string | null;
  to: string | null;
  personId: number | null;
  companyId: number | null;
  instrumentCode: string | null;
  overridesOnly: boolean;
}

export const EMPTY_LEDGER_QUERY: LedgerQuery = {
  fundId: null,
  year: null,
  lineCode: null,
  allocationId: null,
  commitmentId: null,
  kind: 'tutti',
  from: null,
  to: null,
  personId: null,
  companyId: null,
  instrumentCode: null,
  overridesOnly: false,
};

const KEYS = {
  fundId: 'fondo',
  year: 'anno',
  lineCode: 'voce',
  allocationId: 'assegnazione',
  commitmentId: 'impegno',
  kind: 'tipo',
  from: 'dal',
  to: 'al',
  personId: 'persona',
  companyId: 'azienda',
  instrumentCode: 'strumento',
  overridesOnly: 'deroghe',
} as const satisfies Record<keyof LedgerQuery, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const positive = (v: string | null): number | null => {
  const n = Number(v);
  return v && Number.isSafeInteger(n) && n > 0 ? n : null;
};

export function parseLedgerQuery(params: URLSearchParams): LedgerQuery {
  const kind = params.get(KEYS.kind);
  const date = (key: string) => {
    const v = params.get(key);
    return v && DATE.test(v) ? v : null;
  };
  return {
    fundId: positive(params.get(KEYS.fundId)),
    year: positive(params.get(KEYS.year)),
    lineCode: params.get(KEYS.lineCode) || null,
    allocationId: positive(params.get(KEYS.allocationId)),
    commitmentId: positive(params.get(KEYS.commitmentId)),
    kind: kind === 'impegni' || kind === 'liquidazioni' ? kind : 'tutti',
    from: date(KEYS.from),
    to: date(KEYS.to),
    personId: positive(params.get(KEYS.personId)),
    companyId: positive(params.get(KEYS.companyId)),
    instrumentCode: params.get(KEYS.instrumentCode) || null,
    overridesOnly: params.get(KEYS.overridesOnly) === '1',
  };
}

export function serializeLedgerQuery(query: Partial<LedgerQuery>, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(KEYS) as [keyof LedgerQuery, string][]) {
    const value = query[key];
    if (value === null || value === undefined || value === false || (key === 'kind' && value === 'tutti')) continue;
    params.set(name, value === true ? '1' : String(value));
  }
  if (page > 1) params.set('pagina', String(page));
  return params.toString();
}

/** The address of the rows behind a figure. */
export function ledgerLink(query: Partial<LedgerQuery>): string {
  const search = serializeLedgerQuery(query);
  return `/bilancio/movimenti${search ? `?${search}` : ''}`;
}
