import { Text, TextInput, type TextInputProps, type TextProps } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useEffect } from 'react';
import { formatEuro, parseEuro } from '../../../../electron/domain/money';

/** Figures in columns: right-aligned, digits of equal width, never wrapped. */
export const TABULAR = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** An amount in cents as "€ 1.234,56", right-aligned with tabular digits; negative amounts in red. */
export function Money({ cents, strong, ...props }: { cents: number; strong?: boolean } & TextProps) {
  return (
    <Text component="span" size="sm" ta="right" fw={strong ? 700 : undefined} c={cents < 0 ? 'red.7' : undefined} style={TABULAR} {...props}>
      {formatEuro(cents)}
    </Text>
  );
}

/** Cents as typed in an amount field: 1250000 → "12.500,00" (no € sign, which the field shows itself). */
export function amountText(cents: number): string {
  return formatEuro(cents).replace('€ ', '');
}

/** A percentage with one decimal, Italian style: 12.5 → "12,5%". */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenths = Math.round((part * 1000) / whole);
  return `${(tenths / 10).toLocaleString('it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** Percent used as a number for progress bars (0–100, capped). */
export function percentValue(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.max(0, Math.min(100, (part * 100) / whole));
}

/**
 * An amount typed the Italian way ("12.500,00", "12500", "€ 450"): the value stays the typed text and is
 * read with parseEuro (integer cents, never floats). On leaving the field a valid amount is rewritten in full.
 */
export function EuroInput({ value = '', onChange, onBlur, ...props }: Omit<TextInputProps, 'value' | 'onChange'> & { value?: string; onChange: (text: string) => void }) {
  return (
    <TextInput
      leftSection={<Text size="sm" c="dimmed">€</Text>}
      leftSectionWidth={28}
      inputMode="decimal"
      autoComplete="off"
      styles={{ input: { textAlign: 'right', ...TABULAR } }}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={(e) => {
        const cents = parseEuro(value);
        if (cents !== null && value.trim() !== '') onChange(amountText(cents));
        onBlur?.(e);
      }}
      {...props}
    />
  );
}

/** Validation of a typed amount: null when fine, else the Italian message. */
export function amountError(text: string, { allowZero = false, label = 'Importo' } = {}): string | null {
  if (!text.trim()) return `${label}: campo obbligatorio`;
  const cents = parseEuro(text);
  if (cents === null) return `${label}: scrivere un importo come 12.500,00`;
  if (cents < 0) return `${label}: l’importo non può essere negativo`;
  if (cents === 0 && !allowZero) return `${label}: l’importo deve essere maggiore di zero`;
  return null;
}

/** The Italian labels of mantine-datatable's pager, shared by every paged ledger list. */
export { PAGER_PROPS } from '../../components/ServerTable';

/** The look of the Bilancio's tables of movements (impegni, registro, deroghe). */
export const MOVEMENTS_TABLE_LOOK = {
  withTableBorder: true,
  borderRadius: 'md',
  striped: true,
  highlightOnHover: true,
  fz: 'sm',
  horizontalSpacing: 8,
  verticalAlign: 'center',
  minHeight: 260,
  loaderBackgroundBlur: 0,
} as const;

/** Asks before throwing away unsaved changes; runs `leave` when there are none or the user confirms. */
export function confirmLeave(dirty: boolean, leave: () => void, what = 'Le modifiche non salvate andranno perse.'): void {
  if (!dirty) return leave();
  modals.openConfirmModal({
    title: 'Uscire senza salvare?',
    children: <Text size="sm">{what}</Text>,
    labels: { confirm: 'Esci senza salvare', cancel: 'Resta qui' },
    confirmProps: { color: 'red' },
    onConfirm: leave,
  });
}

/**
 * While there are unsaved changes: the window asks before closing or reloading, and the side menu and
 * the Bilancio tabs (links marked data-leave-guard) ask before leaving the page. The app uses a
 * HashRouter, which has no navigation blocker, so clicks on those links are intercepted here.
 */
export function useLeaveGuard(dirty: boolean, what?: string): void {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    const click = (event: MouseEvent) => {
      const target = event.target as HTMLElement | null;
      const link = target?.closest<HTMLElement>('nav[aria-label="Sezioni"] a[href], [data-leave-guard]');
      if (!link) return;
      const href = link.getAttribute('href') ?? link.dataset.leaveGuard ?? '';
      if (!href) return;
      event.preventDefault();
      event.stopPropagation();
      confirmLeave(true, () => {
        window.location.hash = href.startsWith('#') ? href : `#${href}`;
      }, what);
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [dirty, what]);
}
