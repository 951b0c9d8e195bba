import { describe, it, expect } from 'vitest';
import {
  checkLetter,
  computeCodiceFiscale,
  decodeCodiceFiscale,
  isOmocodic,
  normalizeCodiceFiscale,
  taxCodeKey,
  validateCodiceFiscale,
} from './codiceFiscale';

const VALID = ['RSSMRA85T10A562S', 'MRTMTT91D08F205J', 'RCCMNL83S18D969H'];
const TODAY = new Date(2024, 5, 1); // 1 June 2024, local time

describe('checkLetter', () => {
  it('matches the check letter of known codes', () => {
    for (const cf of VALID) expect(checkLetter(cf.slice(0, 15))).toBe(cf.charAt(15));
  });

  it('rejects input that is not 15 uppercase letters or digits', () => {
    expect(() => checkLetter('RSSMRA85T10A56')).toThrow();
    expect(() => checkLetter('rssmra85t10a562')).toThrow();
  });
});

describe('validateCodiceFiscale', () => {
  it('accepts the known valid codes', () => {
    for (const cf of VALID) expect(validateCodiceFiscale(cf)).toEqual({ ok: true, value: cf });
  });

  it('tolerates lowercase and spaces, returning the normalised code', () => {
    expect(normalizeCodiceFiscale(' rss mra 85t10 a562s ')).toBe('RSSMRA85T10A562S');
    expect(validateCodiceFiscale(' rss mra 85t10 a562s ')).toEqual({ ok: true, value: 'RSSMRA85T10A562S' });
  });

  it('reports a wrong length', () => {
    const tooShort = validateCodiceFiscale('RSSMRA85T10A562');
    const tooLong = validateCodiceFiscale('RSSMRA85T10A562SS');
    expect(tooShort).toEqual({ ok: false, error: 'Il codice fiscale deve avere 16 caratteri' });
    expect(tooLong).toEqual(tooShort);
    expect(validateCodiceFiscale('')).toEqual(tooShort);
  });

  it('reports a wrong format', () => {
    // A digit in the surname part and a non-month letter in the month position.
    for (const cf of ['RSS1RA85T10A562S', 'RSSMRA85Z10A562S', 'RSSMRA85T10A56AS']) {
      const result = validateCodiceFiscale(cf);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/formato/);
    }
  });

  it('reports a wrong check letter as a typo', () => {
    expect(validateCodiceFiscale('RSSMRA85T10A562T')).toEqual({
      ok: false,
      error: 'Il carattere di controllo non corrisponde: il codice fiscale contiene un errore di battitura',
    });
    // Two swapped digits are caught too.
    expect(validateCodiceFiscale('RSSMRA58T10A562S').ok).toBe(false);
  });

  it('reports an impossible birth day even with a correct check letter', () => {
    for (const first15 of ['RSSMRA85T35A562', 'RSSMRA85B30A562', 'RSSMRA85T72A562']) {
      const result = validateCodiceFiscale(first15 + checkLetter(first15));
      expect(result).toEqual({ ok: false, error: 'La data di nascita contenuta nel codice fiscale non è valida' });
    }
  });

  it('accepts 29 February, whose validity depends on the century', () => {
    expect(validateCodiceFiscale('DNGNOE00B29A944R').ok).toBe(true);
  });
});

describe('omocodia', () => {
  // RSSMRA85T10A562S with the last digit 2 replaced by N, check letter recomputed.
  const OMOCODIC = 'RSSMRA85T10A56NH';

  it('recomputes the check letter on the substituted string', () => {
    expect(checkLetter('RSSMRA85T10A56N')).toBe('H');
  });

  it('accepts omocodic variants', () => {
    expect(validateCodiceFiscale(OMOCODIC)).toEqual({ ok: true, value: OMOCODIC });
    expect(validateCodiceFiscale('RSSMRA85T10A5SNT').ok).toBe(true);
    // Keeping the original check letter is a typo.
    expect(validateCodiceFiscale('RSSMRA85T10A56NS').ok).toBe(false);
  });

  it('decodes a variant to the same birth data as the original', () => {
    const original = decodeCodiceFiscale('RSSMRA85T10A562S', TODAY);
    expect(decodeCodiceFiscale(OMOCODIC, TODAY)).toEqual(original);
    expect(decodeCodiceFiscale('RSSMRA85T10A5SNT', TODAY)).toEqual(original);
    // Every omocodic position replaced.
    const all15 = 'RSSMRAURTMLARSN';
    expect(decodeCodiceFiscale(all15 + checkLetter(all15), TODAY)).toEqual(original);
  });

  it('tells omocodic codes apart', () => {
    expect(isOmocodic(OMOCODIC)).toBe(true);
    expect(isOmocodic('rssmra85t10a5sn t')).toBe(true);
    for (const cf of VALID) expect(isOmocodic(cf)).toBe(false);
  });

  it('gives the plain code and its omocodic variants one key, and other codes another', () => {
    const all15 = 'RSSMRAURTMLARSN';
    expect(taxCodeKey('RSSMRA85T10A562S')).toBe('RSSMRA85T10A562');
    expect(taxCodeKey(OMOCODIC)).toBe('RSSMRA85T10A562');
    expect(taxCodeKey(' rssmra85t10a5snt ')).toBe('RSSMRA85T10A562');
    expect(taxCodeKey(all15 + checkLetter(all15))).toBe('RSSMRA85T10A562');
    // the letters of the name and the month are never omocodic
    expect(taxCodeKey('MRTMTT91D08F205J')).toBe('MRTMTT91D08F205');
    expect(taxCodeKey('RSSMRA85T11A562S')).not.toBe(taxCodeKey(OMOCODIC));
  });
});

describe('decodeCodiceFiscale', () => {
  it('decodes sex, birth date and birthplace', () => {
    expect(decodeCodiceFiscale('RSSMRA85T10A562S', TODAY)).toEqual({
      sex: 'M',
      birthDate: '1985-12-10',
      birthPlaceCode: 'A562',
    });
    expect(decodeCodiceFiscale('MRTMTT91D08F205J', TODAY)).toEqual({
      sex: 'M',
      birthDate: '1991-04-08',
      birthPlaceCode: 'F205',
    });
    expect(decodeCodiceFiscale('RCCMNL83S18D969H', TODAY)).toEqual({
      sex: 'M',
      birthDate: '1983-11-18',
      birthPlaceCode: 'D969',
    });
  });

  it('decodes women (day + 40)', () => {
    expect(decodeCodiceFiscale('BNCNNA90A41H501T', TODAY)).toEqual({
      sex: 'F',
      birthDate: '1990-01-01',
      birthPlaceCode: 'H501',
    });
  });

  it('picks the century that keeps the birth date in the past', () => {
    expect(decodeCodiceFiscale('DNGNOE00B29A944R', TODAY).birthDate).toBe('2000-02-29');
    // 24 with a birthday still to come in 2024: born in 1924.
    const later = computeCodiceFiscale({ lastName: 'Rossi', firstName: 'Mario', sex: 'M', birthDate: '2024-12-10', birthPlaceCode: 'A562' });
    expect(decodeCodiceFiscale(later, TODAY).birthDate).toBe('1924-12-10');
    // Born today is not in the future.
    const today = computeCodiceFiscale({ lastName: 'Rossi', firstName: 'Mario', sex: 'M', birthDate: '2024-06-01', birthPlaceCode: 'A562' });
    expect(decodeCodiceFiscale(today, TODAY).birthDate).toBe('2024-06-01');
  });

  it('returns a null date when the day does not exist in the chosen year', () => {
    // Seen from 1999 the year 00 is 1900, which is not a leap year.
    const decoded = decodeCodiceFiscale('DNGNOE00B29A944R', new Date(1999, 0, 1));
    expect(decoded).toEqual({ sex: 'M', birthDate: null, birthPlaceCode: 'A944' });
  });

  it('throws on an invalid code', () => {
    expect(() => decodeCodiceFiscale('RSSMRA85T10A562T')).toThrow(/carattere di controllo/);
  });
});

describe('computeCodiceFiscale', () => {
  it('reproduces the known codes', () => {
    expect(computeCodiceFiscale({ lastName: 'Rossi', firstName: 'Mario', sex: 'M', birthDate: '1985-12-10', birthPlaceCode: 'A562' })).toBe(
      'RSSMRA85T10A562S',
    );
    expect(computeCodiceFiscale({ lastName: 'Moretti', firstName: 'Matteo', sex: 'M', birthDate: '1991-04-08', birthPlaceCode: 'F205' })).toBe(
      'MRTMTT91D08F205J',
    );
    expect(computeCodiceFiscale({ lastName: 'Ricci', firstName: 'Emanuele', sex: 'M', birthDate: '1983-11-18', birthPlaceCode: 'D969' })).toBe(
      'RCCMNL83S18D969H',
    );
  });

  it('adds 40 to the day for women', () => {
    // BNC + NNA (consonants N, N then vowel A) + 90 + A (January) + 41; check letter computed by hand.
    expect(computeCodiceFiscale({ lastName: 'Bianchi', firstName: 'Anna', sex: 'F', birthDate: '1990-01-01', birthPlaceCode: 'H501' })).toBe(
      'BNCNNA90A41H501T',
    );
  });

  it('ignores apostrophes and accents, and pads short names with X', () => {
    expect(computeCodiceFiscale({ lastName: "D'Angelo", firstName: 'Noè', sex: 'M', birthDate: '2000-02-29', birthPlaceCode: 'a944' })).toBe(
      'DNGNOE00B29A944R',
    );
    expect(computeCodiceFiscale({ lastName: 'Fò', firstName: 'Gianfranco', sex: 'M', birthDate: '2005-07-01', birthPlaceCode: 'H501' })).toBe(
      'FOXGFR05L01H501O',
    );
  });

  it('applies the name rules', () => {
    const code = (lastName: string, firstName: string) =>
      computeCodiceFiscale({ lastName, firstName, sex: 'M', birthDate: '1985-12-10', birthPlaceCode: 'A562' }).slice(0, 6);
    expect(code('D’Àngelo', 'Niccolò')).toBe('DNGNCL'); // N, C, C, L: 1st, 3rd and 4th
    expect(code('De Luca', 'Gian Luca')).toBe('DLCGLC'); // G, N, L, C: 1st, 3rd and 4th
    expect(code('Re', 'Ugo')).toBe('REXGUO');
    expect(code('Lo', 'Al')).toBe('LOXLAX');
  });

  it('produces codes that validate', () => {
    const cf = computeCodiceFiscale({ lastName: 'Esposito', firstName: 'Giuseppina', sex: 'F', birthDate: '1962-08-31', birthPlaceCode: 'F839' });
    expect(validateCodiceFiscale(cf)).toEqual({ ok: true, value: cf });
    expect(decodeCodiceFiscale(cf, TODAY)).toEqual({ sex: 'F', birthDate: '1962-08-31', birthPlaceCode: 'F839' });
  });

  it('rejects data that cannot produce a code', () => {
    const base = { lastName: 'Rossi', firstName: 'Mario', sex: 'M', birthDate: '1985-12-10', birthPlaceCode: 'A562' } as const;
    expect(() => computeCodiceFiscale({ ...base, lastName: "' -" })).toThrow('Il cognome deve contenere almeno una lettera');
    expect(() => computeCodiceFiscale({ ...base, firstName: '' })).toThrow('Il nome deve contenere almeno una lettera');
    expect(() => computeCodiceFiscale({ ...base, birthDate: '1985-02-30' })).toThrow(/Data di nascita/);
    expect(() => computeCodiceFiscale({ ...base, birthDate: '10/12/1985' })).toThrow(/Data di nascita/);
    expect(() => computeCodiceFiscale({ ...base, birthPlaceCode: 'Roma' })).toThrow(/Codice catastale/);
  });
});
