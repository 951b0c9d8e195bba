import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { delta, protectLinked, roundedCount, share, suppressBreakdown, suppressCount, suppressDerived, type LinkedProblem } from './suppression';
import { auditLinked } from './suppressionAudit';

const values = (cells: { value: number | null }[]) => cells.map((c) => c.value);
const flags = (cells: { flag: string | null }[]) => cells.map((c) => c.flag);

describe('primary suppression', () => {
  it('hides 1 and 2, shows 0 and from 3 up', () => {
    expect(suppressCount(0)).toEqual({ value: 0, flag: null });
    expect(suppressCount(1)).toEqual({ value: null, flag: 'lt3' });
    expect(suppressCount(2)).toEqual({ value: null, flag: 'lt3' });
    expect(suppressCount(3)).toEqual({ value: 3, flag: null });
  });
});

describe('secondary suppression in a breakdown', () => {
  it('with one small cell, hides the next smallest positive cell too', () => {
    const b = suppressBreakdown([2, 0, 40, 7, 9]);
    expect(flags(b.cells)).toEqual(['lt3', null, null, 'nd', null]);
    expect(values(b.cells)).toEqual([null, 0, 40, null, 9]);
    expect(b.total).toEqual({ value: 58, flag: null });
  });
  it('with two small cells, hides nothing else', () => {
    const b = suppressBreakdown([1, 2, 40, 7]);
    expect(flags(b.cells)).toEqual(['lt3', 'lt3', null, null]);
  });
  it('when no other positive cell exists, hides the total instead', () => {
    const b = suppressBreakdown([2, 0, 0]);
    // the total is 2 itself: primary
    expect(b.total.flag).toBe('lt3');
    const c = suppressBreakdown([1, 0], 1);
    expect(c.total.flag).toBe('lt3');
  });
  it('a gender split 2 / 300 hides both cells, the total stays', () => {
    const b = suppressBreakdown([2, 300]);
    expect(flags(b.cells)).toEqual(['lt3', 'nd']);
    expect(b.total.value).toBe(302);
  });
  it('refuses a breakdown whose cells do not add up to its total', () => {
    expect(() => suppressBreakdown([1, 2], 4)).toThrow(/incoerente/);
  });
  it('property: no suppressed cell can be recomputed from the total and the shown cells', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 8 }), (raw) => {
        const b = suppressBreakdown(raw);
        const hidden = b.cells.filter((c) => c.flag !== null).length;
        // every 1 or 2 is hidden
        raw.forEach((v, i) => {
          if (v === 1 || v === 2) expect(b.cells[i]!.flag).not.toBeNull();
          if (b.cells[i]!.flag === null) expect(b.cells[i]!.value).toBe(v);
        });
        // with a shown total, never exactly one hidden cell
        if (b.total.flag === null) expect(hidden).not.toBe(1);
      }),
    );
  });
});

describe('derived values', () => {
  it('a median of fewer than 3 people is not shown', () => {
    expect(suppressDerived(40, [], 2)).toEqual({ value: null, flag: 'nd' });
    expect(suppressDerived(40, [], 3)).toEqual({ value: 40, flag: null });
    expect(suppressDerived(null, [], 0)).toEqual({ value: null, flag: null });
    expect(suppressDerived(1000, [{ value: null, flag: 'lt3' }], 10)).toEqual({ value: null, flag: 'nd' });
  });
  it('shares and deltas need both sides shown', () => {
    expect(share({ value: 5, flag: null }, { value: 20, flag: null })).toEqual({ value: 0.25, flag: null });
    expect(share({ value: null, flag: 'lt3' }, { value: 20, flag: null }).value).toBeNull();
    expect(share({ value: 0, flag: null }, { value: 0, flag: null })).toEqual({ value: null, flag: null });
    expect(delta({ value: 5, flag: null }, { value: 3, flag: null })).toBe(2);
    expect(delta({ value: 5, flag: null }, { value: null, flag: 'lt3' })).toBeNull();
    expect(delta({ value: 5, flag: null }, null)).toBeNull();
  });
});


/** Every hidden quantity of a protected family, with what the exact attacker finds for it. */
function attack(p: LinkedProblem, status: readonly ('shown' | 'lt3' | 'nd')[], published: readonly (readonly [number, number])[]) {
  return auditLinked({ values: p.values, catSets: p.catSets, timeSets: p.timeSets, published, status });
}
const pinned = (found: Map<number, { lower: boolean; higher: boolean }>) => [...found].filter(([, r]) => !r.lower && !r.higher).map(([q]) => q);

describe('issue #11: a hidden cell is never pinned by what is published beside it', () => {
  it('the exact attacker pins the cells of yesterday’s rule (11, 4, 3, four «<3», total 22 → each is 1)', () => {
    const values = [11, 4, 3, 1, 1, 1, 1];
    const p: LinkedProblem = { values: values.map((v) => [v]), catSets: [...values.map((_, i) => [i]), values.map((_, i) => i)], timeSets: [[0]], people: true };
    const published = p.catSets.map((_, c) => [c, 0] as const);
    const oldRule = [...values.map((v) => (v < 3 ? 'lt3' : 'shown')), 'shown'] as const;
    expect(pinned(attack(p, oldRule, published))).toEqual([3, 4, 5, 6]);
  });
  it('per titolo di studio 2024: 11, 4, 3 and four people alone, total 22', () => {
    const values = [11, 4, 3, 1, 1, 1, 1];
    const b = suppressBreakdown(values);
    expect(b.total).toEqual({ value: 22, flag: null });
    expect(b.cells.filter((c) => c.flag === null).map((c) => c.value)).not.toContain(1);
    const status = [...b.cells, b.total].map((c) => c.flag ?? 'shown');
    const p: LinkedProblem = { values: values.map((v) => [v]), catSets: [...values.map((_, i) => [i]), values.map((_, i) => i)], timeSets: [[0]], people: true };
    expect(pinned(attack(p, status, p.catSets.map((_, c) => [c, 0] as const)))).toEqual([]);
  });
  it('inserimenti per mese 2023-H2: lug 3, set 1, ott 1, others 0, total 5', () => {
    const values = [3, 0, 1, 1, 0, 0];
    const b = suppressBreakdown(values);
    const status = [...b.cells, b.total].map((c) => c.flag ?? 'shown');
    expect(b.total).toEqual({ value: 5, flag: null });
    // with «<3» in set and ott, 3 + x + y = 5 gives x = y = 1: lug must go too
    expect(status.slice(0, 6)).not.toEqual(['shown', 'shown', 'lt3', 'lt3', 'shown', 'shown']);
    const p: LinkedProblem = { values: values.map((v) => [v]), catSets: [...values.map((_, i) => [i]), values.map((_, i) => i)], timeSets: [[0]], people: true };
    expect(pinned(attack(p, status, p.catSets.map((_, c) => [c, 0] as const)))).toEqual([]);
  });
  it('year − half-year: «<3» in H1, 43 in H2, 45 in the year is never published together', () => {
    // fragile (cat 0) beside the others (cat 1): 2017-H1, 2017-H2 → atoms 0, 1
    const p: LinkedProblem = { values: [[2, 43], [30, 50]], catSets: [[0], [1], [0, 1]], timeSets: [[0], [1], [0, 1]], people: true };
    const r = protectLinked(p);
    expect(r.uncertified).toEqual([]);
    expect(pinned(attack(p, r.status, r.published))).toEqual([]);
    const of = (c: number, t: number) => r.status[r.published.findIndex(([x, y]) => x === c && y === t)];
    expect(of(0, 0)).toBe('lt3');
    // the year and its second half cannot both be shown beside the hidden first half
    expect([of(0, 1), of(0, 2)]).toContain('nd');
    expect(of(2, 0)).toBe('shown');
  });
});

/** A random family: categories (with a group), half-years of one or two years, the years and the whole. */
const families = fc
  .record({
    cats: fc.integer({ min: 2, max: 4 }),
    years: fc.integer({ min: 1, max: 2 }),
    group: fc.boolean(),
    seed: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 16, maxLength: 16 }),
    small: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
  })
  .map(({ cats, years, group, seed, small }): LinkedProblem => {
    const atoms = years * 2;
    const values = Array.from({ length: cats }, (_, c) => Array.from({ length: atoms }, (_, a) => {
      const k = (c * atoms + a) % 16;
      return small[k] ? Math.min(seed[k]!, 2) : seed[k]!;
    }));
    const catSets = [...values.map((_, i) => [i]), ...(group && cats > 2 ? [[0, 1]] : []), values.map((_, i) => i)];
    const timeSets = [...Array.from({ length: atoms }, (_, a) => [a]), ...Array.from({ length: years }, (_, y) => [2 * y, 2 * y + 1]), ...(years > 1 ? [Array.from({ length: atoms }, (_, a) => a)] : [])];
    return { values, catSets, timeSets, people: true };
  });

describe('property: on random data, everything published together pins no hidden cell', () => {
  it('within one table, alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 7 }), (raw) => {
        const b = suppressBreakdown(raw);
        raw.forEach((v, i) => {
          if (v === 1 || v === 2) expect(b.cells[i]!.flag).not.toBeNull();
          if (b.cells[i]!.flag === null) expect(b.cells[i]!.value).toBe(v);
        });
        const p: LinkedProblem = { values: raw.map((v) => [v]), catSets: [...raw.map((_, i) => [i]), raw.map((_, i) => i)], timeSets: [[0]], people: true };
        const status = [...b.cells, b.total].map((c) => c.flag ?? 'shown');
        expect(pinned(attack(p, status, p.catSets.map((_, c) => [c, 0] as const)))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
  it('over half-years, years and the programme to date', () => {
    fc.assert(
      fc.property(families, (p) => {
        const r = protectLinked(p);
        expect(r.uncertified).toEqual([]);
        r.values.forEach((v, q) => {
          if (v === 1 || v === 2) expect(r.status[q]).not.toBe('shown');
        });
        // every «<3» is really 1 or 2
        r.status.forEach((s, q) => {
          if (s === 'lt3') expect([1, 2]).toContain(r.values[q]);
        });
        const found = attack(p, r.status, r.published);
        expect(pinned(found)).toEqual([]);
        // deterministic
        expect(protectLinked(p).status).toEqual(r.status);
      }),
      { numRuns: 200 },
    );
  });
  it('with a total shared by two tables, decided once and reproduced by both', () => {
    fc.assert(
      fc.property(families, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 16, maxLength: 16 }), (a, noise) => {
        // a second breakdown of the same people per atom (move some people from one category to another)
        const atoms = a.values[0]!.length;
        const totals = Array.from({ length: atoms }, (_, t) => a.values.reduce((s, row) => s + row[t]!, 0));
        const second = [0, 1].map((c) => totals.map((tot, t) => (c === 0 ? Math.min(tot, noise[t]!) : tot - Math.min(tot, noise[t]!))));
        const timeSets = a.timeSets;
        const totalFamily = protectLinked({ values: [totals], catSets: [[0]], timeSets, people: true });
        expect(totalFamily.uncertified).toEqual([]);
        const patterns = totalFamily.certificates.map((steps) => steps.map((s) => [s.atom, s.d] as const));
        const run = (values: number[][]) => {
          const catSets = [...values.map((_, i) => [i]), values.map((_, i) => i)];
          const published = catSets.flatMap((_, c) => timeSets.map((_, t) => [c, t] as const));
          const totalSet = catSets.length - 1;
          const fixed = new Map<number, 'shown' | 'lt3' | 'nd'>();
          published.forEach(([c, t], q) => {
            if (c === totalSet) fixed.set(q, totalFamily.status[t]!);
          });
          const r = protectLinked({ values, catSets, timeSets, published, people: true, fixed, realize: patterns.map((pattern) => ({ catSet: totalSet, pattern })) });
          expect(r.uncertified).toEqual([]);
          return { r, catSets, published };
        };
        const one = run(a.values);
        const two = run(second);
        // the attacker sees both tables: unknowns are both tables' atoms, linked by equal totals per atom
        const n1 = a.values.length;
        const values = [...a.values, ...second];
        const catSets = [...one.catSets.slice(0, -1), ...two.catSets.slice(0, -1).map((s) => s.map((c) => c + n1))];
        const published: (readonly [number, number])[] = [];
        const status: ('shown' | 'lt3' | 'nd')[] = [];
        one.published.forEach(([c, t], q) => {
          if (c < n1) {
            published.push([c, t]);
            status.push(one.r.status[q]!);
          }
        });
        two.published.forEach(([c, t], q) => {
          if (c < 2) {
            published.push([n1 + c, t]);
            status.push(two.r.status[q]!);
          }
        });
        // the shared total, once for each table's categories (same status)
        catSets.push(a.values.map((_, i) => i), [n1, n1 + 1]);
        timeSets.forEach((_, t) => {
          published.push([catSets.length - 2, t], [catSets.length - 1, t]);
          status.push(totalFamily.status[t]!, totalFamily.status[t]!);
        });
        // per atom, both tables count the same people
        const equal = Array.from({ length: atoms }, (_, t) => t);
        const found = auditLinked({ values, catSets, timeSets, published, status });
        const linked = auditLinkedWithEqualTotals(values, catSets, timeSets, published, status, n1, equal);
        expect(pinned(found)).toEqual([]);
        expect(linked).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

/** The attacker also knows that both tables count the same people in each atom. */
function auditLinkedWithEqualTotals(values: number[][], catSets: number[][], timeSets: number[][], published: readonly (readonly [number, number])[], status: readonly ('shown' | 'lt3' | 'nd')[], n1: number, atoms: number[]): number[] {
  // an extra published quantity per atom: first table minus second table = 0, written as two shown
  // quantities is not possible with sums only, so check each hidden cell by brute force instead
  const nAtoms = values[0]!.length;
  const cats = values.length;
  const hidden = published.map((_, q) => q).filter((q) => status[q] !== 'shown');
  const truth = published.map(([c, t]) => catSets[c]!.reduce((s, cat) => s + timeSets[t]!.reduce((x, a) => x + values[cat]![a]!, 0), 0));
  const limit = Math.max(...truth) + 1;
  const result = new Set<number>();
  const x = values.map((row) => [...row]);
  // enumerate alternative tables near the truth: ±1 on up to two cells of each table
  const ok = () => {
    for (let a = 0; a < nAtoms; a++) {
      let s1 = 0;
      let s2 = 0;
      for (let c = 0; c < cats; c++) {
        if (c < n1) s1 += x[c]![a]!;
        else s2 += x[c]![a]!;
      }
      if (s1 !== s2) return false;
    }
    return published.every(([c, t], q) => {
      const v = catSets[c]!.reduce((s, cat) => s + timeSets[t]!.reduce((y, a) => y + x[cat]![a]!, 0), 0);
      if (status[q] === 'shown') return v === truth[q];
      if (status[q] === 'lt3') return v === 1 || v === 2;
      return v >= 0 && v <= limit * 4;
    });
  };
  void atoms;
  // the certificates move at most 4 atoms of each table by ±1: search that neighbourhood
  const cells: [number, number][] = [];
  for (let c = 0; c < cats; c++) for (let a = 0; a < nAtoms; a++) cells.push([c, a]);
  const moved = new Set<number>();
  const tryMoves = (start: number, depth: number) => {
    if (ok()) {
      published.forEach(([c, t], q) => {
        if (status[q] === 'shown') return;
        const v = catSets[c]!.reduce((s, cat) => s + timeSets[t]!.reduce((y, a) => y + x[cat]![a]!, 0), 0);
        if (v !== truth[q]) moved.add(q);
      });
    }
    if (depth === 0) return;
    for (let i = start; i < cells.length; i++) {
      const [c, a] = cells[i]!;
      for (const d of [-1, 1]) {
        if (x[c]![a]! + d < 0) continue;
        x[c]![a]! += d;
        tryMoves(i + 1, depth - 1);
        x[c]![a]! -= d;
      }
    }
  };
  tryMoves(0, 4);
  for (const q of hidden) if (!moved.has(q)) result.add(q);
  return [...result];
}

describe('custom ranges', () => {
  it('are rounded to a multiple of 5, never to 0 when someone is there', () => {
    expect([0, 1, 2, 3, 7, 8, 12, 13, 101].map((v) => roundedCount(v).value)).toEqual([0, 5, 5, 5, 5, 10, 10, 15, 100]);
    expect(roundedCount(2).flag).toBeNull();
  });
});
