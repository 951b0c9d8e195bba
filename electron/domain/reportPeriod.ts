/**
 * Report periods for the Tavolo di coordinamento (DOMAIN.md §6): a semester ('2019-H1'), a year
 * ('2019'), a custom range ('2017-06-01..2021-12-31') or the programme to date ('all'), each with the
 * previous comparable period: H1 → the previous H2, H2 → H1 of the same year, a year → the year
 * before, a range → the same number of days just before it, the programme to date → none.
 * Pure: shared by the services, the CLI and the renderer.
 */

/** The protocol of Insieme per il lavoro was signed on 22 May 2017 (DOMAIN.md §1). */
export const PROGRAMME_START = '2017-05-22';

export type PeriodKind = 'semestre' | 'anno' | 'intervallo' | 'programma';

export interface ReportPeriod {
  /** The canonical text of the period: '2019-H1', '2019', '2017-06-01..2021-12-31', 'all'. */
  code: string;
  kind: PeriodKind;
  /** First and last day, inclusive, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  /** Italian label: «1° semestre 2019», «Anno 2019», «Dal 01/06/2017 al 31/12/2021», «Dall’avvio del programma al 25/11/2026». */
  label: string;
}

export const PERIOD_FORMAT_HINT = 'usare 2019-H1, 2019-H2, 2019, 2017-06-01..2021-12-31 oppure all';

const pad = (n: number) => String(n).padStart(2, '0');
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** True for an existing calendar day written 'YYYY-MM-DD'. */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day (UTC arithmetic, so no time zone can shift it). */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}
export function isoFromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function semester(year: number, half: 1 | 2): ReportPeriod {
  return {
    code: `${year}-H${half}`,
    kind: 'semestre',
    from: `${year}-${half === 1 ? '01-01' : '07-01'}`,
    to: `${year}-${half === 1 ? '06-30' : '12-31'}`,
    label: `${half}° semestre ${year}`,
  };
}
function year(y: number): ReportPeriod {
  return { code: String(y), kind: 'anno', from: `${y}-01-01`, to: `${y}-12-31`, label: `Anno ${y}` };
}
function range(from: string, to: string): ReportPeriod {
  return { code: `${from}..${to}`, kind: 'intervallo', from, to, label: `Dal ${ddmmyyyy(from)} al ${ddmmyyyy(to)}` };
}

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;
const validYear = (y: number) => Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX;

/**
 * Reads a period; `today` ('YYYY-MM-DD') closes the programme to date. Returns an Italian message
 * instead of a period when the text is not one.
 */
export function parsePeriod(text: string, today: string): ReportPeriod | { error: string } {
  const t = text.trim();
  if (t === 'all') {
    return { code: 'all', kind: 'programma', from: PROGRAMME_START, to: today, label: `Dall’avvio del programma al ${ddmmyyyy(today)}` };
  }
  const sem = /^(\d{4})-H([12])$/i.exec(t);
  if (sem) {
    const y = Number(sem[1]);
    if (!validYear(y)) return { error: `Anno fuori dall’intervallo ${YEAR_MIN}–${YEAR_MAX}` };
    return semester(y, sem[2] === '1' ? 1 : 2);
  }
  if (/^\d{4}$/.test(t)) {
    const y = Number(t);
    if (!validYear(y)) return { error: `Anno fuori dall’intervallo ${YEAR_MIN}–${YEAR_MAX}` };
    return year(y);
  }
  const custom = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (custom) {
    const [, from, to] = custom as unknown as [string, string, string];
    if (!isIsoDay(from) || !isIsoDay(to)) return { error: 'Intervallo con una data inesistente' };
    if (from > to) return { error: 'L’inizio dell’intervallo è successivo alla fine' };
    if (Number(from.slice(0, 4)) < YEAR_MIN || Number(to.slice(0, 4)) > YEAR_MAX) return { error: `Date fuori dall’intervallo ${YEAR_MIN}–${YEAR_MAX}` };
    return range(from, to);
  }
  return { error: `Periodo non riconosciuto: ${PERIOD_FORMAT_HINT}` };
}

/** parsePeriod that throws the Italian message: for callers whose input was validated already. */
export function periodOf(text: string, today: string): ReportPeriod {
  const p = parsePeriod(text, today);
  if ('error' in p) throw new Error(p.error);
  return p;
}

/** The previous comparable period, or null for the programme to date. */
export function previousPeriod(p: ReportPeriod): ReportPeriod | null {
  switch (p.kind) {
    case 'programma':
      return null;
    case 'anno':
      return year(Number(p.from.slice(0, 4)) - 1);
    case 'semestre': {
      const y = Number(p.from.slice(0, 4));
      return p.code.endsWith('H1') ? semester(y - 1, 2) : semester(y, 1);
    }
    case 'intervallo': {
      const length = dayNumber(p.to) - dayNumber(p.from) + 1;
      const end = dayNumber(p.from) - 1;
      return range(isoFromDayNumber(end - length + 1), isoFromDayNumber(end));
    }
  }
}

/** The months of a period, 'YYYY-MM', oldest first. */
export function monthsOf(p: { from: string; to: string }): string[] {
  const months: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const endY = Number(p.to.slice(0, 4));
  const endM = Number(p.to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    months.push(`${y}-${pad(m)}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

const MONTHS_SHORT = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];
export const MONTH_NAMES = MONTHS_SHORT;

/** 'YYYY-MM' → «gen 2019». */
export function monthLabel(month: string): string {
  return `${MONTHS_SHORT[Number(month.slice(5, 7)) - 1] ?? '?'} ${month.slice(0, 4)}`;
}

/** Full years between two days ('YYYY-MM-DD'), as an age is counted; null without a birth date. */
export function ageOn(birthDate: string | null, on: string): number | null {
  if (!birthDate) return null;
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The semesters and years a picker offers: from the programme's start to the year of `today`. */
export function pickerYears(today: string): number[] {
  const years: number[] = [];
  for (let y = Number(today.slice(0, 4)); y >= Number(PROGRAMME_START.slice(0, 4)); y--) years.push(y);
  return years;
}
