/**
 * Paths (percorsi): the interventions a case gets, one per instrument (DOMAIN.md §3), their statuses
 * and the rules on their data. Pure functions shared by the services and the renderer.
 */

export const INSTRUMENTS = ['inserimento', 'tirocinio', 'autoimpiego', 'credito', 'formazione', 'pon'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** Short Italian names, for lists and buttons (the reference table holds the long ones). */
export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  inserimento: 'Inserimento lavorativo',
  tirocinio: 'Tirocinio',
  autoimpiego: 'Autoimpiego',
  credito: 'Microcredito',
  formazione: 'Formazione',
  pon: 'Progetto PON',
};
/** "Proponi tirocinio", "Proponi inserimento"… */
export const INSTRUMENT_PROPOSE: Record<Instrument, string> = {
  inserimento: 'Proponi inserimento',
  tirocinio: 'Proponi tirocinio',
  autoimpiego: 'Proponi autoimpiego',
  credito: 'Proponi microcredito',
  formazione: 'Proponi formazione',
  pon: 'Proponi progetto PON',
};

export const INTERVENTION_STATUSES = ['proposto', 'attivo', 'concluso', 'interrotto'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
export const INTERVENTION_STATUS_LABELS: Record<InterventionStatus, string> = {
  proposto: 'Proposto',
  attivo: 'Attivo',
  concluso: 'Concluso',
  interrotto: 'Interrotto',
};

/** proposto → attivo → concluso | interrotto, and proposto → interrotto (a proposal that never started). */
export const INTERVENTION_TRANSITIONS: Record<InterventionStatus, readonly InterventionStatus[]> = {
  proposto: ['attivo', 'interrotto'],
  attivo: ['concluso', 'interrotto'],
  concluso: [],
  interrotto: [],
};
export function canTransitionIntervention(from: InterventionStatus, to: InterventionStatus): boolean {
  return INTERVENTION_TRANSITIONS[from].includes(to);
}
/** The button that moves an intervention to a status. */
export const INTERVENTION_ACTION_LABELS: Record<Exclude<InterventionStatus, 'proposto'>, string> = {
  attivo: 'Avvia',
  concluso: 'Concludi',
  interrotto: 'Interrompi',
};

export const CONTRACT_TYPES = ['indeterminato', 'determinato', 'apprendistato', 'intermittente', 'somministrazione'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  indeterminato: 'Tempo indeterminato',
  determinato: 'Tempo determinato',
  apprendistato: 'Apprendistato',
  intermittente: 'A chiamata / intermittente',
  somministrazione: 'Somministrazione',
};

/** Whether a hire is the person's first job through the programme, a new contract or an extension. */
export const HIRE_KINDS = ['primo', 'nuovo_contratto', 'proroga'] as const;
export type HireKind = (typeof HIRE_KINDS)[number];
export const HIRE_KIND_LABELS: Record<HireKind, string> = {
  primo: 'Primo inserimento nel programma',
  nuovo_contratto: 'Nuovo contratto',
  proroga: 'Proroga',
};

export const REPAYMENT_STATUSES = ['regolare', 'in ritardo', 'estinto', 'insoluto'] as const;
export type RepaymentStatus = (typeof REPAYMENT_STATUSES)[number];
export const REPAYMENT_STATUS_LABELS: Record<RepaymentStatus, string> = {
  regolare: 'Rimborso regolare',
  'in ritardo': 'Rimborso in ritardo',
  estinto: 'Prestito estinto',
  insoluto: 'Insoluto',
};

// ---- traineeships (tirocini) --------------------------------------------------------------------

/** Emilia-Romagna minimum monthly indemnity of a traineeship: € 450,00. */
export const TRAINEESHIP_MIN_INDEMNITY_CENTS = 45_000;

/**
 * The trainee's condition that sets the longest traineeship. Neither the people nor the cases tables
 * record a disability or a disadvantaged status (the L.R. 14/2015 band measures fragility, not the
 * legal status, and the assessment answers are versioned free data), so the coordinator declares it
 * on the traineeship, as on the traineeship agreement (column interventions.trainee_category, migration
 * 007). No value counts as 'ordinario'. It is health-related data: shown only to the roles that see
 * personal data.
 */
export const TRAINEE_CATEGORIES = ['ordinario', 'svantaggiato', 'disabile'] as const;
export type TraineeCategory = (typeof TRAINEE_CATEGORIES)[number];
export const TRAINEE_CATEGORY_LABELS: Record<TraineeCategory, string> = {
  ordinario: 'Nessuna condizione particolare (massimo 6 mesi)',
  svantaggiato: 'Persona svantaggiata (massimo 12 mesi)',
  disabile: 'Persona con disabilità (massimo 24 mesi)',
};
const CATEGORY_MAX_MONTHS: Record<TraineeCategory, number> = { ordinario: 6, svantaggiato: 12, disabile: 24 };
/** Inclusive traineeships (DGR 1143/2019) last up to 24 months. */
export const INCLUSIVE_MAX_MONTHS = 24;

/** The longest traineeship allowed: 6 months, 12 for disadvantaged people, 24 for people with disability or inclusive ones. */
export function traineeshipMaxMonths(category: TraineeCategory | null, inclusive: boolean): number {
  return Math.max(CATEGORY_MAX_MONTHS[category ?? 'ordinario'], inclusive ? INCLUSIVE_MAX_MONTHS : 0);
}

// ---- dates --------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `from` to `to` ('YYYY-MM-DD'); negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** The same day `months` months later, clamped to the month's end (31/01 + 1 month = 28 or 29/02). */
export function addMonthsIso(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return isoOf(Date.UTC(y, m, Math.min(d, lastDay)));
}

export function addDaysIso(iso: string, days: number): string {
  return isoOf(utc(iso) + days * DAY_MS);
}

/** The last day of a traineeship of `months` months starting on `start` (start 01/03, 6 months: 31/08). */
export function lastDayAfterMonths(start: string, months: number): string {
  return addDaysIso(addMonthsIso(start, months), -1);
}

// ---- the rules ----------------------------------------------------------------------------------

/** The data of one intervention the rules look at (money in cents, dates 'YYYY-MM-DD'). */
export interface InterventionData {
  instrument: Instrument;
  status: InterventionStatus;
  companyId: number | null;
  startDate: string | null;
  endDate: string | null;
  outcome: string | null;
  contractType: ContractType | null;
  hireKind: HireKind | null;
  weeklyHours: number | null;
  tutorName: string | null;
  monthlyIndemnityCents: number | null;
  months: number | null;
  inclusiveTraineeship: boolean;
  traineeCategory: TraineeCategory | null;
  courseName: string | null;
  courseHours: number | null;
  completed: boolean | null;
  certificate: string | null;
  businessIdea: string | null;
  grantCents: number | null;
  lender: string | null;
  loanCents: number | null;
  projectName: string | null;
}

export type FieldErrors = Record<string, string>;

/**
 * The traineeship rules: the monthly indemnity is at least € 450 unless the traineeship is inclusive
 * (DGR 1143/2019); the length (in months, and from start to end date) is at most 6 months, 12 for
 * disadvantaged people, 24 for people with disability and for inclusive traineeships.
 */
export function checkTraineeship(t: Pick<InterventionData, 'monthlyIndemnityCents' | 'inclusiveTraineeship' | 'months' | 'traineeCategory' | 'startDate' | 'endDate'>): FieldErrors {
  const errors: FieldErrors = {};
  if (t.monthlyIndemnityCents !== null) {
    if (t.monthlyIndemnityCents < 0) errors.monthlyIndemnityCents = 'L’indennità non può essere negativa';
    else if (t.monthlyIndemnityCents < TRAINEESHIP_MIN_INDEMNITY_CENTS && !t.inclusiveTraineeship) {
      errors.monthlyIndemnityCents =
        'L’indennità mensile di un tirocinio in Emilia-Romagna è di almeno € 450,00: un importo inferiore è ammesso solo per un tirocinio di inclusione (DGR 1143/2019)';
    }
  }
  const max = traineeshipMaxMonths(t.traineeCategory, t.inclusiveTraineeship);
  const why = t.inclusiveTraineeship
    ? 'per un tirocinio di inclusione'
    : t.traineeCategory === 'disabile'
      ? 'per una persona con disabilità'
      : t.traineeCategory === 'svantaggiato'
        ? 'per una persona svantaggiata'
        : 'salvo persone svantaggiate (12), con disabilità o tirocini di inclusione (24)';
  if (t.months !== null) {
    if (t.months < 1) errors.months = 'La durata deve essere di almeno un mese';
    else if (t.months > max) errors.months = `Un tirocinio dura al massimo ${max} mesi ${why}`;
  }
  if (t.startDate && t.endDate && t.endDate >= t.startDate) {
    const last = lastDayAfterMonths(t.startDate, max);
    if (t.endDate > last) errors.endDate = `Un tirocinio dura al massimo ${max} mesi ${why}: con questo inizio deve finire entro il ${italian(last)}`;
  }
  return errors;
}

function italian(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** What an intervention needs before it can start (status 'attivo'), per instrument: a proposal may still lack it. */
function checkReadyToStart(d: InterventionData, errors: FieldErrors): void {
  if (!d.startDate) errors.startDate = 'Indicare la data di inizio';
  switch (d.instrument) {
    case 'inserimento':
      if (!d.contractType) errors.contractType = 'Indicare il tipo di contratto';
      if (!d.hireKind) errors.hireKind = 'Indicare se è il primo inserimento, un nuovo contratto o una proroga';
      break;
    case 'tirocinio':
      if (d.monthlyIndemnityCents === null) errors.monthlyIndemnityCents = 'Indicare l’indennità mensile';
      if (!d.tutorName) errors.tutorName = 'Indicare il tutor aziendale';
      if (d.months === null && !d.endDate) errors.months = 'Indicare la durata in mesi o la data di fine';
      break;
    case 'formazione':
      if (!d.courseName) errors.courseName = 'Indicare il corso';
      break;
    case 'autoimpiego':
      if (!d.businessIdea) errors.businessIdea = 'Descrivere l’idea d’impresa';
      break;
    case 'credito':
      if (!d.lender) errors.lender = 'Indicare l’ente che concede il prestito';
      break;
    case 'pon':
      if (!d.projectName) errors.projectName = 'Indicare il progetto';
      break;
  }
}

/**
 * Every rule on an intervention's data, for its current status. Returns the Italian message per field
 * (empty when all is well). `today` is 'YYYY-MM-DD'.
 */
export function checkIntervention(d: InterventionData, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (d.startDate && d.endDate && d.endDate < d.startDate) errors.endDate = 'La data di fine non può precedere quella di inizio';
  switch (d.instrument) {
    case 'inserimento':
      if (d.companyId === null) errors.companyId = 'Indicare l’azienda che assume';
      if (d.weeklyHours !== null && (d.weeklyHours < 1 || d.weeklyHours > 48)) errors.weeklyHours = 'Le ore settimanali vanno da 1 a 48';
      break;
    case 'tirocinio':
      if (d.companyId === null) errors.companyId = 'Indicare l’azienda ospitante';
      Object.assign(errors, { ...checkTraineeship(d), ...errors });
      break;
    case 'formazione':
      if (d.courseHours !== null && d.courseHours < 1) errors.courseHours = 'Le ore del corso devono essere almeno una';
      if (d.certificate && d.completed === false) errors.certificate = 'Un attestato si indica solo per un corso completato';
      break;
    case 'autoimpiego':
      if (d.grantCents !== null && d.grantCents < 0) errors.grantCents = 'Il contributo non può essere negativo';
      break;
    case 'credito':
      if (d.loanCents !== null && d.loanCents <= 0) errors.loanCents = 'L’importo del prestito deve essere maggiore di zero';
      break;
    case 'pon':
      break;
  }
  if (d.status !== 'proposto' && !(d.status === 'interrotto' && !d.startDate)) {
    checkReadyToStart(d, errors);
    if (d.startDate && d.startDate > today) errors.startDate = 'Un intervento avviato non può iniziare nel futuro';
  }
  if (d.status === 'concluso' || d.status === 'interrotto') {
    if (!d.endDate) errors.endDate = 'Indicare la data di fine';
    else if (d.endDate > today) errors.endDate = 'La data di fine di un intervento chiuso non può essere nel futuro';
    if (!d.outcome) errors.outcome = 'Indicare l’esito';
  }
  return errors;
}

// ---- days from the first interview to the placement ----------------------------------------------

export interface PlacementCandidate {
  id: number;
  instrument: Instrument;
  status: InterventionStatus;
  startDate: string | null;
}
export interface Placement {
  interventionId: number;
  instrument: 'inserimento' | 'tirocinio';
  startDate: string;
  days: number;
}

/**
 * Days from the case's first interview to its placement: the start of the first hire that started
 * (not a mere proposal), or, without a hire, of the first traineeship that started. Null without a
 * first interview or a placement.
 */
export function daysToPlacement(firstInterviewDate: string | null, interventions: readonly PlacementCandidate[]): Placement | null {
  if (!firstInterviewDate) return null;
  const started = interventions.filter((i) => i.status !== 'proposto' && i.startDate !== null);
  const first = (instrument: 'inserimento' | 'tirocinio') =>
    started.filter((i) => i.instrument === instrument).sort((a, b) => (a.startDate as string).localeCompare(b.startDate as string) || a.id - b.id)[0];
  const placement = first('inserimento') ?? first('tirocinio');
  if (!placement) return null;
  const startDate = placement.startDate as string;
  return { interventionId: placement.id, instrument: placement.instrument as 'inserimento' | 'tirocinio', startDate, days: daysBetween(firstInterviewDate, startDate) };
}

// ---- matching -------------------------------------------------------------------------------------

/** Weights of the matching score (out of 100). */
export const MATCH_WEIGHTS = { skills: 50, district: 20, ready: 20, experience: 10 } as const;

/**
 * A person is ready for work when the latest L.R. 14/2015 assessment is in the lower half of the
 * target band (with the default thresholds 11–30: 20 points or less); the upper half needs more
 * accompanying (training, orientation) first.
 */
export function isJobReady(totalPoints: number | null, thresholds: { strongBelow: number; fragileAbove: number }): boolean {
  if (totalPoints === null) return false;
  return totalPoints <= Math.floor((thresholds.strongBelow + thresholds.fragileAbove) / 2);
}

export interface MatchFacts {
  /** need skills the person has, and how many the need lists */
  matchedSkills: number;
  needSkills: number;
  sameDistrict: boolean;
  ready: boolean;
  experienceInRole: boolean;
}

/** The matching score, 0–100: the share of the need's skills, the district, readiness, experience in the role. */
export function matchScore(f: MatchFacts): number {
  const skills = f.needSkills > 0 ? (MATCH_WEIGHTS.skills * Math.min(f.matchedSkills, f.needSkills)) / f.needSkills : 0;
  return Math.round(skills + (f.sameDistrict ? MATCH_WEIGHTS.district : 0) + (f.ready ? MATCH_WEIGHTS.ready : 0) + (f.experienceInRole ? MATCH_WEIGHTS.experience : 0));
}

/** "3 competenze su 4: magazzino, muletto, logistica" */
export function skillsReason(matched: readonly string[], needSkills: number): string {
  const noun = matched.length === 1 ? 'competenza' : 'competenze';
  return `${matched.length} ${noun} su ${needSkills}${matched.length > 0 ? `: ${matched.join(', ')}` : ''}`;
}
