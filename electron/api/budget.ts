import type { budgetContract } from '../contract/budget';
import { allocationGrid, setAllocations } from '../services/budget/allocations';
import { adjustCommitment, commitmentDetail, createCommitment, interventionSuggestion, listCommitments, searchInterventions } from '../services/budget/commitments';
import { exportLedger, exportOverview } from '../services/budget/export';
import { budgetReference, createFund, listFunds, spendingLines, updateFund } from '../services/budget/funds';
import { drilldown } from '../services/budget/ledger';
import { budgetOverview } from '../services/budget/overview';
import { adjustPayment, createPayment } from '../services/budget/payments';
import { listOverrides, spending } from '../services/budget/spending';
import type { AreaHandlers } from './handlers';

export const budgetHandlers: AreaHandlers<keyof typeof budgetContract> = {
  'budget.reference': budgetReference,
  'budget.funds.list': listFunds,
  'budget.funds.create': createFund,
  'budget.funds.update': updateFund,
  'budget.lines.list': (ctx) => spendingLines(ctx),
  'budget.allocations.grid': (ctx, input) => allocationGrid(ctx, input),
  'budget.allocations.set': setAllocations,
  'budget.commitments.create': createCommitment,
  'budget.commitments.adjust': adjustCommitment,
  'budget.commitments.get': (ctx, input) => commitmentDetail(ctx, input),
  'budget.commitments.list': listCommitments,
  'budget.paths.search': searchInterventions,
  'budget.commitments.fromIntervention': interventionSuggestion,
  'budget.payments.create': createPayment,
  'budget.payments.adjust': adjustPayment,
  'budget.overview': budgetOverview,
  'budget.drilldown': drilldown,
  'budget.spending': spending,
  'budget.overrides.list': listOverrides,
  'budget.export.overview': exportOverview,
  'budget.export.ledger': exportLedger,
};
