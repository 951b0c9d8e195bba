import { dayOf } from './dates';

export type SeedScale = 'demo' | 'real' | 'xl';

/** Everything that changes with the scale. Day numbers come from dates.ts. */
export interface ScaleConfig {
  scale: SeedScale;
  people: number;
  companies: number;
  /** Applications are spread over [periodStart, periodEnd]. */
  periodStart: number;
  periodEnd: number;
  /** The data's "today": statuses are computed against it (never the machine's clock). */
  today: number;
  /**
   * How many of the people applied in the last weeks before `today` (db/seed/recent.ts), whatever
   * the period: the cases the office is working on now.
   */
  recentApplications: number;
  /** Share of people with an earlier, closed case. */
  repeatShare: number;
  /** Mean number of interventions per case that starts a path (before the "today" cut). */
  interventionsMean: number;
  /** Pacts for this share of traineeships and placements, at most pactCap. */
  pactShare: number;
  pactCap: number;
  /** Funds after 2020 (Fondo Sociale di Comunità, Regione Emilia-Romagna). */
  laterFunds: boolean;
  /** Commitments + payments to reach exactly (amounts are then scaled down to fit); null: natural. */
  ledgerTarget: number | null;
  /** Write the assessment answers (one row per item) as well as the totals. */
  assessmentAnswers: boolean;
  /** Rows (people, cases…) per transaction, and how often progress is reported. */
  chunk: number;
}

const TODAY = dayOf('2024-12-31');

export function scaleConfig(scale: SeedScale): ScaleConfig {
  const common = {
    periodStart: dayOf('2017-06-01'),
    periodEnd: dayOf('2021-12-31'),
    today: TODAY,
    repeatShare: 0.05,
    interventionsMean: 1.7,
    pactShare: 0.6,
    pactCap: Number.MAX_SAFE_INTEGER,
    laterFunds: true,
    ledgerTarget: null,
    assessmentAnswers: true,
    chunk: 10_000,
  };
  switch (scale) {
    case 'demo':
      return { ...common, scale, people: 300, companies: 60, recentApplications: 25, laterFunds: false, chunk: 1_000 };
    case 'real':
      // DOMAIN.md §10: ~5,300 people, ~4,000 interviewed ("presi in carico"), ~1,400 placements, ~300 companies.
      return { ...common, scale, people: 5_300, companies: 300, recentApplications: 150 };
    case 'xl':
      // 20× the real programme (DOMAIN.md §10), applications up to the data's today.
      return {
        ...common,
        scale,
        people: 100_000,
        companies: 20_000,
        // the period runs to today: recent applications come with it
        recentApplications: 0,
        periodEnd: TODAY,
        interventionsMean: 8.5,
        pactCap: 30_000,
        ledgerTarget: 1_000_000,
      };
  }
}
