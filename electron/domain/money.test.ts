import { describe, it, expect } from 'vitest';
import { assertCents, formatEuro, parseEuro } from './money';

describe('assertCents', () => {
  it('accepts safe integers', () => {
    for (const n of [0, 1, -1, 123456, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      expect(() => assertCents(n)).not.toThrow();
    }
  });

  it('throws on fractions, non-finite and unsafe numbers', () => {
    for (const n of [0.5, 12.34, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => assertCents(n)).toThrow(/centesimi/);
    }
  });
});

describe('formatEuro', () => {
  it('uses the Italian format', () => {
    expect(formatEuro(123456)).toBe('€ 1.234,56');
    expect(formatEuro(0)).toBe('€ 0,00');
    expect(formatEuro(5)).toBe('€ 0,05');
    expect(formatEuro(50)).toBe('€ 0,50');
    expect(formatEuro(100)).toBe('€ 1,00');
    expect(formatEuro(99999)).toBe('€ 999,99');
    expect(formatEuro(100000)).toBe('€ 1.000,00');
    expect(formatEuro(123456789)).toBe('€ 1.234.567,89');
  });

  it('puts the minus sign before the euro sign', () => {
    expect(formatEuro(-123456)).toBe('-€ 1.234,56');
    expect(formatEuro(-1)).toBe('-€ 0,01');
    expect(formatEuro(-0)).toBe('€ 0,00');
  });

  it('is exact up to Number.MAX_SAFE_INTEGER', () => {
    expect(formatEuro(Number.MAX_SAFE_INTEGER)).toBe('€ 90.071.992.547.409,91');
    expect(formatEuro(-Number.MAX_SAFE_INTEGER)).toBe('-€ 90.071.992.547.409,91');
    expect(formatEuro(Number.MAX_SAFE_INTEGER - 92)).toBe('€ 90.071.992.547.408,99');
  });

  it('throws on amounts that are not cents', () => {
    expect(() => formatEuro(12.5)).toThrow();
  });
});

describe('parseEuro', () => {
  it('accepts the usual ways of typing an amount', () => {
    expect(parseEuro('1.234,56')).toBe(123456);
    expect(parseEuro('1234,5')).toBe(123450);
    expect(parseEuro('1234,05')).toBe(123405);
    expect(parseEuro('€ 1.234')).toBe(123400);
    expect(parseEuro('€1.234')).toBe(123400);
    expect(parseEuro('1234')).toBe(123400);
    expect(parseEuro(' 1.234,56 € ')).toBe(123456);
    expect(parseEuro('0,01')).toBe(1);
    expect(parseEuro('1.234.567,89')).toBe(123456789);
  });

  it('accepts negative amounts', () => {
    expect(parseEuro('-€ 1.234,56')).toBe(-123456);
    expect(parseEuro('-1234')).toBe(-123400);
    expect(parseEuro('€ -5')).toBe(-500);
    expect(Object.is(parseEuro('-0'), 0)).toBe(true);
  });

  it('returns null on invalid text', () => {
    for (const text of ['', '€', 'abc', '12a', '1,234', '1.234,567', '1234.56', '12.34', '1.23', '1.2345', ',50', '1,', '--5', '- -5', '1 234', '+5']) {
      expect(parseEuro(text), text).toBeNull();
    }
  });

  it('returns null beyond the safe integer range', () => {
    expect(parseEuro('90.071.992.547.409,91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseEuro('90.071.992.547.409,92')).toBeNull();
    expect(parseEuro('1'.repeat(30))).toBeNull();
  });
});

describe('round trips', () => {
  it('parseEuro(formatEuro(c)) === c', () => {
    const samples = [0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, 123456, -123456, 100000000, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    // Includes amounts that floats represent badly as euros (0,10; 0,30; 10,05…).
    for (let c = -1005; c <= 1005; c++) samples.push(c);
    for (const c of samples) expect(parseEuro(formatEuro(c))).toBe(c);
  });

  it('formatEuro(parseEuro(t)) gives back the canonical text', () => {
    expect(formatEuro(parseEuro('1234,5') ?? Number.NaN)).toBe('€ 1.234,50');
    expect(formatEuro(parseEuro('0,1') ?? Number.NaN)).toBe('€ 0,10');
  });
});
