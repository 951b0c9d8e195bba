import { describe, expect, it } from 'vitest';
import { completeFilter, DEFAULT_SORT, EMPTY_FILTER, filterKey, type Filter, isFiltered, type ListState, parseListState, serializeListState } from './listState';

const parse = (query: string) => parseListState(new URLSearchParams(query));

describe('people list state', () => {
  it('reads an empty address as the default list', () => {
    expect(parse('')).toEqual({ filter: EMPTY_FILTER, sort: DEFAULT_SORT, page: 1 });
    expect(serializeListState(parse('')).toString()).toBe('');
  });

  it('keeps every filter, the order and the page through the address', () => {
    const state: ListState = {
      filter: {
        search: 'rossi',
        statuses: ['in_carico', 'valutato'],
        bands: ['fragile'],
        channels: ['sportello'],
        districts: ['BO', 'PIANURA_EST'],
        referentUserId: 4,
        appliedFrom: '2024-01-01',
        appliedTo: '2024-06-30',
        withoutInterview: true,
        withoutPrivacyNotice: true,
      },
      sort: { column: 'name', direction: 'asc' },
      page: 3,
    };
    const query = serializeListState(state).toString();
    expect(query).toBe('cerca=rossi&stato=in_carico%2Cvalutato&fascia=fragile&canale=sportello&distretto=BO%2CPIANURA_EST&referente=4&dal=2024-01-01&al=2024-06-30&senzacolloquio=1&senzainformativa=1&ordina=name.asc&pagina=3');
    expect(parse(query)).toEqual(state);
  });

  it('drops what a hand-edited address gets wrong', () => {
    const state = parse('stato=in_carico,sbagliato&fascia=enorme&referente=-2&dal=01/02/2024&ordina=telefono.asc&pagina=0');
    expect(state.filter.statuses).toEqual(['in_carico']);
    expect(state.filter.bands).toEqual([]);
    expect(state.filter.referentUserId).toBeNull();
    expect(state.filter.appliedFrom).toBeNull();
    expect(state.sort).toEqual(DEFAULT_SORT);
    expect(state.page).toBe(1);
    expect(parse('ordina=comune.su').sort).toEqual({ column: 'comune', direction: 'desc' });
  });

  it('completes a filter saved by an older version', () => {
    expect(completeFilter({ statuses: ['iscritto'] })).toEqual({ ...EMPTY_FILTER, statuses: ['iscritto'] });
  });

  it('recognises the same filter whatever the order of its values, and an empty one', () => {
    const a: Filter = { ...EMPTY_FILTER, statuses: ['in_carico', 'valutato'], search: 'Rossi ' };
    const b: Filter = { ...EMPTY_FILTER, statuses: ['valutato', 'in_carico'], search: 'rossi' };
    expect(filterKey(a)).toBe(filterKey(b));
    expect(filterKey(a)).not.toBe(filterKey({ ...b, statuses: ['valutato'] }));
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, search: '  ' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, withoutInterview: true })).toBe(true);
    expect(isFiltered({ ...EMPTY_FILTER, withoutPrivacyNotice: true })).toBe(true);
  });
});
