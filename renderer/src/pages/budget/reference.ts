import { useOutletContext } from 'react-router';
import type { BudgetReference } from '../../../../electron/contract/budget';
import { useApiQuery } from '../../api/hooks';

/** Spending lines, instruments, donors, funds and whether the user may write money: loaded once per visit. */
export function useBudgetReferenceQuery() {
  return useApiQuery('budget.reference', {}, { staleTime: 60_000 });
}

/** The reference data inside the Bilancio pages (the layout loads it before showing them). */
export function useBudget(): BudgetReference {
  return useOutletContext<BudgetReference>();
}

/** Names of spending lines by code. */
export function lineName(reference: BudgetReference, code: string): string {
  return reference.lines.find((l) => l.code === code)?.name ?? code;
}

/** Years covered by the funds, newest first, for the year filters. */
export function fundYears(reference: BudgetReference, fundId: number | null = null): number[] {
  const years = new Set<number>();
  for (const f of reference.funds) {
    if (fundId !== null && f.id !== fundId) continue;
    for (let y = f.startYear; y <= f.endYear; y++) years.add(y);
  }
  return [...years].sort((a, b) => b - a);
}

export const toId = (v: string | null | undefined): number | null => (v ? Number(v) : null);
