/**
 * The statuses of a case (presa in carico) and the transitions allowed between them.
 * iscritto → colloquio fissato → valutato → in carico | fuori target → in percorso → concluso.
 */
export const CASE_STATUSES = ['iscritto', 'colloquio_fissato', 'valutato', 'in_carico', 'fuori_target', 'in_percorso', 'concluso'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  iscritto: 'Iscritto',
  colloquio_fissato: 'Colloquio fissato',
  valutato: 'Valutato',
  in_carico: 'In carico',
  fuori_target: 'Fuori target',
  in_percorso: 'In percorso',
  concluso: 'Concluso',
};

/** A case in one of these statuses is closed: the person may then open a new one. */
export const CLOSED_CASE_STATUSES: readonly CaseStatus[] = ['fuori_target', 'concluso'];

export const ALLOWED_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  iscritto: ['colloquio_fissato', 'concluso'],
  colloquio_fissato: ['valutato', 'colloquio_fissato', 'concluso'],
  valutato: ['in_carico', 'fuori_target'],
  in_carico: ['in_percorso', 'concluso'],
  in_percorso: ['concluso'],
  fuori_target: [],
  concluso: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export const CASE_OUTCOMES = ['assunto', 'autoimpiego', 'ritirato', 'non_reperibile', 'altro_servizio'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  assunto: 'Assunto',
  autoimpiego: 'Autoimpiego',
  ritirato: 'Ritirato',
  non_reperibile: 'Non più reperibile',
  altro_servizio: 'Inviato ad altro servizio',
};

export const OUT_OF_TARGET_REASONS = ['fragile', 'profilo_forte'] as const;
export type OutOfTargetReason = (typeof OUT_OF_TARGET_REASONS)[number];
export const OUT_OF_TARGET_LABELS: Record<OutOfTargetReason, string> = {
  fragile: 'Persona fragile (équipe L.R. 14)',
  profilo_forte: 'Profilo forte (associazioni di categoria)',
};
