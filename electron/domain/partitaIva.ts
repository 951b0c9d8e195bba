/** Italian partita IVA: 11 digits, the last one a Luhn-style check digit. */

export type PartitaIvaResult = { ok: true; value: string } | { ok: false; error: string };

/** Check digit for the first 10 digits of a partita IVA. */
export function partitaIvaCheckDigit(first10: string): number {
  if (!/^[0-9]{10}$/.test(first10)) {
    throw new Error('Servono 10 cifre per calcolare la cifra di controllo della partita IVA');
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = Number(first10.charAt(i));
    // i is 0-based: odd i is an even (1-based) position, whose digit is doubled.
    const doubled = 2 * d;
    sum += i % 2 === 0 ? d : doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

/** Validates a partita IVA, tolerating spaces; `value` is the 11 digits. */
export function validatePartitaIva(s: string): PartitaIvaResult {
  const value = s.replace(/\s+/g, '');
  if (/[^0-9]/.test(value)) {
    return { ok: false, error: 'La partita IVA può contenere solo cifre' };
  }
  if (value.length !== 11) {
    return { ok: false, error: 'La partita IVA deve avere 11 cifre' };
  }
  if (partitaIvaCheckDigit(value.slice(0, 10)) !== Number(value.charAt(10))) {
    return { ok: false, error: 'La cifra di controllo della partita IVA non è corretta' };
  }
  return { ok: true, value };
}
