import { nameKey } from '../../domain/text';

/**
 * When two records may be one person: the one place of the rules, used by the registration's check
 * (duplicates.ts) and by the network's list of possible doubles (duplicatePairs.ts). Codes are stored
 * in duplicate_pairs.reasons; the labels are what the screens show.
 */
export const DUPLICATE_REASONS = {
  codice_fiscale: 'Stesso codice fiscale (in forma omocodica)',
  data_vicina: 'Stesso nome, data di nascita a un giorno di distanza',
  giorno_mese: 'Stesso nome, giorno e mese di nascita invertiti',
  cognome: 'Stessi nome e data di nascita, cognome diverso per una lettera',
  nome_simile: 'Stessa data di nascita e nome simile',
  telefono: 'Stesso telefono',
  email: 'Stessa email',
} as const;
export type DuplicateReason = keyof typeof DUPLICATE_REASONS;

export const reasonLabels = (codes: readonly DuplicateReason[]): string[] => codes.map((c) => DUPLICATE_REASONS[c]);

/** What the rules compare of a record; `taxCodeKey` is taxCodeKey(tax_code), null without a code. */
export interface Comparable {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  taxCodeKey: string | null;
  phone: string | null;
  email: string | null;
}

/** Digits only, without the Italian prefix: "+39 333 123 4567", "0039 333-1234567" and "3331234567" are the same number. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0039')) return digits.slice(4);
  // "39" is also the start of some mobile prefixes (391, 392, 393): strip it only when the number is longer than an Italian one
  if (phone.trim().startsWith('+39') || (digits.startsWith('39') && digits.length > 10)) return digits.slice(2);
  return digits;
}

/** Levenshtein distance ≤ max, stopping as soon as every path exceeds it. */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return (previous[b.length] ?? Infinity) <= max;
}

/**
 * Whether a stored name key (people.name_key: surname then first name, normalised) looks like the
 * typed name: the same, surname and first name swapped, or at most two letters apart.
 */
export function similarName(lastName: string, firstName: string, storedKey: string): boolean {
  return similarKey(nameKey(lastName), nameKey(firstName), storedKey);
}
function similarKey(lastKey: string, firstKey: string, storedKey: string): boolean {
  const key = lastKey + firstKey;
  if (!key) return false;
  return storedKey === key || storedKey === firstKey + lastKey || withinEditDistance(key, storedKey, 2);
}

/** A record with its names normalised once (nameKey), for comparing it with many others. */
export interface Keyed extends Comparable {
  lastKey: string;
  firstKey: string;
}
export function keyed(c: Comparable): Keyed {
  return { ...c, lastKey: nameKey(c.lastName), firstKey: nameKey(c.firstName) };
}

/** The same name: surname and first name equal once normalised, also when the two were swapped. */
function sameName(a: Keyed, b: Keyed): boolean {
  const other = b.lastKey + b.firstKey;
  return a.lastKey + a.firstKey !== '' && (a.lastKey + a.firstKey === other || a.firstKey + a.lastKey === other);
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

function shiftDay(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The date with month and day swapped (1980-03-07 → 1980-07-03), when that is another valid date. */
function swappedMonthDay(date: string): string | null {
  const [year, month, day] = date.split('-');
  if (!year || !month || !day || month === day || Number(day) > 12) return null;
  const swapped = `${year}-${day}-${month}`;
  return Number.isNaN(Date.parse(`${swapped}T00:00:00Z`)) || shiftDay(swapped, 0) !== swapped ? null : swapped;
}

/** The birth dates whose records a registration compares by name: the same, a day before or after, month and day swapped. */
export function nearbyBirthDates(date: string): string[] {
  const swapped = swappedMonthDay(date);
  return [date, shiftDay(date, -1), shiftDay(date, 1), ...(swapped ? [swapped] : [])];
}

/** Why `a` and `b` may be one person, in the order of DUPLICATE_REASONS; empty when they look like two people. */
export function duplicateReasons(a: Keyed, b: Keyed): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (a.taxCodeKey && a.taxCodeKey === b.taxCodeKey) reasons.push('codice_fiscale');
  if (a.birthDate && b.birthDate) {
    if (a.birthDate === b.birthDate) {
      const sameFirstName = a.firstKey !== '' && a.firstKey === b.firstKey;
      if (sameFirstName && a.lastKey !== b.lastKey && withinEditDistance(a.lastKey, b.lastKey, 1)) reasons.push('cognome');
      else if (similarKey(a.lastKey, a.firstKey, b.lastKey + b.firstKey)) reasons.push('nome_simile');
    } else if (sameName(a, b)) {
      if (Math.abs(dayNumber(a.birthDate) - dayNumber(b.birthDate)) === 1) reasons.push('data_vicina');
      else if (swappedMonthDay(a.birthDate) === b.birthDate) reasons.push('giorno_mese');
    }
  }
  if (a.phone && b.phone && normalizePhone(a.phone) === normalizePhone(b.phone)) reasons.push('telefono');
  if (a.email && b.email && a.email.toLowerCase() === b.email.toLowerCase()) reasons.push('email');
  return reasons;
}
