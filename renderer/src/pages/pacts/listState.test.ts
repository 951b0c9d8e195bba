import { describe, expect, it } from 'vitest';
import { isFiltered, listFilter, type ListState, parseListState, serializeListState } from './listState';

const TO_SIGN: ListState = { view: 'da_firmare', search: '', companyId: null, referentUserId: null, status: null, sort: null, page: 1 };

describe('patti list state', () => {
  it('opens on the pacts to sign, in the view’s own order', () => {
    expect(parseListState(new URLSearchParams(''))).toEqual(TO_SIGN);
    expect(serializeListState(TO_SIGN).toString()).toBe('');
  });

  it('keeps the view, filters, order and page through the address', () => {
    const state: ListState = { view: 'tutti', search: 'rossi', companyId: 3, referentUserId: 5, status: 'firmato', sort: { column: 'pactDate', direction: 'asc' }, page: 2 };
    const query = serializeListState(state).toString();
    expect(query).toBe('vista=tutti&cerca=rossi&azienda=3&referente=5&stato=firmato&ordina=pactDate&verso=asc&pagina=2');
    expect(parseListState(new URLSearchParams(query))).toEqual(state);
  });

  it('filters by status only in the view of all pacts', () => {
    const state: ListState = { ...TO_SIGN, status: 'firmato' };
    expect(serializeListState(state).toString()).toBe('');
    expect(listFilter(state).status).toBeNull();
    expect(listFilter({ ...state, view: 'tutti' }).status).toBe('firmato');
  });

  it('reads a hand-edited address safely', () => {
    expect(parseListState(new URLSearchParams('vista=ieri&stato=perso&ordina=iva&azienda=0&pagina=due'))).toEqual(TO_SIGN);
    expect(parseListState(new URLSearchParams('ordina=number')).sort).toEqual({ column: 'number', direction: 'desc' });
  });

  it('tells a filtered list from the view alone', () => {
    expect(isFiltered({ ...TO_SIGN, view: 'tutti', page: 3 })).toBe(false);
    expect(isFiltered({ ...TO_SIGN, referentUserId: 2 })).toBe(true);
  });
});
