import { canSeePersonalData, type Role } from '../contract/roles';

/**
 * Field-level personal data (DOMAIN.md §11), the one module that says which fields of what leaves the
 * services are personal or sensitive, and who sees them: the roles that work on the cases
 * (contract/roles.ts PERSONAL_DATA_ROLES). Every service that returns such a record passes it through
 * `redact`; lists, searches and exports that change shape ask `seesPersonalData`.
 */
export const PERSONAL_FIELDS = {
  /** a person (detail, list row, duplicate summary): identifiers, contacts, address, birth */
  person: ['taxCode', 'taxCodeMissingReason', 'phone', 'email', 'domicileStreet', 'domicileNumber', 'birthPlaceCode', 'birthPlaceName', 'birthDate', 'privacyMissingReason'],
  /** an intervention: why it stopped, the notes, the trainee's condition */
  intervention: ['outcome', 'notes', 'traineeCategory'],
  /** a pact: the person's birth and domicile as printed on the form */
  pact: ['personBirthPlace', 'personBirthDate', 'personCity', 'personStreet', 'personNumber'],
  /** an assessment: the answers and the assessor's notes */
  assessment: ['answers', 'notes'],
  /** an assessment in the person page's list: where the case was routed */
  assessmentSummary: ['routing'],
  /** a document: the note written when it was attached */
  document: ['note'],
} as const;
export type PersonalKind = keyof typeof PERSONAL_FIELDS;
type FieldsOf<K extends PersonalKind> = (typeof PERSONAL_FIELDS)[K][number];

/** Who looks: a ServiceContext, or what a worker knows of the caller. */
export interface Viewer {
  readonly caller: { readonly role: Role | null };
}

/** Whether the caller sees personal data; nobody does before login. */
export function seesPersonalData(ctx: Viewer): boolean {
  return ctx.caller.role !== null && canSeePersonalData(ctx.caller.role);
}

/**
 * The record as the caller may see it: the personal fields of its kind set to null for callers who may
 * not see them; `personalDataHidden`, when the record has it, says which is the case so the UI can
 * tell "hidden" from "missing".
 */
export function redact<K extends PersonalKind, T extends Partial<Record<FieldsOf<K>, unknown>> & { personalDataHidden?: boolean }>(ctx: Viewer, kind: K, row: T): T {
  const sees = seesPersonalData(ctx);
  // no copy when nothing changes: lists and exports pass every row through here
  if (sees && row.personalDataHidden !== true) return row;
  const copy: Record<string, unknown> = { ...row };
  if ('personalDataHidden' in copy) copy.personalDataHidden = !sees;
  if (!sees) for (const field of PERSONAL_FIELDS[kind]) if (field in copy) copy[field] = null;
  return copy as T;
}
