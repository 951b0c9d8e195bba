import { describe, it, expect } from 'vitest';
import { partitaIvaCheckDigit, validatePartitaIva } from './partitaIva';

describe('partitaIvaCheckDigit', () => {
  it('computes the check digit', () => {
    // X = 0+7+3+1+1 = 12, Y = 0+8+2+0+(10−9) = 11, (10 − 23 mod 10) mod 10 = 7.
    expect(partitaIvaCheckDigit('0074311015')).toBe(7);
    // Sum multiple of 10: check digit 0, not 10.
    expect(partitaIvaCheckDigit('0000000000')).toBe(0);
  });

  it('rejects input that is not 10 digits', () => {
    expect(() => partitaIvaCheckDigit('007431101')).toThrow();
    expect(() => partitaIvaCheckDigit('00743110A5')).toThrow();
  });
});

describe('validatePartitaIva', () => {
  it('accepts a valid partita IVA', () => {
    expect(validatePartitaIva('00743110157')).toEqual({ ok: true, value: '00743110157' });
  });

  it('tolerates spaces', () => {
    expect(validatePartitaIva(' 007 4311 0157 ')).toEqual({ ok: true, value: '00743110157' });
  });

  it('reports a wrong check digit', () => {
    expect(validatePartitaIva('00743110158')).toEqual({
      ok: false,
      error: 'La cifra di controllo della partita IVA non è corretta',
    });
    // Two swapped digits are caught too.
    expect(validatePartitaIva('07043110157').ok).toBe(false);
  });

  it('reports letters', () => {
    expect(validatePartitaIva('0074311015A')).toEqual({ ok: false, error: 'La partita IVA può contenere solo cifre' });
    expect(validatePartitaIva('IT00743110157').ok).toBe(false);
  });

  it('reports a wrong length', () => {
    const error = { ok: false, error: 'La partita IVA deve avere 11 cifre' };
    expect(validatePartitaIva('0074311015')).toEqual(error);
    expect(validatePartitaIva('007431101570')).toEqual(error);
    expect(validatePartitaIva('')).toEqual(error);
  });
});
