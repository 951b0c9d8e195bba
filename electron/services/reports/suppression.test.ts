import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { delta, share, suppressBreakdown, suppressCount, suppressDerived, suppressHierarchy, suppressSubtotal } from './suppression';

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

describe('subtotals and derived values', () => {
  it('a subtotal with exactly one hidden cell inside is hidden', () => {
    const raw = [50, 2, 30, 5]; // target, fragile, forte, waiting
    const b = suppressBreakdown(raw);
    expect(flags(b.cells)).toEqual([null, 'lt3', null, 'nd']);
    // fuori target = fragile + forte: one hidden cell inside → hidden
    expect(suppressSubtotal(raw, b, [1, 2])).toEqual({ value: null, flag: 'nd' });
    // both hidden cells inside, none outside → shown (it only tells their sum, known anyway)
    expect(suppressSubtotal(raw, b, [1, 3])).toEqual({ value: 7, flag: null });
    // nothing hidden inside but one outside? not possible here with two hidden; a clean breakdown:
    const clean = [10, 20, 30];
    expect(suppressSubtotal(clean, suppressBreakdown(clean), [0, 1])).toEqual({ value: 30, flag: null });
  });
  it('a small subtotal is hidden as <3', () => {
    const raw = [1, 1, 30];
    const b = suppressBreakdown(raw);
    expect(suppressSubtotal(raw, b, [0, 1])).toEqual({ value: null, flag: 'lt3' });
  });
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

describe('nested breakdowns (districts and their comuni)', () => {
  it('a hidden district keeps a hidden comune, so its comuni do not add up to it', () => {
    // districts: A = 8 (one comune), B = 3 (one comune), C = 2 (two comuni 1 + 1)
    const h = suppressHierarchy([[8, 0], [3], [1, 1]]);
    expect(flags(h.parents.cells)).toEqual([null, 'nd', 'lt3']);
    expect(h.children[1]).toEqual([{ value: null, flag: 'nd' }]);
    expect(flags(h.children[2]!)).toEqual(['lt3', 'lt3']);
    expect(h.children[0]).toEqual([{ value: 8, flag: null }, { value: 0, flag: null }]);
  });
  it('a shown district never has exactly one hidden comune', () => {
    const h = suppressHierarchy([[2, 10, 20], [40]]);
    expect(flags(h.children[0]!)).toEqual(['lt3', 'nd', null]);
    expect(h.parents.cells[0]).toEqual({ value: 32, flag: null });
  });
  it('a district whose only other comuni are empty is hidden, and so is another district', () => {
    const h = suppressHierarchy([[2, 0, 40], [30], [50]]);
    // comune 2 hidden; the only other positive comune (40) hidden too, so the district (42) can stay
    expect(flags(h.children[0]!)).toEqual(['lt3', null, 'nd']);
    expect(h.parents.cells[0]!.flag).toBeNull();
    const k = suppressHierarchy([[2, 0], [30], [50]]);
    // nothing else to hide in the district: the district goes, then the smallest other district
    expect(flags(k.parents.cells)).toEqual(['lt3', 'nd', null]);
    expect(k.children[1]!.map((c) => c.flag)).toEqual(['nd']);
  });
  it('property: neither level recomputes a hidden cell of the other', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (groups) => {
        const h = suppressHierarchy(groups);
        groups.forEach((g, k) => {
          const hiddenChildren = h.children[k]!.filter((c) => c.flag !== null).length;
          const positive = g.filter((v) => v > 0).length;
          g.forEach((v, i) => {
            if (v === 1 || v === 2) expect(h.children[k]![i]!.flag).not.toBeNull();
          });
          if (h.parents.cells[k]!.flag === null) expect(hiddenChildren).not.toBe(1);
          else if (positive > 0) expect(hiddenChildren).toBeGreaterThan(0);
        });
        if (h.parents.total.flag === null) expect(h.parents.cells.filter((c) => c.flag !== null).length).not.toBe(1);
      }),
    );
  });
});
