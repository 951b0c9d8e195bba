import { stripAccents } from './text';

/**
 * Italian codice fiscale (persone fisiche): validation, decoding and computation.
 * Layout: CCCNNN YY M DD LLLL K — surname, first name, birth year, month letter,
 * day (+40 for women), birthplace code (codice catastale), check letter.
 */

export type CodiceFiscaleResult = { ok: true; value: string } | { ok: false; error: string };

export type Sex = 'M' | 'F';

export type DecodedCodiceFiscale = {
  sex: Sex;
  /** 'YYYY-MM-DD', or null when the day does not exist in that month of the chosen year. */
  birthDate: string | null;
  /** Codice catastale, e.g. 'A944', with omocodic letters turned back into digits. */
  birthPlaceCode: string;
};

export type CodiceFiscaleInput = {
  lastName: string;
  firstName: string;
  sex: Sex;
  birthDate: string;
  birthPlaceCode: string;
};

const FORMAT = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Month letters, January to December. */
const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Omocodia replaces the digit d with OMOCODIC_LETTERS[d]. */
const OMOCODIC_LETTERS = 'LMNPQRSTUV';

/** 0-based indexes of the digits that omocodia may replace (positions 7, 8, 10, 11, 13, 14, 15). */
const OMOCODIC_INDEXES = [6, 7, 9, 10, 12, 13, 14] as const;

/** Value of A–Z in odd positions; a digit d is worth as much as the d-th letter ('0' like 'A'). */
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23] as const;

const A = 'A'.charCodeAt(0);
const ZERO = '0'.charCodeAt(0);

export function normalizeCodiceFiscale(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Index 0–25 of a letter, or the digit's value 0–9. */
function charIndex(c: string): number {
  const code = c.charCodeAt(0);
  return code >= A ? code - A : code - ZERO;
}

/** Computes the check letter over the first 15 characters (already uppercase). */
export function checkLetter(first15: string): string {
  if (!/^[A-Z0-9]{15}$/.test(first15)) {
    throw new Error('Servono 15 caratteri (lettere maiuscole o cifre) per calcolare il carattere di controllo');
  }
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const index = charIndex(first15.charAt(i));
    // i is 0-based: even i is an odd (1-based) position.
    sum += i % 2 === 0 ? (ODD_VALUES[index] ?? 0) : index;
  }
  return String.fromCharCode(A + (sum % 26));
}

/** Turns omocodic letters back into digits, leaving the check letter unchanged. */
function restoreDigits(cf: string): string {
  const chars = cf.split('');
  for (const i of OMOCODIC_INDEXES) {
    const digit = OMOCODIC_LETTERS.indexOf(chars[i] ?? '');
    if (digit >= 0) chars[i] = String(digit);
  }
  return chars.join('');
}

/**
 * The form shared by a codice fiscale and its omocodic variants: the first 15 characters with the
 * omocodic letters turned back into digits (the check letter is left out: it follows from them).
 * Two codes with the same key are, for IXL Desk, the same person (people.tax_code_key, migration 018).
 */
export function taxCodeKey(cf: string): string {
  return restoreDigits(normalizeCodiceFiscale(cf)).slice(0, 15);
}

/** True when at least one of the digits has been replaced by a letter (omocodia). */
export function isOmocodic(cf: string): boolean {
  const value = normalizeCodiceFiscale(cf);
  return OMOCODIC_INDEXES.some((i) => OMOCODIC_LETTERS.includes(value.charAt(i)));
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Birth data fields of a valid code whose digits have been restored. */
function birthFields(plain: string): { yy: number; month: number; rawDay: number; day: number; sex: Sex } {
  const rawDay = Number(plain.slice(9, 11));
  return {
    yy: Number(plain.slice(6, 8)),
    rawDay,
    month: MONTH_LETTERS.indexOf(plain.charAt(8)) + 1,
    day: rawDay > 40 ? rawDay - 40 : rawDay,
    sex: rawDay > 40 ? 'F' : 'M',
  };
}

export function validateCodiceFiscale(s: string): CodiceFiscaleResult {
  const value = normalizeCodiceFiscale(s);
  if (value.length !== 16) {
    return { ok: false, error: 'Il codice fiscale deve avere 16 caratteri' };
  }
  if (!FORMAT.test(value)) {
    return {
      ok: false,
      error: 'Il formato del codice fiscale non è valido: controllare la posizione di lettere e cifre',
    };
  }
  if (checkLetter(value.slice(0, 15)) !== value.charAt(15)) {
    return {
      ok: false,
      error: 'Il carattere di controllo non corrisponde: il codice fiscale contiene un errore di battitura',
    };
  }
  // The check letter does not protect against an impossible day (e.g. 35), so test it apart.
  // 29 February is always accepted here: the century is not known.
  const { month, rawDay, day } = birthFields(restoreDigits(value));
  const dayInRange = (rawDay >= 1 && rawDay <= 31) || (rawDay >= 41 && rawDay <= 71);
  if (!dayInRange || day > daysInMonth(2000, month)) {
    return { ok: false, error: 'La data di nascita contenuta nel codice fiscale non è valida' };
  }
  return { ok: true, value };
}

/**
 * Extracts sex, birth date and birthplace code from a valid codice fiscale (throws otherwise).
 * The code has only two digits for the year: the most recent century that does not put
 * the birth date after `today` is chosen.
 */
export function decodeCodiceFiscale(cf: string, today: Date = new Date()): DecodedCodiceFiscale {
  const result = validateCodiceFiscale(cf);
  if (!result.ok) throw new Error(result.error);
  const plain = restoreDigits(result.value);
  const { yy, month, day, sex } = birthFields(plain);

  const todayIso = `${today.getFullYear()}-${pad2(today.getMonth() + 1)}-${pad2(today.getDate())}`;
  const monthDay = `${pad2(month)}-${pad2(day)}`;
  let year = Math.floor(today.getFullYear() / 100) * 100 + yy;
  // Same-width ISO strings compare chronologically.
  if (`${year}-${monthDay}` > todayIso) year -= 100;

  return {
    sex,
    birthDate: day <= daysInMonth(year, month) ? `${year}-${monthDay}` : null,
    birthPlaceCode: plain.slice(11, 15),
  };
}

const VOWELS = 'AEIOU';

/** Uppercase A–Z letters of a name, accents removed, anything else (apostrophes, spaces…) dropped. */
function nameLetters(name: string): { consonants: string[]; vowels: string[] } {
  const letters = stripAccents(name).toUpperCase().replace(/[^A-Z]/g, '').split('');
  return {
    consonants: letters.filter((c) => !VOWELS.includes(c)),
    vowels: letters.filter((c) => VOWELS.includes(c)),
  };
}

function hasLetter(name: string): boolean {
  const { consonants, vowels } = nameLetters(name);
  return consonants.length + vowels.length > 0;
}

/** Consonants, then vowels, then X padding: the first three. */
function threeLetters(consonants: string[], vowels: string[]): string {
  return [...consonants, ...vowels, 'X', 'X', 'X'].slice(0, 3).join('');
}

function surnameCode(lastName: string): string {
  const { consonants, vowels } = nameLetters(lastName);
  return threeLetters(consonants, vowels);
}

function firstNameCode(firstName: string): string {
  const { consonants, vowels } = nameLetters(firstName);
  // With four or more consonants the second one is skipped.
  const [c1, , c3, c4] = consonants;
  if (c1 !== undefined && c3 !== undefined && c4 !== undefined) return c1 + c3 + c4;
  return threeLetters(consonants, vowels);
}

/**
 * Computes the codice fiscale from personal data (without omocodia).
 * Throws with an Italian message when the data cannot produce a code.
 */
export function computeCodiceFiscale(input: CodiceFiscaleInput): string {
  if (!hasLetter(input.lastName)) throw new Error('Il cognome deve contenere almeno una lettera');
  if (!hasLetter(input.firstName)) throw new Error('Il nome deve contenere almeno una lettera');
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.birthDate);
  const year = Number(date?.[1]);
  const month = Number(date?.[2]);
  const day = Number(date?.[3]);
  if (!date || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error('Data di nascita non valida: usare il formato AAAA-MM-GG');
  }
  const place = normalizeCodiceFiscale(input.birthPlaceCode);
  if (!/^[A-Z][0-9]{3}$/.test(place)) {
    throw new Error('Codice catastale del luogo di nascita non valido (es. A944)');
  }

  const first15 =
    surnameCode(input.lastName) +
    firstNameCode(input.firstName) +
    pad2(year % 100) +
    MONTH_LETTERS.charAt(month - 1) +
    pad2(input.sex === 'F' ? day + 40 : day) +
    place;
  return first15 + checkLetter(first15);
}
