import type { Band } from '../../electron/domain/bands';
import type { CaseOutcome, CaseStatus, OutOfTargetReason } from '../../electron/domain/caseStatus';
import type { AssessmentWriter } from './assessments';
import { inChunks } from './batch';
import type { CompanyRecord } from './companies';
import type { SeedContext } from './context';
import { iso, stamp, stampAt } from './dates';
import type { PersonRecord } from './people';
import { type InterventionPlan, type PathOutcome, PathPlanner } from './paths';
import { Weighted } from './random';
import type { StaffUser } from './users';
import { CARITAS_POINTS, SOCIAL_SERVICE_POINTS } from './vocabulary';

const CHANNELS = new Weighted<string>([
  ['modulo_online', 38], ['casella_mail', 22], ['caritas', 13], ['servizi_sociali', 12], ['sportello_lavoro', 7], ['opimm', 3], ['fomal', 2], ['altro', 3],
]);
const REFERRING_ORG: Record<string, string> = {
  caritas: 'caritas_bo', servizi_sociali: 'servizi_sociali', sportello_lavoro: 'sportello_lavoro', opimm: 'opimm', fomal: 'fomal',
};
/** Routing after the interview (DOMAIN.md §2: in target ~70%, strong ~22%, fragile ~8%). */
const ROUTING = new Weighted<Band>([['target', 70], ['forte', 22], ['fragile', 8]]);
/**
 * How in-target paths end. Placements are ~half of the in-target cases, i.e. ~35% of the people
 * interviewed, which the programme reports as "presi in carico" (4,012 → 1,410, DOMAIN.md §2).
 */
const PATH_OUTCOMES = new Weighted<PathOutcome>([
  ['assunto', 48], ['autoimpiego', 1.5], ['ritirato', 11], ['altro_servizio', 7], ['non_reperibile', 4.5], ['in_percorso', 22], ['in_carico', 6],
]);
/** An earlier case must be closed. */
const CLOSED_PATH_OUTCOMES = new Weighted<PathOutcome>([['assunto', 55], ['ritirato', 25], ['altro_servizio', 12], ['non_reperibile', 8]]);

interface HistoryEvent {
  to: CaseStatus;
  day: number;
  user: number | null;
  note: string | null;
}

const lastDay = (events: HistoryEvent[]): number => events[events.length - 1]?.day ?? 0;

export interface CasesResult {
  cases: number;
  interventions: InterventionPlan[];
}

export function insertCases(
  ctx: SeedContext,
  people: PersonRecord[],
  companies: CompanyRecord[],
  assessments: AssessmentWriter,
  firstCaseId: number,
): CasesResult {
  const { db, rng, cfg, staff } = ctx;
  const today = cfg.today;
  const planner = new PathPlanner(ctx, companies);
  const insertCase = db.prepare(
    `INSERT INTO cases (id, person_id, channel_code, referring_org_id, referring_point, application_date, interview_scheduled_on,
      first_interview_date, referent_user_id, status, status_date, out_of_target_reason, outcome, closed_on, no_show_count, created_at,
      updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHistory = db.prepare(
    'INSERT INTO case_status_history (case_id, from_status, to_status, changed_on, changed_at, user_id, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertNoShow = db.prepare('INSERT INTO case_no_shows (case_id, scheduled_on, recorded_at, user_id, note) VALUES (?, ?, ?, ?, ?)');

  const interventions: InterventionPlan[] = [];
  const opimmOperators = staff.operators.filter((u) => u.orgCode === 'opimm');
  let caseId = firstCaseId;

  /** Plans and writes one case; returns its closing day and outcome, or null if it is still open. */
  const writeCase = (
    personIndex: number,
    person: PersonRecord,
    application: number,
    mustClose: boolean,
    repeatHire: boolean,
  ): { closedOn: number; outcome: CaseOutcome | null } | null => {
    const id = caseId++;
    const recent = person.recent;
    const channel = recent?.opimm ? 'opimm' : CHANNELS.pick(rng);
    const orgCode = REFERRING_ORG[channel];
    const point = channel === 'caritas' ? rng.pick(CARITAS_POINTS) : channel === 'servizi_sociali' ? rng.pick(SOCIAL_SERVICE_POINTS) : null;
    const reception: StaffUser = rng.pick(recent?.opimm ? opimmOperators : staff.operators);
    const referent: StaffUser = rng.pick(staff.referents);

    // The planned story; events after "today" are cut below.
    const events: HistoryEvent[] = [{ to: 'iscritto', day: application, user: reception.id, note: recent?.opimm ? 'Domanda raccolta allo sportello Opimm' : null }];
    const noShows: number[] = [];
    let appointment: number | null = null;
    let interviewDay: number | null = null;
    let band: Band | null = null;
    let outcome: CaseOutcome | null = null;
    let outOfTarget: OutOfTargetReason | null = null;
    let closeDay: number | null = null;

    const schedule = (missed: number) => {
      events.push({ to: 'colloquio_fissato', day: application + rng.int(1, 5), user: reception.id, note: null });
      appointment = application + rng.int(7, 35);
      for (let k = 0; k < missed; k++) {
        noShows.push(appointment);
        events.push({ to: 'colloquio_fissato', day: appointment, user: reception.id, note: 'Mancata presentazione: nuovo appuntamento' });
        appointment += rng.int(7, 14);
      }
    };

    const interviewed = !person.outsideMetro && rng.chance(0.75);
    if (person.outsideMetro) {
      closeDay = application + rng.int(3, 15);
      outcome = 'altro_servizio';
      events.push({ to: 'concluso', day: closeDay, user: reception.id, note: 'Domicilio fuori dalla Città metropolitana' });
    } else if (recent) {
      // not routed yet: after the assessment the case waits for «in carico» or «fuori target»
      if (recent.scheduledOn !== null) events.push({ to: 'colloquio_fissato', day: recent.scheduledOn, user: reception.id, note: null });
      appointment = recent.appointment;
      if (recent.interviewDay !== null) {
        interviewDay = recent.interviewDay;
        band = ROUTING.pick(rng);
        events.push({ to: 'valutato', day: interviewDay, user: referent.id, note: null });
      }
    } else if (!interviewed) {
      const nearPeriodEnd = application > cfg.periodEnd - 45;
      if (nearPeriodEnd && !mustClose && rng.chance(0.8)) {
        if (rng.chance(0.6)) schedule(rng.chance(0.2) ? 1 : 0);
      } else {
        const roll = rng.next();
        if (roll < 0.4) {
          schedule(rng.int(1, 3));
          closeDay = (appointment ?? application) + rng.int(10, 30);
          outcome = 'non_reperibile';
        } else if (roll < 0.85) {
          if (rng.chance(0.45)) schedule(0);
          closeDay = Math.max(application + rng.int(3, 40), (appointment ?? application) - rng.int(1, 5));
          outcome = 'ritirato';
        } else {
          closeDay = application + rng.int(3, 20);
          outcome = 'altro_servizio';
        }
        closeDay = Math.max(closeDay, lastDay(events) + 1);
        events.push({ to: 'concluso', day: closeDay, user: reception.id, note: outcome === 'altro_servizio' ? 'Già in carico a un’altra misura di politica attiva' : null });
      }
    } else {
      schedule(rng.chance(0.12) ? rng.int(1, 2) : 0);
      interviewDay = appointment ?? application + 14;
      band = ROUTING.pick(rng);
      events.push({ to: 'valutato', day: interviewDay, user: referent.id, note: null });
      if (band !== 'target') {
        outOfTarget = band === 'forte' ? 'profilo_forte' : 'fragile';
        closeDay = interviewDay;
        events.push({
          to: 'fuori_target', day: interviewDay, user: referent.id,
          note: band === 'forte' ? 'Indirizzato alle associazioni datoriali' : 'Inviato all’équipe multiprofessionale L.R. 14/2015',
        });
      } else {
        const takenDay = interviewDay + rng.int(0, 10);
        events.push({ to: 'in_carico', day: takenDay, user: referent.id, note: null });
        if (takenDay <= today) {
          const pathOutcome = (mustClose ? CLOSED_PATH_OUTCOMES : PATH_OUTCOMES).pick(rng);
          const path = planner.plan({ caseId: id, personIndex, takenDay, outcome: pathOutcome, repeatHire });
          for (const iv of path.interventions) interventions.push(iv);
          if (path.firstStart !== null) events.push({ to: 'in_percorso', day: path.firstStart, user: referent.id, note: null });
          if (path.closeDay !== null) {
            closeDay = path.closeDay;
            outcome = pathOutcome as CaseOutcome;
            events.push({ to: 'concluso', day: closeDay, user: referent.id, note: null });
          }
        }
      }
    }

    // Apply the story up to "today" (statuses never run ahead of the data's today).
    let applied = 0;
    while (applied < events.length && (events[applied] as HistoryEvent).day <= today) applied++;
    const current = events[applied - 1] as HistoryEvent;
    const status = current.to;
    const statusDay = current.day;
    const closed = status === 'concluso' || status === 'fuori_target';
    const wasInterviewed = interviewDay !== null && interviewDay <= today;
    const noShowCount = noShows.filter((day) => day <= today).length;
    const scheduledOn: number | null = status === 'iscritto' ? null : appointment;
    insertCase.run(
      id, person.id, channel, orgCode ? ctx.ref.orgId(orgCode) : null, point, iso(application), scheduledOn === null ? null : iso(scheduledOn),
      wasInterviewed && interviewDay !== null ? iso(interviewDay) : null, wasInterviewed ? referent.id : null, status, iso(statusDay),
      closed ? outOfTarget : null, closed ? outcome : null, closed && closeDay !== null ? iso(closeDay) : null, noShowCount,
      stamp(application, id * 11), stamp(statusDay, id * 11 + 1),
    );
    for (let k = 0; k < applied; k++) {
      const e = events[k] as HistoryEvent;
      insertHistory.run(id, k === 0 ? null : (events[k - 1] as HistoryEvent).to, e.to, iso(e.day), stampAt(e.day, 8 + k, id * 13 + k), e.user, e.note);
    }
    noShows.slice(0, noShowCount).forEach((day, k) => insertNoShow.run(id, iso(day), stamp(day, id * 17 + k), reception.id, 'Non si è presentato al colloquio'));
    if (wasInterviewed && interviewDay !== null && band !== null) {
      assessments.write(rng, id, person.id, iso(interviewDay), referent.id, band, stamp(interviewDay, id * 19));
    }
    return closed ? { closedOn: statusDay, outcome: status === 'concluso' ? outcome : null } : null;
  };

  inChunks(
    db,
    people.length,
    cfg.chunk,
    (i) => {
      const person = people[i] as PersonRecord;
      if (person.repeat) {
        // An earlier, closed case, then a new application (never two open cases).
        const first = writeCase(i, person, person.firstApplication, true, false);
        const second = first === null ? null : first.closedOn + rng.int(60, 600);
        if (first !== null && second !== null && second <= cfg.periodEnd && second <= today) {
          writeCase(i, person, second, false, first.outcome === 'assunto');
        }
        return;
      }
      writeCase(i, person, person.firstApplication, false, false);
    },
    (done) => ctx.progress.update('Prese in carico', done, people.length),
  );
  return { cases: caseId - firstCaseId, interventions };
}
