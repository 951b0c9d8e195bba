import { z } from 'zod';
import { method } from './define';
import { ADMIN_ONLY, ANY_ROLE, CASE_COORDINATORS, CASE_WRITERS, PERSONAL_DATA_ROLES } from './roles';
import { id, isoDate, noInput } from './common';
import { CASE_OUTCOMES, CASE_STATUSES, OUT_OF_TARGET_REASONS } from '../domain/caseStatus';
import type { Band, BandThresholds } from '../domain/bands';
import type { CaseView } from './people';

/**
 * Cases (prese in carico) and the L.R. 14/2015 assessment. A case moves only along the allowed
 * transitions (electron/domain/caseStatus.ts), each dated, by whom, with a note. Taking in charge and
 * routing out of target (and assessing) are for coordinators.
 */
const note = z
  .string()
  .trim()
  .max(2000, 'Nota troppo lunga')
  .nullish()
  .transform((v) => (v ? v : null));

/** The questionnaire, as data: dimensions, items, options with points. */
export const templateDefinition = z.object({
  dimensions: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9_]+$/),
        label: z.string().min(1),
        items: z
          .array(
            z.object({
              code: z.string().regex(/^[a-z0-9_]+$/),
              text: z.string().min(1),
              options: z.array(z.object({ code: z.string().min(1), label: z.string().min(1), points: z.number().int().min(0).max(100) })).min(2),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type TemplateDefinition = z.infer<typeof templateDefinition>;

export interface AssessmentTemplate {
  id: number;
  code: string;
  version: number;
  title: string;
  definition: TemplateDefinition;
  thresholds: BandThresholds;
  createdAt: string;
}

export interface AssessmentDetail {
  id: number;
  caseId: number;
  personId: number;
  assessedOn: string;
  assessorName: string | null;
  /** the questionnaire version the assessment was made with, so its answers read with that version's texts */
  template: { id: number; version: number; title: string; definition: TemplateDefinition };
  totalPoints: number;
  band: Band;
  thresholds: BandThresholds;
  routing: string | null;
  notes: string | null;
  /** null to roles that may not see sensitive data */
  answers: { itemCode: string; optionCode: string; points: number }[] | null;
}

export const casesContract = {
  'cases.create': method<CaseView>()({
    summary: 'Apre una presa in carico per una persona (al massimo una aperta per persona).',
    input: z
      .object({
        personId: id,
        channelCode: z.string().min(1, 'Indicare il canale di accesso'),
        referringOrgId: id.nullish().transform((v) => v ?? null),
        referringPoint: z.string().trim().max(200).nullish().transform((v) => v || null),
        applicationDate: isoDate,
        referentUserId: id.nullish().transform((v) => v ?? null),
        note,
      })
      .strict(),
    roles: CASE_WRITERS,
  }),
  'cases.update': method<CaseView>()({
    summary: 'Cambia referente, ente o punto inviante di un caso.',
    input: z
      .object({
        caseId: id,
        referentUserId: id.nullish(),
        referringOrgId: id.nullish(),
        referringPoint: z.string().trim().max(200).nullish(),
      })
      .strict(),
    roles: CASE_WRITERS,
  }),
  'cases.transition': method<CaseView>()({
    summary:
      'Porta un caso a un nuovo stato, se la transizione è ammessa: colloquio fissato (con la data del colloquio), in carico, fuori target (con il motivo), in percorso, concluso (con l’esito).',
    input: z
      .object({
        caseId: id,
        to: z.enum(CASE_STATUSES, { error: 'Stato non valido' }),
        date: isoDate,
        note,
        interviewOn: isoDate.nullish(),
        outOfTargetReason: z.enum(OUT_OF_TARGET_REASONS).nullish(),
        outcome: z.enum(CASE_OUTCOMES).nullish(),
      })
      .strict(),
    roles: CASE_WRITERS,
  }),
  'cases.recordNoShow': method<CaseView>()({
    summary: 'Registra che la persona non si è presentata al colloquio fissato.',
    input: z.object({ caseId: id, scheduledOn: isoDate, note }).strict(),
    roles: CASE_WRITERS,
  }),
  'assessments.template': method<AssessmentTemplate>()({ summary: 'Il questionario L.R. 14/2015 in vigore (ultima versione) e le soglie delle fasce.', input: noInput, roles: PERSONAL_DATA_ROLES }),
  'assessments.templateVersions': method<{ id: number; version: number; title: string; createdAt: string; active: boolean }[]>()({
    summary: 'Le versioni del questionario.',
    input: noInput,
    roles: ADMIN_ONLY,
  }),
  'assessments.saveTemplate': method<AssessmentTemplate>()({
    summary: 'Salva il questionario modificato come nuova versione (le valutazioni passate restano legate alla loro versione).',
    input: z.object({ title: z.string().trim().min(1).max(200), definition: templateDefinition }).strict(),
    roles: ADMIN_ONLY,
  }),
  'assessments.create': method<AssessmentDetail>()({
    summary: 'Registra la valutazione di un caso: risposte, totale, fascia e versione del questionario; il caso passa a «valutato».',
    input: z
      .object({
        caseId: id,
        templateId: id,
        assessedOn: isoDate,
        answers: z.array(z.object({ itemCode: z.string().min(1), optionCode: z.string().min(1) })).min(1, 'Rispondere al questionario'),
        notes: note,
      })
      .strict(),
    roles: CASE_COORDINATORS,
  }),
  'assessments.get': method<AssessmentDetail>()({ summary: 'Una valutazione con le risposte (solo ai ruoli che seguono i casi).', input: z.object({ id }).strict(), roles: ANY_ROLE }),
};
