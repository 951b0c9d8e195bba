import { describe, expect, it } from 'vitest';
import { italianDate, parseItalianDate, todayIso } from './dates';

describe('dates', () => {
  it('today is the local calendar day', () => {
    expect(todayIso(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
    expect(todayIso(new Date(2024, 11, 31, 0, 1))).toBe('2024-12-31');
  });
  it('formats dates and timestamps the Italian way', () => {
    expect(italianDate('2019-06-03')).toBe('03/06/2019');
    expect(italianDate('2019-06-03T10:20:00.000Z')).toBe('03/06/2019');
  });
});

describe('parseItalianDate', () => {
  it('reads day before month, with any separator or none', () => {
    for (const text of ['01/06/2025', '1/6/2025', '01-06-2025', '01.06.2025', '01062025', ' 2025-06-01 ']) expect(parseItalianDate(text)).toBe('2025-06-01');
  });
  it('refuses incomplete and impossible dates', () => {
    for (const text of ['01/06', '31/02/2024', '00/01/2024', '12/13/2024', '01/01/1850', 'ieri']) expect(parseItalianDate(text)).toBeNull();
    expect(parseItalianDate('29/02/2024')).toBe('2024-02-29');
  });
});
