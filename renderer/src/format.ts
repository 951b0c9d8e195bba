import dayjs from 'dayjs';
import 'dayjs/locale/it';
export { formatEuro } from '../../electron/domain/money';

dayjs.locale('it');

/** 'YYYY-MM-DD' or an ISO timestamp → 'dd/mm/yyyy' (with the time when asked). */
export function formatDate(value: string | null | undefined, withTime = false): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format(withTime ? 'DD/MM/YYYY HH:mm' : 'DD/MM/YYYY') : value;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('it-IT').format(n);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.ceil(bytes / 1024))} kB`;
  return `${new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}
