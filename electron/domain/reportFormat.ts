import { formatEuro } from './money';

/**
 * How the report's figures are written, the same on screen and in the PDF (the Excel workbook keeps
 * numbers with the equivalent number formats). Types mirror electron/contract/reports.ts.
 */
export type ReportValueFormat = 'int' | 'euro' | 'pct' | 'days' | 'date';
export interface ReportCellLike {
  value: number | null;
  flag: 'lt3' | 'nd' | null;
  text?: string | null;
}

/**
 * Italian digits with a dot between thousands from 1.000 on (as the Excel formats show them; Intl's
 * Italian rule starts grouping only at 10.000) and a comma before `decimals` decimals.
 */
function italianNumber(n: number, decimals: number, keepZeros = true): string {
  // round half away from zero on the decimal text (23.45 → 23.5), not on its binary approximation
  const abs = Math.abs(n);
  const scaled = String(abs).includes('e') ? Math.round(abs * 10 ** decimals) : Math.round(Number(`${abs}e${decimals}`));
  const digits = String(scaled).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals) || '0';
  const fraction = decimals > 0 ? digits.slice(-decimals) : '';
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, '.');
  const tail = keepZeros ? fraction : fraction.replace(/0+$/, '');
  return `${n < 0 && scaled !== 0 ? '−' : ''}${grouped}${tail ? `,${tail}` : ''}`;
}
const INT = { format: (n: number) => italianNumber(n, 0) };
const ONE_DECIMAL = { format: (n: number) => italianNumber(n, 1) };
const DAYS = { format: (n: number) => italianNumber(n, 1, false) };

export const SUPPRESSED_TEXT = { lt3: '<3', nd: 'n.d.' } as const;

/** Writes a cell: «<3», «n.d.», «1.234», «€ 1.234,56», «12,3%», «52», «31/03/2025», «—». */
export function formatReportValue(cell: ReportCellLike, format: ReportValueFormat): string {
  if (cell.flag) return SUPPRESSED_TEXT[cell.flag];
  if (format === 'date') {
    const t = cell.text ?? '';
    return /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}` : t || '—';
  }
  if (cell.value === null) return '—';
  switch (format) {
    case 'int':
      return INT.format(cell.value);
    case 'euro':
      return formatEuro(Math.round(cell.value));
    case 'pct':
      return `${ONE_DECIMAL.format(cell.value * 100)}%`;
    case 'days':
      return DAYS.format(cell.value);
  }
}

/** A change from the previous period: «+12», «−3», «+€ 1.000,00», «+2,1 p.p.», «0» when unchanged. */
export function formatReportDelta(delta: number | null, format: ReportValueFormat): string {
  if (delta === null || format === 'date') return '';
  if (delta === 0) return '0';
  const sign = delta > 0 ? '+' : '−';
  const abs = Math.abs(delta);
  switch (format) {
    case 'int':
      return `${sign}${INT.format(abs)}`;
    case 'euro':
      return `${sign}${formatEuro(Math.round(abs))}`;
    case 'pct':
      return `${sign}${ONE_DECIMAL.format(abs * 100)} p.p.`;
    case 'days':
      return `${sign}${DAYS.format(abs)}`;
  }
}
