import type { Cell } from '../../contract/reports';

/**
 * Small-cell suppression for the reports (DOMAIN.md §11, issues #6 and #11), in one place:
 * - primary: a count of 1 or 2 people is not shown ('lt3', «<3»); 0 is shown (it identifies no one);
 * - secondary (protectLinked): the standard periods (programme to date, each year, each half-year)
 *   are protected together, with every total, subtotal, district and figure that restates a cell,
 *   so that no combination of published reports pins a hidden cell: each keeps at least two values
 *   consistent with everything shown, with counts being integers ≥ 0 and «<3» being 1 or 2. A «<3»
 *   may become «n.d.» when its being 1 or 2 would give it away;
 * - a custom range is not protected by hiding (it can be differenced against anything): its counts
 *   are rounded (roundedCount);
 * - a value computed from people (a median, euros, a rate) is shown only when every count it comes
 *   from is shown and counts at least 3 people.
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

/** A cell from a status decided by protectLinked. */
export function cellOf(value: number, status: Status): Cell {
  return status === 'shown' ? shown(value) : { value: null, flag: status };
}

/**
 * A breakdown of `total` people into `values` (their sum must be the total: it is checked), protected
 * on its own (one period, nothing else published beside it): see protectLinked.
 */
export function suppressBreakdown(values: readonly number[], total: number = values.reduce((a, v) => a + v, 0)): SuppressedBreakdown {
  const sum = values.reduce((a, v) => a + v, 0);
  if (sum !== total) throw new Error(`Scomposizione incoerente: la somma ${sum} differisce dal totale ${total}`);
  const r = protectLinked({ values: values.map((v) => [v]), catSets: [...values.map((_, i) => [i]), values.map((_, i) => i)], timeSets: [[0]], people: true });
  return { cells: values.map((v, i) => cellOf(v, r.status[i]!)), total: cellOf(total, r.status[values.length]!) };
}

/**
 * Counts for a period that is not a standard one (a custom range): it can be differenced against any
 * other range, so no pattern of hidden cells protects it. Counts are rounded to a multiple of 5
 * (ROUNDING_BASE), a count from 1 to 7 showing as 5, so a difference of two ranges is never exact.
 */
export const ROUNDING_BASE = 5;
export function roundedCount(value: number): Cell {
  if (value === 0) return shown(0);
  return shown(Math.max(ROUNDING_BASE, Math.round(value / ROUNDING_BASE) * ROUNDING_BASE));
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

// ---- linked suppression ---------------------------------------------------------------------------

/** How a published quantity is shown: its value, «<3» (1 or 2 people) or «n.d.». */
export type Status = 'shown' | 'lt3' | 'nd';

/** One change of a perturbation: category `cat` in time atom `atom` changes by `d` (±1). */
export interface Step {
  cat: number;
  atom: number;
  d: number;
}

/**
 * A family of published figures that add up: `values[c][a]` counts category c in time atom a (the
 * atoms are pieces of time no report splits: half-years, cut where the programme starts and today);
 * each published quantity is the sum over a set of categories (a row, a district, a subtotal, the
 * total) and a set of atoms (a half-year, a year, the programme to date, a month).
 */
export interface LinkedProblem {
  values: number[][];
  catSets: number[][];
  timeSets: number[][];
  /** The published quantities as [catSet, timeSet]; every pair when omitted. */
  published?: readonly (readonly [number, number])[];
  /** Counts of people: 1 and 2 are hidden as «<3». Otherwise (euros) only `hidden` starts hidden. */
  people: boolean;
  /** Quantities hidden from the start, by index in `published`. */
  hidden?: readonly number[];
  /** Quantities decided elsewhere (a total other tables restate), by index: never changed here. */
  fixed?: ReadonlyMap<number, Status>;
  /**
   * Changes of the fixed quantities that the other tables' protection relies on: each must be
   * reproduced here by a change of this family's categories (`catSet` changes by `pattern` per atom).
   */
  realize?: readonly { catSet: number; pattern: readonly (readonly [number, number])[] }[];
  /** How far a category may go down in an atom (default its value): for a total whose changes only some categories can carry. */
  capacity?: number[][];
  /** How far it may go up (default: without limit): for a total whose rise another table must offset with its other categories. */
  raise?: number[][];
  /** Atoms that may pair with atom a in a perturbation (default: every other atom). */
  near?: (atom: number) => readonly number[];
}

export interface LinkedResult {
  published: (readonly [number, number])[];
  values: number[];
  status: Status[];
  /** The perturbations found: each is another table of counts, consistent with everything shown. */
  certificates: Step[][];
  /** Hidden quantities for which no perturbation was found (then everything not fixed is hidden). */
  uncertified: number[];
}

const HIDE_COST = 100;
const HIDE_ZERO_COST = 400;
const DOWNGRADE_COST = 5;

/**
 * Secondary suppression decided over a whole family of linked figures (every standard period at
 * once). Every hidden quantity gets a certificate: another table of non-negative integer counts that
 * gives the same value to every shown quantity, keeps every «<3» at 1 or 2, and gives the hidden
 * quantity a different value. So whoever reads all the published reports (and knows that counts are
 * integers ≥ 0 and that «<3» is 1 or 2) cannot pin it. Certificates are ±1 changes in at most two
 * categories and two atoms; finding one may hide more cells («n.d.») or turn a «<3» into «n.d.»
 * (when the change would take it to 0 or 3), at the smallest cost. Hiding only removes constraints,
 * so a certificate stays valid whatever is hidden after it. Deterministic: fixed order, no chance.
 */
export function protectLinked(p: LinkedProblem): LinkedResult {
  const nCats = p.values.length;
  const nAtoms = p.values[0]?.length ?? p.timeSets.reduce((m, set) => Math.max(m, ...set.map((a) => a + 1)), 0);
  const published = p.published ? p.published.map((q) => [q[0], q[1]] as const) : p.catSets.flatMap((_, c) => p.timeSets.map((_, t) => [c, t] as const));
  const qIndex = new Map<number, number>();
  const key = (c: number, t: number) => c * 65536 + t;
  published.forEach(([c, t], i) => qIndex.set(key(c, t), i));
  const catSetsOf: number[][] = Array.from({ length: nCats }, () => []);
  p.catSets.forEach((set, s) => set.forEach((c) => catSetsOf[c]!.push(s)));
  const timeSetsOf: number[][] = Array.from({ length: nAtoms }, () => []);
  p.timeSets.forEach((set, s) => set.forEach((a) => timeSetsOf[a]!.push(s)));
  const inCat = p.catSets.map((set) => new Set(set));
  const inTime = p.timeSets.map((set) => new Set(set));
  const values = published.map(([c, t]) => {
    let v = 0;
    for (const cat of p.catSets[c]!) for (const a of p.timeSets[t]!) v += p.values[cat]![a]!;
    return v;
  });
  const fixed = p.fixed ?? new Map<number, Status>();
  const status: Status[] = values.map((v, i) => fixed.get(i) ?? (p.people && v > 0 && v < MIN_SHOWN ? 'lt3' : 'shown'));
  for (const i of p.hidden ?? []) if (!fixed.has(i) && status[i] === 'shown') status[i] = 'nd';
  const capacity = p.capacity ?? p.values;
  const certified = new Array<boolean>(published.length).fill(false);
  const certificates: Step[][] = [];
  const uncertified: number[] = [];

  // per quantity, the quantities' index by (catSet, atom) pairs is walked for every candidate: kept flat
  const acc = new Float64Array(published.length);
  const mark = new Uint8Array(published.length);
  const touched: number[] = [];
  const affected: number[][] = [];
  for (let c = 0; c < nCats; c++) {
    for (let a = 0; a < nAtoms; a++) {
      const list: number[] = [];
      for (const cs of catSetsOf[c]!) {
        for (const t of timeSetsOf[a]!) {
          const q = qIndex.get(key(cs, t));
          if (q !== undefined) list.push(q);
        }
      }
      affected.push(list);
    }
  }
  const accumulate = (steps: readonly Step[]) => {
    touched.length = 0;
    for (const s of steps) {
      for (const q of affected[s.cat * nAtoms + s.atom]!) {
        if (mark[q] === 0) {
          mark[q] = 1;
          touched.push(q);
        }
        acc[q] = acc[q]! + s.d;
      }
    }
  };
  const clear = () => {
    for (const q of touched) {
      acc[q] = 0;
      mark[q] = 0;
    }
  };
  /** The change of every published quantity under `steps` (quantities left unchanged omitted). */
  const changes = (steps: readonly Step[]): Map<number, number> => {
    accumulate(steps);
    const out = new Map<number, number>();
    for (const q of touched) if (acc[q] !== 0) out.set(q, acc[q]!);
    clear();
    return out;
  };
  /** The cost of applying `steps` (Infinity when not allowed); `fixedChange` is what the fixed quantities must do. */
  const cost = (steps: readonly Step[], fixedChange: ReadonlyMap<number, number> | null, bound = Infinity): number => {
    for (const s of steps) {
      let net = 0;
      for (const o of steps) if (o.cat === s.cat && o.atom === s.atom) net += o.d;
      if (net < 0 && capacity[s.cat]![s.atom]! + net < 0) return Infinity;
      if (net > 0 && p.raise && p.raise[s.cat]![s.atom]! < net) return Infinity;
    }
    accumulate(steps);
    let total = 0;
    let matched = 0;
    for (const q of touched) {
      const d = acc[q]!;
      if (d === 0) continue;
      if (fixed.has(q)) {
        if (!fixedChange || fixedChange.get(q) !== d) {
          total = Infinity;
          break;
        }
        matched++;
        continue;
      }
      const st = status[q]!;
      if (st === 'shown') total += values[q] === 0 ? HIDE_ZERO_COST : HIDE_COST + values[q]!;
      else if (st === 'lt3' && (values[q]! + d < 1 || values[q]! + d > 2)) total += DOWNGRADE_COST;
      if (total >= bound) break;
    }
    clear();
    if (fixedChange && total !== Infinity && matched !== fixedChange.size) return Infinity;
    return total;
  };
  const apply = (steps: Step[]) => {
    for (const [q, d] of changes(steps)) {
      if (fixed.has(q)) continue;
      if (status[q] === 'shown') status[q] = 'nd';
      else if (status[q] === 'lt3' && (values[q]! + d < 1 || values[q]! + d > 2)) status[q] = 'nd';
      certified[q] = true;
    }
    certificates.push(steps);
  };
  const nearOf = p.near ?? ((a: number) => Array.from({ length: nAtoms }, (_, i) => i).filter((i) => i !== a));

  // the changes of shared totals first: every table that restates them must move with them
  for (const r of p.realize ?? []) {
    const wanted = new Map<number, number>();
    const pattern = r.pattern.filter(([, d]) => d !== 0);
    for (const [a, d] of pattern) {
      for (const t of timeSetsOf[a]!) {
        const q = qIndex.get(key(r.catSet, t));
        if (q !== undefined) wanted.set(q, (wanted.get(q) ?? 0) + d);
      }
    }
    for (const [q, d] of wanted) if (d === 0) wanted.delete(q);
    const fixedChange = new Map([...wanted].filter(([q]) => fixed.has(q)));
    let best: Step[] | null = null;
    let bestCost = Infinity;
    for (const i of p.catSets[r.catSet]!) {
      const partners = [-1, ...Array.from({ length: nCats }, (_, j) => j).filter((j) => !inCat[r.catSet]!.has(j))];
      for (const j of partners) {
        const steps: Step[] = [];
        for (const [a, d] of pattern) {
          steps.push({ cat: i, atom: a, d });
          if (j >= 0) steps.push({ cat: j, atom: a, d: -d });
        }
        const c = cost(steps, fixedChange);
        if (c < bestCost) {
          bestCost = c;
          best = steps;
        }
      }
    }
    if (best) apply(best);
    else uncertified.push(...fixedChange.keys());
  }

  const buffer: Step[] = [];
  const search = (q: number): Step[] | null => {
    const [c, t] = published[q]!;
    let best: Step[] | null = null;
    let bestCost = Infinity;
    // partners in the order most likely to be cheap: already hidden first, then the smallest
    const sumIn = (j: number) => p.timeSets[t]!.reduce((a, x) => a + p.values[j]![x]!, 0);
    const outside = Array.from({ length: nCats }, (_, j) => j)
      .filter((j) => !inCat[c]!.has(j))
      .map((j) => ({ j, hidden: status[qIndex.get(key(j, t)) ?? -1] !== 'shown' ? 0 : 1, v: sumIn(j) }))
      .sort((a, b) => a.hidden - b.hidden || a.v - b.v || a.j - b.j)
      .map((x) => x.j);
    for (const i of p.catSets[c]!) {
      for (const s of p.timeSets[t]!) {
        // moving someone out of (i, s) needs someone there; moving someone in is tried from an empty cell only
        const signs = p.values[i]![s]! > 0 ? [-1, 1] : values[q] === 0 ? [1] : [];
        if (signs.length === 0) continue;
        const times = [-1, ...nearOf(s).filter((x) => !inTime[t]!.has(x))];
        for (const j of [-1, ...outside]) {
          for (const u of times) {
            for (const sign of signs) {
              const steps = buffer;
              steps.length = 0;
              steps.push({ cat: i, atom: s, d: sign });
              if (j >= 0) steps.push({ cat: j, atom: s, d: -sign });
              if (u >= 0) steps.push({ cat: i, atom: u, d: -sign });
              if (j >= 0 && u >= 0) steps.push({ cat: j, atom: u, d: sign });
              const k = cost(steps, null, bestCost);
              if (k < bestCost) {
                bestCost = k;
                best = steps.map((x) => ({ ...x }));
                if (k === 0) return best;
              }
            }
          }
        }
      }
    }
    return best;
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (let q = 0; q < published.length; q++) {
      if (status[q] === 'shown' || certified[q] || fixed.has(q)) continue;
      const steps = search(q);
      if (steps && changes(steps).has(q)) {
        apply(steps);
        changed = true;
      } else {
        // nothing found (a family too small to protect): hide all it has
        uncertified.push(q);
        certified[q] = true;
        status.forEach((s, i) => {
          if (!fixed.has(i) && s === 'shown') status[i] = 'nd';
        });
      }
    }
  }
  return { published, values, status, certificates, uncertified };
}
