import { z } from 'zod';
import { method } from './define';
import { CASE_COORDINATORS, CASE_WRITERS } from './roles';
import { id, isoDate, note } from './common';
import { CASE_OUTCOMES, CASE_STATUSES, OUT_OF_TARGET_REASONS } from '../domain/caseStatus';
import type { CaseOutcome, CaseStatus, OutOfTargetReason } from '../domain/caseStatus';

/**
 * Cases (prese in carico). A case moves only along the allowed transitions
 * (electron/domain/caseStatus.ts), each dated, by whom, with a note. Taking in charge and routing out
 * of target are for coordinators (CASE_ROUTING_STATUSES).
 */



export interface CaseView {
  id: number;
  channelCode: string;
  channelName: string;
  referringOrgId: number | null;
  referringOrgName: string | null;
  referringPoint: string | null;
  applicationDate: string;
  interviewScheduledOn: string | null;
  firstInterviewDate: string | null;
  referentUserId: number | null;
  referentName: string | null;
  status: CaseStatus;
  statusDate: string;
  outOfTargetReason: OutOfTargetReason | null;
  outcome: CaseOutcome | null;
  closedOn: string | null;
  noShowCount: number;
}

/** How a case is opened: the access channel, who sent the person, the application date, the referent. */
export const caseOpeningFields = {
  channelCode: z.string().min(1, 'Indicare il canale di accesso'),
  referringOrgId: id.nullish().transform((v) => v ?? null),
  referringPoint: z.string().trim().max(200).nullish().transform((v) => v || null),
  applicationDate: isoDate,
  referentUserId: id.nullish().transform((v) => v ?? null),
  note,
};

/** The statuses that route a case (take it in charge, or declare it out of target): for coordinators. */
export const CASE_ROUTING_STATUSES: readonly CaseStatus[] = ['in_carico', 'fuori_target'];

export const casesContract = {
  'cases.create': method<CaseView>()({
    summary: 'Apre una presa in carico per una persona (al massimo una aperta per persona).',
    input: z.object({ personId: id, ...caseOpeningFields }).strict(),
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
    rolesFor: (input) =>
      CASE_ROUTING_STATUSES.includes(input.to)
        ? { roles: CASE_COORDINATORS, message: 'Solo un coordinatore può prendere in carico un caso o dichiararlo fuori target' }
        : null,
  }),
  'cases.recordNoShow': method<CaseView>()({
    summary: 'Registra che la persona non si è presentata al colloquio fissato.',
    input: z.object({ caseId: id, scheduledOn: isoDate, note }).strict(),
    roles: CASE_WRITERS,
  }),
};
