/**
 * L.R. 14/2015 (Emilia-Romagna) bands for the fragility assessment total:
 * only the middle band is taken in charge, the others are routed elsewhere.
 */

export const BANDS = ['fragile', 'target', 'forte'] as const;
export type Band = (typeof BANDS)[number];

/** Settings: total > fragileAbove is 'fragile', total < strongBelow is 'forte', anything between is 'target'. */
export type BandThresholds = { fragileAbove: number; strongBelow: number };

export const DEFAULT_BAND_THRESHOLDS: BandThresholds = { fragileAbove: 30, strongBelow: 11 };

export const BAND_LABELS: Record<Band, { label: string; routing: string }> = {
  fragile: {
    label: 'Persona fragile',
    routing: 'Inviare all’équipe multiprofessionale L.R. 14/2015',
  },
  target: {
    label: 'Persona da accompagnare verso il lavoro',
    routing: 'Prendere in carico la persona',
  },
  forte: {
    label: 'Profilo forte / autonomo',
    routing: 'Indirizzare alle associazioni datoriali',
  },
};

export function bandFor(total: number, thresholds: BandThresholds = DEFAULT_BAND_THRESHOLDS): Band {
  if (total > thresholds.fragileAbove) return 'fragile';
  if (total < thresholds.strongBelow) return 'forte';
  return 'target';
}

/** Checks thresholds entered in the settings; returns an Italian message, or null when they are usable. */
export function validateBandThresholds(thresholds: BandThresholds): string | null {
  const { fragileAbove, strongBelow } = thresholds;
  if (!Number.isSafeInteger(fragileAbove) || !Number.isSafeInteger(strongBelow)) {
    return 'Le soglie devono essere numeri interi';
  }
  // Otherwise the 'target' band would be empty.
  if (strongBelow > fragileAbove) {
    return 'La soglia del profilo forte non può superare quella della fragilità';
  }
  return null;
}
