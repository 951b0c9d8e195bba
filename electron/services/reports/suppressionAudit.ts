import type { Status } from './suppression';

/**
 * An exact attacker, for the tests: the unknowns are the counts of every category in every time atom
 * (integers ≥ 0); every shown quantity fixes its sum, every «<3» bounds it to 1–2, «n.d.» says
 * nothing. For a hidden quantity it looks for a solution with a value below and one above the true
 * one, by bounds propagation and branching: exact (no relaxation), for small tables.
 */

export interface AuditInput {
  values: number[][];
  catSets: number[][];
  timeSets: number[][];
  published: readonly (readonly [number, number])[];
  status: readonly Status[];
}

interface Constraint {
  vars: number[];
  lo: number;
  hi: number;
}

const BIG = 1_000_000;

function propagate(cons: Constraint[], lo: number[], hi: number[]): boolean {
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of cons) {
      let sumLo = 0;
      let sumHi = 0;
      for (const v of c.vars) {
        sumLo += lo[v]!;
        sumHi += hi[v]!;
      }
      if (sumLo > c.hi || sumHi < c.lo) return false;
      for (const v of c.vars) {
        const newHi = Math.min(hi[v]!, c.hi - (sumLo - lo[v]!));
        const newLo = Math.max(lo[v]!, c.lo - (sumHi - hi[v]!));
        if (newLo > newHi) return false;
        if (newHi < hi[v]! || newLo > lo[v]!) {
          sumLo += newLo - lo[v]!;
          sumHi += newHi - hi[v]!;
          lo[v] = newLo;
          hi[v] = newHi;
          changed = true;
        }
      }
    }
  }
  return true;
}

function feasible(cons: Constraint[], lo: number[], hi: number[]): boolean {
  if (!propagate(cons, lo, hi)) return false;
  let pick = -1;
  for (let v = 0; v < lo.length; v++) if (lo[v]! < hi[v]! && (pick < 0 || hi[v]! - lo[v]! < hi[pick]! - lo[pick]!)) pick = v;
  if (pick < 0) return true;
  const mid = Math.floor((lo[pick]! + hi[pick]!) / 2);
  const l1 = [...lo];
  const h1 = [...hi];
  h1[pick] = mid;
  if (feasible(cons, l1, h1)) return true;
  const l2 = [...lo];
  const h2 = [...hi];
  l2[pick] = mid + 1;
  return feasible(cons, l2, h2);
}

/** For each hidden quantity (by index), whether another value than the true one is feasible. */
export function auditLinked(input: AuditInput): Map<number, { value: number; lower: boolean; higher: boolean }> {
  const nCats = input.values.length;
  const nAtoms = input.values[0]?.length ?? 0;
  const varOf = (c: number, a: number) => c * nAtoms + a;
  const cons: Constraint[] = [];
  const truth: number[] = [];
  input.published.forEach(([c, t], q) => {
    const vars: number[] = [];
    let v = 0;
    for (const cat of input.catSets[c]!) {
      for (const a of input.timeSets[t]!) {
        vars.push(varOf(cat, a));
        v += input.values[cat]![a]!;
      }
    }
    truth.push(v);
    const st = input.status[q]!;
    if (st === 'shown') cons.push({ vars, lo: v, hi: v });
    else if (st === 'lt3') cons.push({ vars, lo: 1, hi: 2 });
  });
  const lo0 = new Array<number>(nCats * nAtoms).fill(0);
  const hi0 = new Array<number>(nCats * nAtoms).fill(BIG);
  const out = new Map<number, { value: number; lower: boolean; higher: boolean }>();
  input.published.forEach(([c, t], q) => {
    if (input.status[q] === 'shown') return;
    const vars: number[] = [];
    for (const cat of input.catSets[c]!) for (const a of input.timeSets[t]!) vars.push(varOf(cat, a));
    const value = truth[q]!;
    const lower = value > 0 && feasible([...cons, { vars, lo: 0, hi: value - 1 }], [...lo0], [...hi0]);
    const higher = feasible([...cons, { vars, lo: value + 1, hi: BIG }], [...lo0], [...hi0]);
    out.set(q, { value, lower, higher });
  });
  return out;
}
