import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, isFiltered, listFilter, type ListState, parseListState, serializeListState } from './listState';

describe('percorsi list state', () => {
  it('keeps every filter and the page through the address', () => {
    const state: ListState = { instruments: ['tirocinio'], statuses: ['attivo'], company: 'Coop', companyId: 8, from: '2024-01-01', to: '2024-03-31', page: 2 };
    const query = serializeListState(state).toString();
    expect(query).toBe('strumento=tirocinio&stato=attivo&azienda=Coop&aziendaId=8&dal=2024-01-01&al=2024-03-31&pagina=2');
    expect(parseListState(new URLSearchParams(query))).toEqual(state);
    expect(listFilter(state)).toEqual({ instruments: ['tirocinio'], statuses: ['attivo'], company: 'Coop', companyId: 8, from: '2024-01-01', to: '2024-03-31' });
  });

  it('reads an empty or hand-edited address as every intervention', () => {
    expect(parseListState(new URLSearchParams(''))).toEqual(EMPTY_STATE);
    expect(parseListState(new URLSearchParams('strumento=corso_di_volo&aziendaId=x&dal=ieri&pagina=-3'))).toEqual(EMPTY_STATE);
    expect(serializeListState(EMPTY_STATE).toString()).toBe('');
  });

  it('tells a filtered list from the full one, the page aside', () => {
    expect(isFiltered({ ...EMPTY_STATE, page: 4, company: '  ' })).toBe(false);
    expect(isFiltered({ ...EMPTY_STATE, companyId: 1 })).toBe(true);
    expect(isFiltered({ ...EMPTY_STATE, to: '2024-01-01' })).toBe(true);
  });
});
