import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CASE_STATUS_LABELS, CLOSED_CASE_STATUSES, canTransition, type CaseStatus } from './caseStatus';

/** The funnel, written out independently of ALLOWED_TRANSITIONS. */
const EXPECTED: [CaseStatus, CaseStatus][] = [
  ['iscritto', 'colloquio_fissato'],
  ['iscritto', 'concluso'],
  ['colloquio_fissato', 'valutato'],
  ['colloquio_fissato', 'colloquio_fissato'],
  ['colloquio_fissato', 'concluso'],
  ['valutato', 'in_carico'],
  ['valutato', 'fuori_target'],
  ['in_carico', 'in_percorso'],
  ['in_carico', 'concluso'],
  ['in_percorso', 'concluso'],
];

describe('case status transitions', () => {
  it('allows every step of the funnel', () => {
    for (const [from, to] of EXPECTED) expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
  });

  it('refuses skipped, backward and repeated steps', () => {
    const refused: [CaseStatus, CaseStatus][] = [
      ['iscritto', 'valutato'],
      ['iscritto', 'in_carico'],
      ['iscritto', 'iscritto'],
      ['colloquio_fissato', 'in_carico'],
      ['valutato', 'concluso'],
      ['valutato', 'colloquio_fissato'],
      ['valutato', 'valutato'],
      ['in_carico', 'valutato'],
      ['in_carico', 'fuori_target'],
      ['in_percorso', 'in_carico'],
    ];
    for (const [from, to] of refused) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
  });

  it('allows nothing outside the funnel', () => {
    const allowed = new Set(EXPECTED.map(([from, to]) => `${from}>${to}`));
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
    }
  });

  it('has no way out of a closed status', () => {
    expect([...CLOSED_CASE_STATUSES].sort()).toEqual(['concluso', 'fuori_target']);
    for (const from of CLOSED_CASE_STATUSES) {
      expect(CASE_STATUSES.filter((to) => canTransition(from, to))).toEqual([]);
    }
  });

  it('labels every status in Italian', () => {
    expect(Object.keys(CASE_STATUS_LABELS).sort()).toEqual([...CASE_STATUSES].sort());
    expect(CASE_STATUS_LABELS.colloquio_fissato).toBe('Colloquio fissato');
  });
});
