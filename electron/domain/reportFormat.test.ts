import { describe, expect, it } from 'vitest';
import { formatReportDelta, formatReportValue } from './reportFormat';

describe('report figures as written on screen and in the PDF', () => {
  it('writes counts, euros, shares, days and dates the Italian way', () => {
    expect(formatReportValue({ value: 1234, flag: null }, 'int')).toBe('1.234');
    expect(formatReportValue({ value: 123456, flag: null }, 'euro')).toBe('€ 1.234,56');
    expect(formatReportValue({ value: 0.2345, flag: null }, 'pct')).toBe('23,5%');
    expect(formatReportValue({ value: 52.5, flag: null }, 'days')).toBe('52,5');
    expect(formatReportValue({ value: null, flag: null, text: '2025-03-31' }, 'date')).toBe('31/03/2025');
    expect(formatReportValue({ value: null, flag: null, text: 'Esaurito' }, 'date')).toBe('Esaurito');
    expect(formatReportValue({ value: null, flag: null }, 'int')).toBe('—');
  });
  it('suppressed cells say «<3» or «n.d.» whatever the format', () => {
    expect(formatReportValue({ value: null, flag: 'lt3' }, 'int')).toBe('<3');
    expect(formatReportValue({ value: null, flag: 'nd' }, 'euro')).toBe('n.d.');
  });
  it('changes carry their sign; shares change in percentage points', () => {
    expect(formatReportDelta(12, 'int')).toBe('+12');
    expect(formatReportDelta(-1500, 'int')).toBe('−1.500');
    expect(formatReportDelta(0, 'int')).toBe('0');
    expect(formatReportDelta(-0.021, 'pct')).toBe('−2,1 p.p.');
    expect(formatReportDelta(100000, 'euro')).toBe('+€ 1.000,00');
    expect(formatReportDelta(null, 'int')).toBe('');
  });
});
