import { describe, it, expect } from 'vitest';
import { nameKey, stripAccents } from './text';

describe('stripAccents', () => {
  it('removes diacritics and keeps the base letter', () => {
    expect(stripAccents('ÀÈÉÌÒÙ àèéìòù Niccolò')).toBe('AEEIOU aeeiou Niccolo');
  });
});

describe('nameKey', () => {
  it('normalises accents, case, apostrophes and spaces', () => {
    expect(nameKey("D'Àngelo Maria")).toBe('dangelomaria');
  });

  it('drops hyphens, typographic apostrophes and other symbols', () => {
    expect(nameKey('  Rossi-Bianchi ')).toBe('rossibianchi');
    expect(nameKey('D’Angelo')).toBe('dangelo');
    expect(nameKey('Anna (2)')).toBe('anna');
  });

  it('gives the same key to spelling variants of the same name', () => {
    expect(nameKey('NICCOLÒ')).toBe(nameKey("niccolo'"));
    expect(nameKey('De Luca')).toBe(nameKey('DELUCA'));
  });

  it('returns an empty key for text without letters', () => {
    expect(nameKey("' - 123")).toBe('');
  });
});
