import { describe, expect, it } from 'vitest';
import { ageOn, monthLabel, monthsOf, parsePeriod, periodOf, pickerYears, previousPeriod } from './reportPeriod';

const TODAY = '2026-11-25';

describe('parsePeriod', () => {
  it('reads semesters, years, ranges and the programme to date', () => {
    expect(parsePeriod('2019-H1', TODAY)).toEqual({ code: '2019-H1', kind: 'semestre', from: '2019-01-01', to: '2019-06-30', label: '1° semestre 2019' });
    expect(parsePeriod('2019-h2', TODAY)).toMatchObject({ code: '2019-H2', from: '2019-07-01', to: '2019-12-31', label: '2° semestre 2019' });
    expect(parsePeriod(' 2019 ', TODAY)).toEqual({ code: '2019', kind: 'anno', from: '2019-01-01', to: '2019-12-31', label: 'Anno 2019' });
    expect(parsePeriod('2017-06-01..2021-12-31', TODAY)).toEqual({
      code: '2017-06-01..2021-12-31', kind: 'intervallo', from: '2017-06-01', to: '2021-12-31', label: 'Dal 01/06/2017 al 31/12/2021',
    });
    expect(parsePeriod('all', TODAY)).toEqual({ code: 'all', kind: 'programma', from: '2017-05-22', to: TODAY, label: 'Dall’avvio del programma al 25/11/2026' });
  });

  it('a one-day range is a period', () => {
    expect(parsePeriod('2020-02-29..2020-02-29', TODAY)).toMatchObject({ from: '2020-02-29', to: '2020-02-29' });
  });

  it('refuses what is not a period, in Italian', () => {
    for (const bad of ['', '2019-H3', '19', '2019-1', 'tutto', '2019-02-30..2019-03-01', '2019-03-01..2019-02-01', '1899', '2019-06-01..2019-13-01']) {
      const p = parsePeriod(bad, TODAY);
      expect('error' in p, bad).toBe(true);
    }
    expect(parsePeriod('2019-03-01..2019-02-01', TODAY)).toEqual({ error: 'L’inizio dell’intervallo è successivo alla fine' });
    expect(() => periodOf('boh', TODAY)).toThrow(/Periodo non riconosciuto/);
  });
});

describe('previousPeriod', () => {
  it('H1 → previous H2, H2 → H1, year → year before', () => {
    expect(previousPeriod(periodOf('2019-H1', TODAY))).toMatchObject({ code: '2018-H2', from: '2018-07-01', to: '2018-12-31' });
    expect(previousPeriod(periodOf('2019-H2', TODAY))).toMatchObject({ code: '2019-H1' });
    expect(previousPeriod(periodOf('2019', TODAY))).toMatchObject({ code: '2018', label: 'Anno 2018' });
  });
  it('a range → the same number of days just before it, leap days included', () => {
    // 2020-03-01..2020-03-31 is 31 days; the 31 days before end on 29 February
    expect(previousPeriod(periodOf('2020-03-01..2020-03-31', TODAY))).toMatchObject({ from: '2020-01-30', to: '2020-02-29' });
    expect(previousPeriod(periodOf('2017-06-01..2021-12-31', TODAY))).toMatchObject({ from: '2012-10-30', to: '2017-05-31' });
    const p = previousPeriod(periodOf('2019-01-01..2019-01-01', TODAY));
    expect(p).toMatchObject({ from: '2018-12-31', to: '2018-12-31' });
  });
  it('the programme to date has none', () => {
    expect(previousPeriod(periodOf('all', TODAY))).toBeNull();
  });
});

describe('months, ages, picker', () => {
  it('lists the months of a period across years', () => {
    expect(monthsOf({ from: '2018-11-15', to: '2019-02-01' })).toEqual(['2018-11', '2018-12', '2019-01', '2019-02']);
    expect(monthsOf(periodOf('2019-H1', TODAY))).toHaveLength(6);
    expect(monthLabel('2019-03')).toBe('mar 2019');
  });
  it('counts an age in full years', () => {
    expect(ageOn('1990-06-15', '2020-06-14')).toBe(29);
    expect(ageOn('1990-06-15', '2020-06-15')).toBe(30);
    expect(ageOn(null, '2020-06-15')).toBeNull();
  });
  it('offers the years from the programme start to today', () => {
    expect(pickerYears('2019-05-01')).toEqual([2019, 2018, 2017]);
  });
});
