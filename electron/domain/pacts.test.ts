import { describe, expect, it } from 'vitest';
import {
  canPactTransition,
  formatPactNumber,
  isPactEditable,
  modeForInstrument,
  PACT_STATUSES,
  sniffSignedCopy,
  splitFullName,
  streetWords,
} from './pacts';

describe('pact statuses', () => {
  it('allow only bozza → stampato → firmato → archiviato, and annullato from the first three', () => {
    const allowed = PACT_STATUSES.flatMap((from) => PACT_STATUSES.filter((to) => canPactTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['bozza→stampato', 'bozza→annullato', 'stampato→firmato', 'stampato→annullato', 'firmato→archiviato', 'firmato→annullato']);
    expect(PACT_STATUSES.filter(isPactEditable)).toEqual(['bozza']);
  });
});

describe('pact numbers', () => {
  it('are PBL-<year>-<five digits>, as in the existing register', () => {
    expect(formatPactNumber(2026, 1)).toBe('PBL-2026-00001');
    expect(formatPactNumber(2026, 123456)).toBe('PBL-2026-123456');
  });
});

describe('form helpers', () => {
  it('tick the box of the intervention’s instrument', () => {
    expect(modeForInstrument('inserimento')).toBe('inserimento');
    expect(modeForInstrument('tirocinio')).toBe('tirocinio');
    expect(modeForInstrument('autoimpiego')).toBe('autoimpiego');
    expect(modeForInstrument('formazione')).toBeNull();
    expect(modeForInstrument(null)).toBeNull();
  });

  it('print a street as given, keeping the form’s "in via" only for a bare name', () => {
    expect(streetWords('Piazza della Pace')).toEqual({ before: 'in', street: 'Piazza della Pace' });
    expect(streetWords('Viale Giosuè  Carducci')).toEqual({ before: 'in', street: 'Viale Giosuè Carducci' });
    expect(streetWords('via  Zamboni')).toEqual({ before: 'in', street: 'via Zamboni' });
    expect(streetWords('P.zza Maggiore')).toEqual({ before: 'in', street: 'P.zza Maggiore' });
    expect(streetWords('Lungoreno Pertini')).toEqual({ before: 'in', street: 'Lungoreno Pertini' });
    expect(streetWords('Zamboni')).toEqual({ before: 'in via', street: 'Zamboni' });
    expect(streetWords('Viareggio')).toEqual({ before: 'in via', street: 'Viareggio' });
    expect(streetWords('  ')).toEqual({ before: 'in via', street: null });
    expect(streetWords(null)).toEqual({ before: 'in via', street: null });
  });

  it('split a user’s name into first name and surname', () => {
    expect(splitFullName('Giovanna Trombetti')).toEqual({ firstName: 'Giovanna', lastName: 'Trombetti' });
    expect(splitFullName('Anna  De Luca')).toEqual({ firstName: 'Anna', lastName: 'De Luca' });
    expect(splitFullName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
  });
});

describe('sniffSignedCopy', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffSignedCopy(new TextEncoder().encode('%PDF-1.7\n'))?.mimeType).toBe('application/pdf');
    expect(sniffSignedCopy(new TextEncoder().encode('\r\n  %PDF-1.4'))?.mimeType).toBe('application/pdf');
    expect(sniffSignedCopy(bytes(0xff, 0xd8, 0xff, 0xe1))?.mimeType).toBe('image/jpeg');
    expect(sniffSignedCopy(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))?.mimeType).toBe('image/png');
  });

  it('refuses anything else, whatever its name says', () => {
    expect(sniffSignedCopy(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffSignedCopy(bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull();
    expect(sniffSignedCopy(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffSignedCopy(new TextEncoder().encode(`${' '.repeat(1100)}%PDF-1.4`))).toBeNull();
    expect(sniffSignedCopy(bytes())).toBeNull();
  });
});
