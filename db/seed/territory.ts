import { Weighted } from './random';
import type { Reference } from './reference';

export const BOLOGNA_ISTAT = '037006';

/** Approximate population in thousands by ISTAT suffix (Bologna itself is weighted apart). */
const POPULATION: Record<string, number> = {
  '032': 70, '011': 36, '054': 32, '061': 31, '053': 28, '020': 21, '060': 19, '019': 18, '008': 18, '047': 17, '037': 17,
  '021': 15, '057': 15, '039': 15, '046': 14, '024': 13, '009': 13, '001': 12, '030': 11, '042': 11, '055': 12, '050': 8,
  '056': 7, '002': 10, '005': 6, '003': 7, '017': 7, '028': 5.5, '035': 9, '038': 9, '048': 7, '052': 8.5, '034': 4.3,
  '040': 3.7, '041': 6, '062': 7, '010': 1.8, '013': 1.9, '015': 3.4, '022': 5.5, '027': 4.9, '031': 4, '033': 2.2,
  '036': 6.8, '044': 6.4, '051': 4.2, '059': 7.7, '007': 3.3, '012': 3.5, '014': 1.2, '016': 4.5, '025': 6.6, '026': 1.9, '045': 4.7,
};

/** Extra weight for the comuni with industrial and logistics areas (Interporto, airport, Imola). */
const BUSINESS_BONUS: Record<string, number> = { '005': 25, '009': 15, '019': 12, '011': 10, '032': 10, '060': 8, '030': 6, '054': 8 };

/** Domiciles: `bolognaShare` in Bologna, the rest by population. */
export function comuneWeights(ref: Reference, bolognaShare: number, business: boolean): Weighted<{ istat: string; name: string; district: string }> {
  const others = ref.comuni.filter((c) => c.istat !== BOLOGNA_ISTAT);
  const otherTotal = others.reduce((sum, c) => sum + weightOf(c.istat, business), 0);
  return new Weighted(
    ref.comuni.map((c) => [c, c.istat === BOLOGNA_ISTAT ? (otherTotal * bolognaShare) / (1 - bolognaShare) : weightOf(c.istat, business)] as const),
  );
}

function weightOf(istat: string, business: boolean): number {
  const suffix = istat.slice(3);
  return (POPULATION[suffix] ?? 2) + (business ? (BUSINESS_BONUS[suffix] ?? 0) : 0);
}

/** Italian birth places of people living around Bologna (many born in the South). */
export const ITALIAN_BIRTH_WEIGHTS: Record<string, number> = {
  A944: 45, E289: 4, F257: 3, D548: 3, H223: 2, G337: 1.5, H199: 2, D704: 1.5, H294: 1, H501: 3, F205: 2, F839: 6, L219: 1,
  G273: 5, A662: 3, D612: 1.5, C351: 3, D969: 0.8, L736: 0.5, H224: 3, B354: 1.5, E506: 2.5, D643: 3, H703: 2.5, L049: 2,
  F158: 2, L424: 0.3, L781: 0.5, G224: 0.5, A794: 0.3, B157: 0.3, A271: 0.8, G478: 0.8, C352: 2,
};

/** Landline prefix of a comune's district. */
export function landlinePrefix(district: string): string {
  if (district === 'IMO') return '0542';
  if (district === 'APP') return '0534';
  return '051';
}
