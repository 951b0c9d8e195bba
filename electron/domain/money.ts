/**
 * Money is integer cents everywhere: € 1.234,56 is 123456.
 * Formatting and parsing use integer arithmetic only, so no float rounding can creep in.
 */

/** Throws unless n is a safe integer (a valid amount in cents). */
export function assertCents(n: number): void {
  if (!Number.isSafeInteger(n)) {
    throw new Error(`Importo non valido: ${String(n)} non è un numero intero di centesimi`);
  }
}

/** Italian format: 123456 → "€ 1.234,56", -123456 → "-€ 1.234,56". */
export function formatEuro(cents: number): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  const rest = abs % 100;
  // abs − rest is a multiple of 100, so this division is exact.
  const euros = String((abs - rest) / 100).replace(/\B(?=(\d{3})+$)/g, '.');
  return `${cents < 0 ? '-' : ''}€ ${euros},${String(rest).padStart(2, '0')}`;
}

/** Integer part with or without dots between thousands ("1.234" or "1234"), then up to 2 decimals. */
const AMOUNT = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;

/**
 * Parses an amount typed in Italian format into cents: "1.234,56", "1234,5", "€ 1.234",
 * "1234", "1.234,56 €", "-€ 1.234,56". Returns null for anything else, including more than
 * two decimals and a dot used as the decimal separator ("1234.56").
 */
export function parseEuro(text: string): number | null {
  let s = text.trim();
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trimStart();
  }
  s = s.replace(/^€\s*/, '').replace(/\s*€$/, '');
  if (!negative && s.startsWith('-')) {
    negative = true; // "€ -5"
    s = s.slice(1);
  }
  const match = AMOUNT.exec(s);
  if (!match) return null;
  const euros = Number((match[1] ?? '').replace(/\./g, ''));
  const rest = Number((match[2] ?? '').padEnd(2, '0'));
  const cents = euros * 100 + rest;
  // Beyond the safe range the product is no longer exact.
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
}
