import { z } from 'zod';
import { method } from './define';
import { ADMIN_ONLY, ANY_ROLE, CASE_COORDINATORS, PERSONAL_DATA_ROLES } from './roles';
import { id, isoDate, noInput, note } from './common';
import type { Band, BandThresholds } from '../domain/bands';

/**
 * The L.R. 14/2015 assessment of a case: the questionnaire (versioned; an assessment keeps the
 * version it was made with), the answers, the total and the band. Assessing is for coordinators;
 * the answers and notes are sensitive data.
 */

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

export interface AssessmentView {
  id: number;
  caseId: number;
  assessedOn: string;
  assessorName: string | null;
  totalPoints: number;
  band: Band;
  templateVersion: number;
  routing: string | null;
}

export const assessmentsContract = {
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
