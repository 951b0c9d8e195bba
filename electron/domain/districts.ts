/**
 * The order of the Città metropolitana's districts in forms and reports: the city of Bologna first,
 * then the others as the programme lists them (migration 002). A district added later comes after
 * them, by name.
 */
const DISTRICT_ORDER = ['BOL', 'RLS', 'PIO', 'PIE', 'SLS', 'APP', 'IMO'];

export function sortDistricts<T extends { code: string; name: string }>(districts: readonly T[]): T[] {
  const rank = (code: string) => {
    const i = DISTRICT_ORDER.indexOf(code);
    return i < 0 ? DISTRICT_ORDER.length : i;
  };
  return [...districts].sort((a, b) => rank(a.code) - rank(b.code) || a.name.localeCompare(b.name, 'it'));
}
