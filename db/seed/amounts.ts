/**
 * Integer-cents arithmetic for the seed's budgets: no float ever holds an amount. Products that
 * could pass 2^53 go through BigInt.
 */

/** floor(a / b) for non-negative safe integers, exactly. */
export function intDiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/** floor(a × b / c) for non-negative safe integers, exactly. */
export function mulDiv(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return intDiv(product, c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * Splits `total` into parts proportional to integer `weights`; the rounding remainder goes to the
 * part at `remainderIndex`, so the parts always add up to `total` exactly.
 */
export function splitByWeights(total: number, weights: readonly number[], remainderIndex = 0): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const parts = weights.map((w) => mulDiv(total, w, sum));
  const rest = total - parts.reduce((a, p) => a + p, 0);
  parts[remainderIndex] = (parts[remainderIndex] ?? 0) + rest;
  return parts;
}
