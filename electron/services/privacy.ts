import { AppError } from '../contract/errors';
import { canSeePersonalData, ROLE_LABELS, type Role } from '../contract/roles';

/** The personal-data fields of a person (DOMAIN.md §11): shown only to roles that work on the cases. */
export const PERSONAL_FIELDS = ['taxCode', 'taxCodeMissingReason', 'phone', 'email', 'domicileStreet', 'domicileNumber', 'birthPlaceCode', 'birthPlaceName', 'birthDate'] as const;
type PersonalField = (typeof PERSONAL_FIELDS)[number];

/**
 * Returns the object with its personal-data fields set to null when the role may not see them.
 * The one place where this rule is applied to data leaving the services.
 */
export function hidePersonalData<T extends Partial<Record<PersonalField, unknown>>>(row: T, role: Role): T {
  if (canSeePersonalData(role)) return row;
  const copy = { ...row };
  for (const field of PERSONAL_FIELDS) if (field in copy) (copy as Record<string, unknown>)[field] = null;
  return copy;
}

/** The list columns that are personal data: ordering by one would reveal it (who is older than whom). */
const PERSONAL_ORDERINGS: Partial<Record<string, string>> = { birthDate: 'la data di nascita' };

/** Refuses to order a list by a field the role may not see. */
export function refuseHiddenOrdering(column: string, role: Role): void {
  const field = PERSONAL_ORDERINGS[column];
  if (field && !canSeePersonalData(role)) {
    throw new AppError('FORBIDDEN', `Il ruolo «${ROLE_LABELS[role]}» non vede ${field}: non può ordinare l’elenco per questo campo`);
  }
}
