/** Calendar dates as the app keeps them: 'YYYY-MM-DD' strings in the office's local time. */

/** Today's date, local time, as 'YYYY-MM-DD'. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** 'YYYY-MM-DD' (or an ISO timestamp) → 'dd/mm/yyyy', for messages written by the services. */
export function italianDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A date typed the Italian way — "10/12/1985", "10-12-1985", "10.12.1985", "10121985" — or as
 * 'YYYY-MM-DD', to 'YYYY-MM-DD'; null while incomplete or impossible (31/02, years before 1900).
 */
export function parseItalianDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const it = /^(\d{1,2})[/.-]?(\d{1,2})[/.-]?(\d{4})$/.exec(t);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : it ? [it[3], it[2], it[1]] : [];
  if (!y || !m || !d || Number(y) < 1900) return null;
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}
