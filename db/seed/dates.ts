/**
 * Dates as day numbers (days since 1970-01-01, UTC) with integer civil-calendar arithmetic
 * (H. Hinnant's algorithms): fast, and independent of the machine's time zone and clock.
 */

/** Day number of a civil date (month 1–12). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDay(n: number): { year: number; month: number; day: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const isoCache = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number (cached: the seed formats the same days many times). */
export function iso(n: number): string {
  let s = isoCache.get(n);
  if (s === undefined) {
    const { year, month, day } = civilFromDay(n);
    s = `${year}-${pad2(month)}-${pad2(day)}`;
    isoCache.set(n, s);
  }
  return s;
}

export function dayOf(isoDate: string): number {
  return dayFromCivil(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10)));
}

export function yearOf(n: number): number {
  return civilFromDay(n).year;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Adds calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(n: number, months: number): number {
  const { year, month, day } = civilFromDay(n);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return dayFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(n: number, years: number): number {
  return addMonths(n, years * 12);
}

/** An ISO timestamp on that day, at a working-hours time derived from `salt` (deterministic). */
export function stamp(n: number, salt: number): string {
  const s = Math.abs(salt | 0);
  const hour = 8 + (s % 10);
  const minute = (s >>> 4) % 60;
  const second = (s >>> 10) % 60;
  return `${iso(n)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.000Z`;
}

/** An ISO timestamp at the given hour of that day (minutes/seconds from `salt`): keeps same-day events in order. */
export function stampAt(n: number, hour: number, salt: number): string {
  const s = Math.abs(salt | 0);
  return `${iso(n)}T${pad2(Math.min(23, hour))}:${pad2((s >>> 4) % 60)}:${pad2((s >>> 10) % 60)}.000Z`;
}
