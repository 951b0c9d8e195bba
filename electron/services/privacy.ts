import { canSeePersonalData, type Role } from '../contract/roles';

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
