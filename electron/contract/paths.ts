import { z } from 'zod';
import { method } from './define';
import { ANY_ROLE, CASE_WRITERS } from './roles';
import { cents, id, isoDate, optionalText } from './common';
import {
  CONTRACT_TYPES,
  HIRE_KINDS,
  INSTRUMENTS,
  INTERVENTION_STATUSES,
  REPAYMENT_STATUSES,
  TRAINEE_CATEGORIES,
  type ContractType,
  type HireKind,
  type Instrument,
  type InterventionStatus,
  type Placement,
  type RepaymentStatus,
  type TraineeCategory,
} from '../domain/paths';
import type { CaseStatus } from '../domain/caseStatus';

/**
 * Percorsi: the interventions of each case by instrument (electron/domain/paths.ts has the rules).
 * Interventions are read by every role (names only); the trainee's condition, the outcome and the
 * notes are personal data.
 */

const optionalDate = isoDate.nullish().transform((v) => v ?? null);
const optionalInt = (label: string, max: number) =>
  z
    .number({ error: `${label}: indicare un numero` })
    .int(`${label}: indicare un numero intero`)
    .min(0, `${label}: non può essere negativo`)
    .max(max, `${label}: al massimo ${max}`)
    .nullish()
    .transform((v) => v ?? null);
const optionalCents = cents.nullish().transform((v) => v ?? null);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .enum(values, { error: message })
    .nullish()
    .transform((v) => v ?? null);

/**
 * The editable data of an intervention. Only the fields of its instrument are kept (the others are
 * stored empty); money in cents, dates 'YYYY-MM-DD'.
 */
export const interventionFields = z.object({
  /** inserimento, tirocinio: the company; autoimpiego: the tutor company */
  companyId: id.nullish().transform((v) => v ?? null),
  startDate: optionalDate,
  endDate: optionalDate,
  outcome: optionalText(500),
  notes: optionalText(2000),
  // inserimento
  contractType: optionalEnum(CONTRACT_TYPES, 'Tipo di contratto non valido'),
  hireKind: optionalEnum(HIRE_KINDS, 'Tipo di inserimento non valido'),
  weeklyHours: optionalInt('Ore settimanali', 168),
  // tirocinio
  tutorName: optionalText(120),
  monthlyIndemnityCents: optionalCents,
  months: optionalInt('Durata in mesi', 60),
  inclusiveTraineeship: z.boolean().default(false),
  traineeCategory: optionalEnum(TRAINEE_CATEGORIES, 'Condizione non valida'),
  // formazione
  courseName: optionalText(200),
  providerOrgId: id.nullish().transform((v) => v ?? null),
  courseHours: optionalInt('Ore del corso', 5000),
  completed: z.boolean().nullish().transform((v) => v ?? null),
  certificate: optionalText(200),
  // autoimpiego
  businessIdea: optionalText(500),
  grantCents: optionalCents,
  // credito
  lender: optionalText(200),
  loanCents: optionalCents,
  repaymentStatus: optionalEnum(REPAYMENT_STATUSES, 'Stato del rimborso non valido'),
  // pon
  projectName: optionalText(200),
  projectRole: optionalText(120),
});
export type InterventionFields = z.input<typeof interventionFields>;

export interface InterventionView {
  id: number;
  caseId: number;
  personId: number;
  personName: string;
  instrumentCode: Instrument;
  instrumentName: string;
  companyId: number | null;
  companyName: string | null;
  needId: number | null;
  needRole: string | null;
  status: InterventionStatus;
  startDate: string | null;
  endDate: string | null;
  /** null to roles that may not see personal data (it may tell why a path stopped) */
  outcome: string | null;
  notes: string | null;
  contractType: ContractType | null;
  hireKind: HireKind | null;
  weeklyHours: number | null;
  tutorName: string | null;
  monthlyIndemnityCents: number | null;
  months: number | null;
  inclusiveTraineeship: boolean;
  /** null to roles that may not see personal data */
  traineeCategory: TraineeCategory | null;
  courseName: string | null;
  providerOrgId: number | null;
  providerName: string | null;
  courseHours: number | null;
  completed: boolean | null;
  certificate: string | null;
  businessIdea: string | null;
  grantCents: number | null;
  lender: string | null;
  loanCents: number | null;
  repaymentStatus: RepaymentStatus | null;
  projectName: string | null;
  projectRole: string | null;
  /** Hires and traineeships that started: days from the case's first interview to the start. */
  daysFromFirstInterview: number | null;
  /** Patti per il buon lavoro made for this intervention. */
  pacts: { id: number; number: string; status: string }[];
  createdAt: string;
  updatedAt: string;
  personalDataHidden: boolean;
}

export interface PersonPath {
  /** The open case (the only one that can get new interventions), if any. */
  openCase: { id: number; status: CaseStatus; firstInterviewDate: string | null } | null;
  /** An Italian sentence when no intervention can be added, e.g. the case is not taken in charge yet. */
  cannotAdd: string | null;
  /** Days from the first interview of the open (else latest) case to its placement. */
  placement: Placement | null;
  /** The first interview the placement figure counts from. */
  firstInterviewDate: string | null;
  /** Every intervention of every case of the person, newest first. */
  interventions: InterventionView[];
}

export interface InterventionListRow {
  id: number;
  personId: number;
  personName: string;
  instrumentCode: Instrument;
  instrumentName: string;
  companyId: number | null;
  companyName: string | null;
  status: InterventionStatus;
  startDate: string | null;
  endDate: string | null;
  /** A short description: contract type, indemnity, course, project… */
  detail: string | null;
  daysFromFirstInterview: number | null;
}
export interface InterventionsPage {
  rows: InterventionListRow[];
  total: number;
}

export const interventionsFilter = z
  .object({
    instruments: z.array(z.enum(INSTRUMENTS)).default([]),
    statuses: z.array(z.enum(INTERVENTION_STATUSES)).default([]),
    /** One company (links from the company page). */
    companyId: id.nullish().transform((v) => v ?? null),
    /** A fragment of the company's name. */
    company: z.string().trim().max(80).default(''),
    /** Interventions under way in the period: started by `to` and not ended before `from`. */
    from: optionalDate,
    to: optionalDate,
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.to >= f.from, { message: 'La fine del periodo non può precedere l’inizio', path: ['to'] });
export type InterventionsFilter = z.input<typeof interventionsFilter>;

export const pathsContract = {
  'paths.list': method<InterventionsPage>()({
    summary: 'Elenco degli interventi di tutte le persone, filtrato per strumento, stato, azienda e periodo; i più recenti prima.',
    input: z
      .object({
        filter: interventionsFilter.prefault({}),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(10).max(200).default(50),
      })
      .strict(),
    roles: ANY_ROLE,
  }),
  'paths.forPerson': method<PersonPath>()({
    summary: 'Il percorso di una persona: gli interventi di tutti i suoi casi, i giorni dal primo colloquio all’inserimento, se se ne possono aggiungere.',
    input: z.object({ personId: id }).strict(),
    roles: ANY_ROLE,
  }),
  'paths.get': method<InterventionView>()({ summary: 'Un intervento.', input: z.object({ id }).strict(), roles: ANY_ROLE }),
  'paths.create': method<InterventionView>()({
    summary:
      'Aggiunge un intervento al caso aperto (in carico o in percorso) di una persona: strumento, dati dello strumento; nasce «proposto», ' +
      'oppure «attivo» se è già iniziato.',
    input: interventionFields
      .extend({
        caseId: id,
        instrumentCode: z.enum(INSTRUMENTS, { error: 'Indicare lo strumento' }),
        needId: id.nullish().transform((v) => v ?? null),
        status: z.enum(['proposto', 'attivo']).default('proposto'),
      })
      .strict(),
    roles: CASE_WRITERS,
  }),
  'paths.update': method<InterventionView>()({
    summary: 'Modifica i dati di un intervento (lo strumento e lo stato non cambiano qui).',
    input: interventionFields.extend({ id }).strict(),
    roles: CASE_WRITERS,
  }),
  'paths.transition': method<InterventionView>()({
    summary:
      'Cambia lo stato di un intervento: avvio (la data è l’inizio), conclusione o interruzione (la data è la fine, con l’esito). ' +
      'Il primo avvio porta il caso «in carico» a «in percorso».',
    input: z
      .object({
        id,
        to: z.enum(['attivo', 'concluso', 'interrotto'], { error: 'Stato non valido' }),
        date: isoDate,
        outcome: optionalText(500),
      })
      .strict(),
    roles: CASE_WRITERS,
  }),
};
