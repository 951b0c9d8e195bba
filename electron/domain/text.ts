/** Removes diacritics: "À" → "A", "ò" → "o". Letters without a decomposition (e.g. "ø") are kept as they are. */
export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Normalises a name for duplicate detection: no accents, lowercase, only a–z.
 * "D'Àngelo Maria" → "dangelomaria".
 */
export function nameKey(s: string): string {
  return stripAccents(s)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
