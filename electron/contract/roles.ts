/** The five roles of IXL Desk. Role checks live in one place: the dispatch (electron/api/dispatch.ts). */
export const ROLES = ['amministratore', 'coordinatore', 'operatore', 'finanza', 'sola_lettura'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  amministratore: 'Amministratore',
  coordinatore: 'Coordinatore',
  operatore: 'Operatore',
  finanza: 'Finanza',
  sola_lettura: 'Sola lettura',
};

/** Every logged-in role. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** Roles that may write case data. */
export const CASE_WRITERS: readonly Role[] = ['amministratore', 'coordinatore', 'operatore'];
/** Roles that assess, route (in carico / fuori target) and merge people: coordinators, not operators. */
export const CASE_COORDINATORS: readonly Role[] = ['amministratore', 'coordinatore'];
/**
 * Roles that see a person's personal data (codice fiscale, phone, email, address) and the sensitive
 * ones (assessment answers, notes): those who work on the cases. Finance and read-only users see names only.
 */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['amministratore', 'coordinatore', 'operatore'];
export function canSeePersonalData(role: Role): boolean {
  return PERSONAL_DATA_ROLES.includes(role);
}
/** Roles that may write money. */
export const MONEY_WRITERS: readonly Role[] = ['amministratore', 'finanza'];
/** Roles that read the Bilancio: operators work on people and cases, not on money. */
export const BUDGET_READERS: readonly Role[] = ['amministratore', 'finanza', 'coordinatore', 'sola_lettura'];
/** Who sees amounts of money anywhere (Cruscotto, Report, exports): the Bilancio's readers; operators see none. */
export function seesMoney(role: Role | null): boolean {
  return role !== null && BUDGET_READERS.includes(role);
}
export const ADMIN_ONLY: readonly Role[] = ['amministratore'];
/**
 * Who makes the copy of a person's data (GDPR art. 15/20): it holds their personal and sensitive data
 * and the money linked to them, so the roles that see both.
 */
export const DATA_COPY_ROLES: readonly Role[] = PERSONAL_DATA_ROLES.filter((role) => BUDGET_READERS.includes(role));
