import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, EMPTY_FILTER, isFiltered, type ListState, parseListState, serializeListState } from './listState';

const parse = (query: string) => parseListState(new URLSearchParams(query));

describe('companies list state', () => {
  it('reads an empty address as all companies by name', () => {
    expect(parse('')).toEqual({ filter: EMPTY_FILTER, sort: { column: 'name', direction: 'asc' }, page: 1 });
    expect(serializeListState(parse('')).toString()).toBe('');
  });

  it('keeps every filter, the order and the page through the address', () => {
    const state: ListState = {
      filter: { search: 'coop', board: 'board', atecoSections: ['C', 'G'], sizes: ['piccola'], comuni: ['037006'], districts: ['BO'], withOpenNeeds: true },
      sort: { column: 'openNeeds', direction: 'desc' },
      page: 2,
    };
    const query = serializeListState(state).toString();
    expect(query).toBe('cerca=coop&board=board&ateco=C%2CG&dimensione=piccola&comune=037006&distretto=BO&fabbisogni=1&ordina=openNeeds.desc&pagina=2');
    expect(parse(query)).toEqual(state);
  });

  it('drops what a hand-edited address gets wrong', () => {
    const state = parse('board=forse&ateco=C,ZZ,7&dimensione=enorme,micro&comune=037006,058091&ordina=iva.desc&pagina=abc');
    expect(state.filter).toEqual({ ...EMPTY_FILTER, atecoSections: ['C'], sizes: ['micro'], comuni: ['037006'] });
    expect(state.sort).toEqual(DEFAULT_SORT);
    expect(state.page).toBe(1);
    // the default direction of a known column is A→Z
    expect(parse('ordina=comune').sort).toEqual({ column: 'comune', direction: 'asc' });
  });

  it('tells a filtered list from the full one', () => {
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, search: ' ' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, board: 'collaboratrice' })).toBe(true);
    expect(isFiltered({ ...EMPTY_FILTER, sizes: ['media'] })).toBe(true);
    expect(isFiltered({ ...EMPTY_FILTER, withOpenNeeds: true })).toBe(true);
  });
});
