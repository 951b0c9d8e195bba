import { describe, expect, it } from 'vitest';
import { EMPTY_LEDGER_QUERY, ledgerLink, type LedgerQuery, parseLedgerQuery, serializeLedgerQuery } from './ledgerParams';

describe('ledger drill-down address', () => {
  it('links a figure to the rows behind it, with only what narrows them', () => {
    expect(ledgerLink({})).toBe('/bilancio/movimenti');
    expect(ledgerLink({ fundId: 2, year: 2019, lineCode: 'tirocini', kind: 'tutti', overridesOnly: false, personId: null })).toBe('/bilancio/movimenti?fondo=2&anno=2019&voce=tirocini');
  });

  it('keeps every filter and the page through the address', () => {
    const query: LedgerQuery = {
      fundId: 1,
      year: 2020,
      lineCode: 'borse lavoro',
      allocationId: 3,
      commitmentId: 44,
      kind: 'liquidazioni',
      from: '2020-01-01',
      to: '2020-12-31',
      personId: 9,
      companyId: 12,
      instrumentCode: 'tirocinio',
      overridesOnly: true,
    };
    const search = serializeLedgerQuery(query, 2);
    expect(search).toBe('fondo=1&anno=2020&voce=borse+lavoro&assegnazione=3&impegno=44&tipo=liquidazioni&dal=2020-01-01&al=2020-12-31&persona=9&azienda=12&strumento=tirocinio&deroghe=1&pagina=2');
    expect(parseLedgerQuery(new URLSearchParams(search))).toEqual(query);
  });

  it('reads an empty or hand-edited address as the whole ledger', () => {
    expect(parseLedgerQuery(new URLSearchParams(''))).toEqual(EMPTY_LEDGER_QUERY);
    expect(parseLedgerQuery(new URLSearchParams('fondo=0&anno=2019.5&impegno=-1&tipo=tutto&dal=31/12/2020&voce=&deroghe=si'))).toEqual(EMPTY_LEDGER_QUERY);
  });
});
