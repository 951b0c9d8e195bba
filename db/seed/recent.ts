import type { Rng } from './random';

/**
 * The applications of the last weeks before the data's today, in the early statuses the office works
 * on at the start of a week: new applications without an interview date, interviews fixed for the
 * next two weeks (or just past, outcome still to record), assessments waiting to be routed.
 */
export interface RecentPlan {
  status: 'iscritto' | 'colloquio_fissato' | 'valutato';
  application: number;
  /** When the interview was fixed and for when; null while «Iscritto». */
  scheduledOn: number | null;
  appointment: number | null;
  /** «Valutato»: the day of the interview and of the assessment. */
  interviewDay: number | null;
  /** Opened by Opimm: the person already has an open case when they apply again elsewhere. */
  opimm: boolean;
}

/** Applications arrive evenly over the last five weeks (the real programme: about 30 a week). */
const WINDOW_DAYS = 35;

/** What happened to an application of a given age: called, interviewed, or still waiting. */
function statusFor(rng: Rng, age: number, opimm: boolean): RecentPlan['status'] {
  const roll = rng.next();
  if (age < 7) return roll < 0.8 ? 'iscritto' : 'colloquio_fissato';
  if (opimm) return 'colloquio_fissato';
  if (age < 21) return roll < 0.15 ? 'iscritto' : roll < 0.75 ? 'colloquio_fissato' : 'valutato';
  return roll < 0.4 ? 'colloquio_fissato' : 'valutato';
}

/** How many of `count` recent applications were opened by Opimm: a couple. */
export const opimmShare = (count: number): number => (count === 0 ? 0 : Math.max(2, Math.round(count * 0.03)));

/**
 * The story of one recent application, every event on or before `today`. Interviews are 1–5 weeks
 * after the application; a fixed one is within the next two weeks or the last one (its outcome not
 * recorded yet); an assessment is at most two weeks old.
 */
export function planRecent(rng: Rng, today: number, opimm: boolean): RecentPlan {
  const application = today - rng.int(0, WINDOW_DAYS - 1);
  const status = statusFor(rng, today - application, opimm);
  const scheduledOn = application + rng.int(1, 4);
  if (status === 'iscritto') return { status, application, scheduledOn: null, appointment: null, interviewDay: null, opimm };
  if (status === 'colloquio_fissato') {
    const appointment = rng.int(Math.max(application + 7, today - 6), Math.min(application + 35, today + 14));
    return { status, application, scheduledOn: Math.min(scheduledOn, today), appointment, interviewDay: null, opimm };
  }
  const interviewDay = rng.int(Math.max(application + 7, today - 13), Math.min(application + 35, today));
  return { status, application, scheduledOn, appointment: interviewDay, interviewDay, opimm };
}
