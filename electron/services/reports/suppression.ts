import type { Cell } from '../../contract/reports';

/**
 * Small-cell suppression for the reports (DOMAIN.md §11, issue #6), in one place:
 * - primary: a count of 1 or 2 people is not shown ('lt3', «<3»); 0 is shown (it identifies no one);
 * - secondary: a breakdown whose total is known must not let one recompute its only suppressed cell,
 *   so when exactly one cell is suppressed the smallest other positive cell is suppressed too ('nd');
 *   if there is none, the total is;
 * - a subtotal of some cells of a breakdown (e.g. «fuori target» = fragile + profilo forte) is shown
 *   only when neither it nor its complement contains exactly one suppressed cell;
 * - a value computed from people (a median, euros, a rate) is shown only when every count it comes
 *   from is shown and counts at least 3 people;
 * - two nested breakdowns (districts and their comuni) are protected together (suppressHierarchy).
 * A suppressed cell carries no value.
 */

export const MIN_SHOWN = 3;

export const shown = (value: number): Cell => ({ value, flag: null });
export const hiddenLt3: Cell = Object.freeze({ value: null, flag: 'lt3' }) as Cell;
export const hiddenNd: Cell = Object.freeze({ value: null, flag: 'nd' }) as Cell;

export function isSmall(value: number): boolean {
  return value > 0 && value < MIN_SHOWN;
}

/** A single count of people. */
export function suppressCount(value: number): Cell {
  return isSmall(value) ? { value: null, flag: 'lt3' } : shown(value);
}

/** A value that is not a count of people (companies, euros of a fund): never suppressed. */
export function plain(value: number): Cell {
  return shown(value);
}

export interface SuppressedBreakdown {
  cells: Cell[];
  total: Cell;
}

/**
 * A breakdown of `total` people into `values` (their sum must be the total: it is checked).
 */
export function suppressBreakdown(values: readonly number[], total: number = values.reduce((a, v) => a + v, 0)): SuppressedBreakdown {
  const sum = values.reduce((a, v) => a + v, 0);
  if (sum !== total) throw new Error(`Scomposizione incoerente: la somma ${sum} differisce dal totale ${total}`);
  const cells: Cell[] = values.map((v) => suppressCount(v));
  let totalCell = suppressCount(total);
  const suppressed = () => cells.filter((c) => c.flag !== null).length;
  if (totalCell.flag === null && suppressed() === 1) {
    let pick = -1;
    values.forEach((v, i) => {
      if (cells[i]!.flag === null && v > 0 && (pick < 0 || v < values[pick]!)) pick = i;
    });
    if (pick >= 0) cells[pick] = { value: null, flag: 'nd' };
    else totalCell = { value: null, flag: 'nd' };
  }
  return { cells, total: totalCell };
}

/** Hides, with 'nd', the smallest positive shown cell among `indices`; false when there is none. */
function hideSmallest(values: readonly number[], cells: Cell[], indices: readonly number[]): boolean {
  let pick = -1;
  for (const i of indices) if (cells[i]!.flag === null && values[i]! > 0 && (pick < 0 || values[i]! < values[pick]!)) pick = i;
  if (pick < 0) return false;
  cells[pick] = { value: null, flag: 'nd' };
  return true;
}

export interface SuppressedHierarchy {
  /** One cell per group (e.g. a district), as a breakdown of the total. */
  parents: SuppressedBreakdown;
  /** The cells of each group's children (e.g. its comuni). */
  children: Cell[][];
}

/**
 * Two breakdowns of the same people, one nested in the other (districts and their comuni): each
 * protected as above, and neither usable to recompute the other. A hidden group keeps at least one
 * hidden child (else its children would add up to it); a group whose children need its total hidden
 * is hidden too; a shown group never has exactly one hidden child. Repeated until nothing changes.
 */
export function suppressHierarchy(groups: readonly (readonly number[])[]): SuppressedHierarchy {
  const sums = groups.map((g) => g.reduce((a, v) => a + v, 0));
  const parents = suppressBreakdown(sums);
  const children = groups.map((g) => g.map((v) => suppressCount(v)));
  for (let changed = true; changed; ) {
    changed = false;
    groups.forEach((values, k) => {
      const cells = children[k]!;
      const all = values.map((_, i) => i);
      const hidden = cells.filter((c) => c.flag !== null).length;
      const parentHidden = parents.cells[k]!.flag !== null;
      if (parentHidden && hidden === 0 && hideSmallest(values, cells, all)) changed = true;
      if (!parentHidden && hidden === 1) {
        if (!hideSmallest(values, cells, all)) {
          parents.cells[k] = { value: null, flag: 'nd' };
          changed = true;
        } else changed = true;
      }
    });
    const hiddenParents = parents.cells.filter((c) => c.flag !== null).length;
    if (parents.total.flag === null && hiddenParents === 1) {
      if (!hideSmallest(sums, parents.cells, sums.map((_, i) => i))) parents.total = { value: null, flag: 'nd' };
      changed = true;
    }
  }
  return { parents, children };
}

/**
 * A subtotal of the cells `indices` of a suppressed breakdown whose raw values are `values`.
 * Shown only when the suppressed cells inside and outside it are not exactly one on either side.
 */
export function suppressSubtotal(values: readonly number[], breakdown: SuppressedBreakdown, indices: readonly number[]): Cell {
  const inside = new Set(indices);
  const value = indices.reduce((a, i) => a + (values[i] ?? 0), 0);
  let hiddenIn = 0;
  let hiddenOut = 0;
  breakdown.cells.forEach((c, i) => {
    if (c.flag !== null) {
      if (inside.has(i)) hiddenIn++;
      else hiddenOut++;
    }
  });
  const totalHidden = breakdown.total.flag !== null;
  if (isSmall(value)) return { value: null, flag: 'lt3' };
  if (hiddenIn === 1 || (!totalHidden && hiddenOut === 1)) return { value: null, flag: 'nd' };
  return shown(value);
}

/**
 * A value computed from counts of people (a median of days, euros granted, a rate): shown when each
 * count is shown and the smallest counts at least 3 people; `value` null means «not computable» (no
 * people at all) and stays null without a flag.
 */
export function suppressDerived(value: number | null, counts: readonly Cell[], people: number): Cell {
  if (people > 0 && people < MIN_SHOWN) return { value: null, flag: 'nd' };
  if (counts.some((c) => c.flag !== null)) return { value: null, flag: 'nd' };
  return { value, flag: null };
}

/** `part / whole` as a share, when both are shown and the whole is positive. */
export function share(part: Cell, whole: Cell): Cell {
  if (part.flag !== null || whole.flag !== null) return { value: null, flag: 'nd' };
  if (part.value === null || whole.value === null || whole.value === 0) return { value: null, flag: null };
  return { value: part.value / whole.value, flag: null };
}

/** current − previous when both are shown. */
export function delta(current: Cell, previous: Cell | null): number | null {
  if (!previous || current.flag !== null || previous.flag !== null || current.value === null || previous.value === null) return null;
  return current.value - previous.value;
}
