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
/** Roles that may write money. */
export const MONEY_WRITERS: readonly Role[] = ['amministratore', 'finanza'];
export const ADMIN_ONLY: readonly Role[] = ['amministratore'];
