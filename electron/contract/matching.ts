import { z } from 'zod';
import { method } from './define';
import { CASE_WRITERS, PERSONAL_DATA_ROLES } from './roles';
import { id } from './common';
import type { Instrument } from '../domain/paths';
import type { CaseStatus } from '../domain/caseStatus';
import type { InterventionView } from './paths';

/**
 * Matching people in target with companies' needs: candidates for a need, needs for a person, with
 * the reasons; a match becomes a proposed intervention in one click. For the roles that work on the
 * cases.
 */
export interface MatchReason {
  text: string;
  /** true: speaks for the match; false: against it (shown dimmed) */
  positive: boolean;
}
export interface MatchCandidate {
  personId: number;
  personName: string;
  comune: string | null;
  district: string | null;
  caseId: number;
  caseStatus: CaseStatus;
  score: number;
  matchedSkills: string[];
  reasons: MatchReason[];
}
export interface MatchNeed {
  id: number;
  companyId: number;
  companyName: string;
  companyCity: string;
  role: string;
  positions: number;
  instrumentCode: Instrument;
  instrumentName: string;
  periodFrom: string | null;
  periodTo: string | null;
  requirements: string | null;
  skills: string[];
  /** The need's district, else the company seat's. */
  districtCode: string | null;
  districtName: string | null;
  status: 'aperto' | 'in_corso' | 'chiuso' | 'annullato';
  /** Interventions proposed or under way for this need. */
  proposals: number;
}
export interface NeedMatches {
  need: MatchNeed;
  /** Best first, at most `limit`. */
  candidates: MatchCandidate[];
  /** Everyone who fits, before the limit. */
  total: number;
}
export interface PersonNeedMatch {
  need: MatchNeed;
  score: number;
  matchedSkills: string[];
  reasons: MatchReason[];
  /** An intervention already made for this need (proposed or active). */
  existingInterventionId: number | null;
}
export interface PersonMatches {
  /** Why nothing can be proposed to the person now (no open case…), or null. */
  cannotPropose: string | null;
  needs: PersonNeedMatch[];
}

export const matchingContract = {
  'matching.need': method<NeedMatches>()({
    summary:
      'Le persone in target (caso in carico o in percorso, fascia L.R. 14 «da accompagnare», nessun intervento attivo) adatte a un fabbisogno, ' +
      'ordinate per punteggio, con i motivi.',
    input: z.object({ needId: id, limit: z.number().int().min(1).max(200).default(50) }).strict(),
    roles: PERSONAL_DATA_ROLES,
  }),
  'matching.person': method<PersonMatches>()({
    summary: 'I fabbisogni aperti adatti a una persona (competenze in comune, distretto), ordinati per punteggio.',
    input: z.object({ personId: id, limit: z.number().int().min(1).max(50).default(10) }).strict(),
    roles: PERSONAL_DATA_ROLES,
  }),
  'matching.propose': method<InterventionView>()({
    summary: 'Da un abbinamento: crea l’intervento «proposto» per la persona, con l’azienda, lo strumento e il fabbisogno.',
    input: z.object({ needId: id, personId: id }).strict(),
    roles: CASE_WRITERS,
  }),
};
