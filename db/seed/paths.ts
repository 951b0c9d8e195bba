import { inChunks } from './batch';
import type { CompanyRecord } from './companies';
import type { SeedContext } from './context';
import { addMonths, dayOf, iso, stamp } from './dates';
import { Weighted, type Rng } from './random';
import { BUSINESS_IDEAS, COURSES, LENDERS, PON_PROJECTS } from './vocabulary';

export type Instrument = 'inserimento' | 'tirocinio' | 'autoimpiego' | 'credito' | 'formazione' | 'pon';
export type InterventionStatus = 'proposto' | 'attivo' | 'concluso' | 'interrotto';
/** How an in-target case is meant to end (before the "today" cut). */
export type PathOutcome = 'assunto' | 'autoimpiego' | 'ritirato' | 'altro_servizio' | 'non_reperibile' | 'in_percorso' | 'in_carico';

/** One planned intervention; `id` is set when it is written. */
export interface InterventionPlan {
  id: number;
  caseId: number;
  personIndex: number;
  instrument: Instrument;
  companyIndex: number | null;
  needId: number | null;
  status: InterventionStatus;
  start: number;
  end: number | null;
  /** Planned to stop early (traineeships, courses). */
  interrupted: boolean;
  outcome: string | null;
  contractType: string | null;
  hireKind: string | null;
  weeklyHours: number | null;
  tutorName: string | null;
  indemnityCents: number | null;
  months: number | null;
  /** Months actually done, for an interrupted traineeship. */
  monthsDone: number | null;
  inclusive: number | null;
  courseName: string | null;
  providerCode: string | null;
  courseHours: number | null;
  certificate: string | null;
  businessIdea: string | null;
  grantCents: number | null;
  lender: string | null;
  loanCents: number | null;
  projectName: string | null;
  projectRole: string | null;
}

const NON_FINAL = new Weighted<Instrument>([['tirocinio', 62], ['formazione', 25], ['pon', 5], ['credito', 3], ['inserimento', 5]]);
const TRAINEESHIP_MONTHS = new Weighted<number>([[2, 10], [3, 25], [4, 20], [5, 10], [6, 35]]);
const INDEMNITY = new Weighted<number>([[45000, 50], [50000, 30], [55000, 10], [60000, 10]]);
const CONTRACTS = new Weighted<string>([['indeterminato', 23], ['determinato', 45], ['apprendistato', 12], ['intermittente', 8], ['somministrazione', 12]]);
const HIRE_KINDS = new Weighted<string>([['primo', 82], ['nuovo_contratto', 11], ['proroga', 7]]);
const DGR_1143 = dayOf('2019-11-01');

export interface PathRequest {
  caseId: number;
  personIndex: number;
  takenDay: number;
  outcome: PathOutcome;
  /** The person was placed before (earlier case): the hire is a new contract or an extension. */
  repeatHire: boolean;
}

export interface PathResult {
  interventions: InterventionPlan[];
  /** Day the case ends with the planned outcome, or null when it is still open at "today". */
  closeDay: number | null;
  /** First intervention start on or before "today", if any. */
  firstStart: number | null;
}

export class PathPlanner {
  private readonly companyPicker: Weighted<number> | null;

  constructor(
    private readonly ctx: SeedContext,
    private readonly companies: CompanyRecord[],
  ) {
    this.companyPicker = companies.length > 0 ? new Weighted(companies.map((c, i) => [i, c.weight] as const)) : null;
  }

  /** How many interventions a case gets, within the time it has before "today". */
  private count(rng: Rng, takenDay: number): number {
    const mean = this.ctx.cfg.interventionsMean;
    const drawn = mean < 2 ? rng.pick([1, 1, 1, 1, 1, 2, 2, 2, 3, 3]) : rng.int(1, Math.max(1, Math.round(2 * mean - 1)));
    return Math.max(1, Math.min(drawn, 1 + Math.floor((this.ctx.cfg.today - takenDay) / 100)));
  }

  plan(request: PathRequest): PathResult {
    const { rng, cfg } = this.ctx;
    const { outcome, takenDay } = request;
    const today = cfg.today;
    const planned: InterventionPlan[] = [];
    let closeDay: number | null = null;

    if (outcome === 'in_carico') {
      // Still waiting for a path: recent ones may already have one proposed.
      if (takenDay > today - 90 && rng.chance(0.5)) planned.push(this.build(request, 'tirocinio', Math.max(takenDay + 10, today + rng.int(5, 45)), false, null));
    } else {
      const total = this.count(rng, takenDay);
      const final: Instrument | null = outcome === 'assunto' ? 'inserimento' : outcome === 'autoimpiego' ? 'autoimpiego' : null;
      const closing = outcome !== 'in_percorso';
      // Some withdraw before any intervention starts.
      const preceding = final ? total - 1 : closing && rng.chance(0.3) ? 0 : total;
      let cursor = takenDay + rng.int(14, 60);
      let hired = false;
      for (let k = 0; k < preceding; k++) {
        // An open path's latest intervention is a current one.
        if (outcome === 'in_percorso' && k === preceding - 1) cursor = Math.max(cursor, today - rng.int(0, 200));
        const instrument = NON_FINAL.pick(rng);
        const iv = this.build(request, instrument, cursor, false, null);
        if (instrument === 'inserimento') hired = true;
        planned.push(iv);
        // Credit is granted and the path moves on while it is repaid.
        const busyUntil = instrument === 'credito' ? iv.start + rng.int(30, 90) : (iv.end ?? iv.start);
        cursor = busyUntil + rng.int(7, 45);
      }
      if (final) {
        const last = planned[planned.length - 1];
        const start = last ? (last.instrument === 'tirocinio' && last.end !== null ? last.end + rng.int(1, 20) : cursor) : takenDay + rng.int(10, 90);
        const previousHost = last && last.instrument === 'tirocinio' && !last.interrupted && rng.chance(0.6) ? last.companyIndex : null;
        const iv = this.build(request, final, start, true, previousHost);
        // First hire through the programme, or a new contract / an extension for people hired before.
        if (final === 'inserimento') iv.hireKind = request.repeatHire || hired ? (rng.chance(0.6) ? 'nuovo_contratto' : 'proroga') : HIRE_KINDS.pick(rng);
        planned.push(iv);
        closeDay = start;
      } else if (closing) {
        const last = planned[planned.length - 1];
        closeDay = last ? (last.end ?? last.start) + rng.int(0, 45) : takenDay + rng.int(20, 120);
      }
    }

    // The "today" cut: what starts later is at most one proposed intervention; statuses follow dates.
    const interventions: InterventionPlan[] = [];
    let firstStart: number | null = null;
    for (const iv of planned) {
      if (iv.start > today) {
        iv.status = 'proposto';
        iv.outcome = null;
        interventions.push(iv);
        break;
      }
      firstStart ??= iv.start;
      if (iv.end === null || iv.end >= today) {
        iv.status = 'attivo';
        iv.outcome = null;
        if (iv.instrument === 'formazione') iv.certificate = null;
      } else {
        iv.status = iv.interrupted ? 'interrotto' : 'concluso';
      }
      interventions.push(iv);
    }
    if (closeDay !== null && closeDay > today) closeDay = null;
    return { interventions, closeDay, firstStart };
  }

  private pickCompany(instrument: Instrument): { companyIndex: number | null; needId: number | null } {
    if (!this.companyPicker) return { companyIndex: null, needId: null };
    const companyIndex = this.companyPicker.pick(this.ctx.rng);
    const needs = this.companies[companyIndex]?.needs.filter((n) => n.instrument === instrument) ?? [];
    const needId = needs.length > 0 && this.ctx.rng.chance(0.5) ? this.ctx.rng.pick(needs).id : null;
    return { companyIndex, needId };
  }

  /** One intervention starting on `start`; a final hire may go to the host of the last traineeship. */
  private build(request: PathRequest, instrument: Instrument, start: number, final: boolean, host: number | null): InterventionPlan {
    const { rng, faker } = this.ctx;
    const iv: InterventionPlan = {
      id: 0, caseId: request.caseId, personIndex: request.personIndex, instrument, companyIndex: null, needId: null, status: 'proposto',
      start, end: null, interrupted: false, outcome: null, contractType: null, hireKind: null, weeklyHours: null, tutorName: null,
      indemnityCents: null, months: null, monthsDone: null, inclusive: null, courseName: null, providerCode: null, courseHours: null,
      certificate: null, businessIdea: null, grantCents: null, lender: null, loanCents: null, projectName: null, projectRole: null,
    };
    switch (instrument) {
      case 'tirocinio': {
        Object.assign(iv, this.pickCompany('tirocinio'));
        const inclusive = start >= DGR_1143 && rng.chance(0.06);
        const months = inclusive || rng.chance(0.04) ? 12 : TRAINEESHIP_MONTHS.pick(rng);
        iv.months = months;
        iv.inclusive = inclusive ? 1 : 0;
        iv.indemnityCents = INDEMNITY.pick(rng);
        iv.tutorName = `${faker.person.firstName()} ${faker.person.lastName()}`;
        iv.interrupted = rng.chance(0.1);
        iv.monthsDone = iv.interrupted ? rng.int(1, months - 1) : months;
        iv.end = addMonths(start, iv.monthsDone) - 1;
        iv.outcome = iv.interrupted
          ? rng.pick(['Interrotto per rinuncia del tirocinante', 'Interrotto per motivi di salute', 'Interrotto dall’azienda'])
          : rng.pick(['Tirocinio completato', 'Completato con valutazione positiva', 'Completato: proposta di assunzione']);
        break;
      }
      case 'inserimento': {
        if (host !== null) {
          iv.companyIndex = host;
        } else {
          Object.assign(iv, this.pickCompany('inserimento'));
        }
        // A non-final hire is a short contract that ended; the final one follows the programme's mix.
        const contract = final ? CONTRACTS.pick(rng) : rng.pick(['determinato', 'somministrazione', 'intermittente']);
        iv.contractType = contract;
        iv.hireKind = request.repeatHire ? 'nuovo_contratto' : 'primo';
        iv.weeklyHours = rng.chance(0.6) ? 40 : rng.pick([20, 24, 30, 36]);
        iv.end =
          contract === 'indeterminato'
            ? null
            : contract === 'apprendistato'
              ? addMonths(start, 36) - 1
              : contract === 'somministrazione'
                ? addMonths(start, rng.int(1, 6)) - 1
                : addMonths(start, rng.int(3, 12)) - 1;
        iv.outcome = 'Contratto concluso';
        break;
      }
      case 'formazione': {
        const course = rng.pick(COURSES);
        iv.courseName = course.name;
        iv.providerCode = course.provider;
        iv.courseHours = rng.int(course.hours[0], course.hours[1]);
        iv.end = start + Math.ceil(iv.courseHours / (iv.courseHours >= 400 ? 25 : 20)) * 7;
        iv.interrupted = rng.chance(0.12);
        iv.certificate = iv.interrupted ? null : course.certificate;
        iv.outcome = iv.interrupted ? 'Corso non completato' : 'Corso completato';
        break;
      }
      case 'pon': {
        const project = rng.pick(PON_PROJECTS);
        iv.projectName = project.name;
        iv.projectRole = rng.pick(project.roles);
        iv.end = addMonths(start, rng.int(6, 12)) - 1;
        iv.outcome = 'Progetto concluso';
        break;
      }
      case 'credito': {
        iv.lender = rng.pick(LENDERS);
        iv.loanCents = rng.int(3, 50) * 50000;
        iv.end = addMonths(start, rng.int(12, 36));
        break;
      }
      case 'autoimpiego': {
        if (rng.chance(0.5)) iv.companyIndex = this.pickCompany('autoimpiego').companyIndex;
        iv.businessIdea = rng.pick(BUSINESS_IDEAS);
        iv.grantCents = rng.int(30, 80) * 10000;
        iv.end = addMonths(start, 12) - 1;
        iv.outcome = 'Impresa avviata';
        break;
      }
    }
    return iv;
  }
}

/** Repayment status of a loan at "today". */
function repaymentStatus(rng: Rng, iv: InterventionPlan, today: number): string | null {
  if (iv.instrument !== 'credito' || iv.status === 'proposto') return null;
  if (iv.end !== null && iv.end < today) return rng.chance(0.85) ? 'estinto' : 'insoluto';
  return rng.chance(0.8) ? 'regolare' : 'in ritardo';
}

/** Writes the planned interventions (assigning their ids). */
export function insertInterventions(
  ctx: SeedContext,
  plans: InterventionPlan[],
  people: readonly { id: number }[],
  companies: CompanyRecord[],
  firstId: number,
): void {
  const { db, rng, cfg, ref } = ctx;
  const insert = db.prepare(
    `INSERT INTO interventions (id, case_id, person_id, instrument_code, company_id, need_id, status, start_date, end_date, outcome,
      contract_type, hire_kind, weekly_hours, tutor_name, monthly_indemnity_cents, months, inclusive_traineeship, course_name,
      provider_org_id, course_hours, completed, certificate, business_idea, grant_cents, lender, loan_cents, repayment_status,
      project_name, project_role, notes, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  inChunks(
    db,
    plans.length,
    cfg.chunk,
    (i) => {
      const iv = plans[i] as InterventionPlan;
      iv.id = firstId + i;
      const company = iv.companyIndex === null ? null : companies[iv.companyIndex];
      const done = iv.status === 'concluso' || iv.status === 'interrotto';
      const completed = iv.instrument === 'formazione' && done ? (iv.interrupted ? 0 : 1) : null;
      const createdAt = stamp(iv.start - rng.int(3, 30), iv.id * 31);
      const updatedAt = done && iv.end !== null ? stamp(iv.end, iv.id * 37) : createdAt;
      insert.run(
        iv.id, iv.caseId, people[iv.personIndex]?.id, iv.instrument, company ? company.id : null, iv.needId, iv.status, iso(iv.start),
        iv.end === null ? null : iso(iv.end), done ? iv.outcome : null, iv.contractType, iv.hireKind, iv.weeklyHours, iv.tutorName,
        iv.indemnityCents, iv.months, iv.inclusive, iv.courseName, iv.providerCode ? ref.orgId(iv.providerCode) : null, iv.courseHours,
        completed, iv.certificate, iv.businessIdea, iv.grantCents, iv.lender, iv.loanCents, repaymentStatus(rng, iv, cfg.today),
        iv.projectName, iv.projectRole, null, createdAt, updatedAt,
      );
    },
    (done) => ctx.progress.update('Percorsi', done, plans.length),
  );
}
