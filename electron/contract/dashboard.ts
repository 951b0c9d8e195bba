import { method } from './define';
import { ANY_ROLE } from './roles';
import { noInput } from './common';
import type { CaseStatus } from '../domain/caseStatus';

export interface DashboardCounts {
  people: number;
  openCases: number;
  casesByStatus: { status: CaseStatus; count: number }[];
  companies: number;
  boardMembers: number;
  openNeeds: number;
  activeInterventions: number;
  placements: number;
  pactsToSign: number;
  /** null for roles that see no money (operators). */
  funds: { count: number; amountCents: number; allocatedCents: number; committedCents: number; paidCents: number } | null;
}

export const dashboardContract = {
  'dashboard.counts': method<DashboardCounts>()({
    summary: 'Conteggi del Cruscotto, letti dal database.',
    input: noInput,
    roles: ANY_ROLE,
  }),
};
