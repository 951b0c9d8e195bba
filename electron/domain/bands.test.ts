import { describe, it, expect } from 'vitest';
import { BAND_LABELS, BANDS, DEFAULT_BAND_THRESHOLDS, bandFor, validateBandThresholds } from './bands';

describe('bandFor', () => {
  it('uses the default thresholds at the edges', () => {
    expect(bandFor(0)).toBe('forte');
    expect(bandFor(10)).toBe('forte');
    expect(bandFor(11)).toBe('target');
    expect(bandFor(30)).toBe('target');
    expect(bandFor(31)).toBe('fragile');
    expect(DEFAULT_BAND_THRESHOLDS).toEqual({ fragileAbove: 30, strongBelow: 11 });
  });

  it('uses custom thresholds', () => {
    const thresholds = { fragileAbove: 25, strongBelow: 15 };
    expect(bandFor(14, thresholds)).toBe('forte');
    expect(bandFor(15, thresholds)).toBe('target');
    expect(bandFor(25, thresholds)).toBe('target');
    expect(bandFor(26, thresholds)).toBe('fragile');
    // With the defaults the same totals fall elsewhere.
    expect(bandFor(26)).toBe('target');
  });

  it('allows a one-value target band', () => {
    const thresholds = { fragileAbove: 20, strongBelow: 20 };
    expect([19, 20, 21].map((t) => bandFor(t, thresholds))).toEqual(['forte', 'target', 'fragile']);
  });
});

describe('BAND_LABELS', () => {
  it('has an Italian label and routing for every band', () => {
    expect(BAND_LABELS.fragile.label).toBe('Persona fragile');
    expect(BAND_LABELS.target.label).toBe('Persona da accompagnare verso il lavoro');
    expect(BAND_LABELS.forte.label).toBe('Profilo forte / autonomo');
    for (const band of BANDS) expect(BAND_LABELS[band].routing).not.toBe('');
  });
});

describe('validateBandThresholds', () => {
  it('accepts the defaults and rejects unusable thresholds', () => {
    expect(validateBandThresholds(DEFAULT_BAND_THRESHOLDS)).toBeNull();
    expect(validateBandThresholds({ fragileAbove: 10, strongBelow: 20 })).toMatch(/non può superare/);
    expect(validateBandThresholds({ fragileAbove: 30.5, strongBelow: 11 })).toMatch(/interi/);
    expect(validateBandThresholds({ fragileAbove: Number.NaN, strongBelow: 11 })).toMatch(/interi/);
  });
});
