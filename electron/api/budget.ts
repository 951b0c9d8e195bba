import type { budgetContract } from '../contract/budget';
import { AppError } from '../contract/errors';
import type { Role } from '../contract/roles';
import { allocationGrid, setAllocations } from '../services/budget/allocations';
import { adjustCommitment, commitmentDetail, createCommitment, interventionSuggestion, listCommitments, searchInterventions } from '../services/budget/commitments';
import { exportLedger, exportOverview } from '../services/budget/export';
import { budgetReference, createFund, listFunds, spendingLines, updateFund } from '../services/budget/funds';
import { drilldown } from '../services/budget/ledger';
import { budgetOverview } from '../services/budget/overview';
import { adjustPayment, createPayment } from '../services/budget/payments';
import { listOverrides, spending } from '../services/budget/spending';
import type { AreaHandlers, CallContext } from './handlers';

function roleOf(ctx: CallContext): Role {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
  return ctx.user.role;
}

export const budgetHandlers: AreaHandlers<keyof typeof budgetContract> = {
  'budget.reference': (_input, ctx) => budgetReference(ctx.store.db, roleOf(ctx)),
  'budget.funds.list': (_input, ctx) => listFunds(ctx.store.db),
  'budget.funds.create': (input, ctx) => createFund(ctx, input),
  'budget.funds.update': (input, ctx) => updateFund(ctx, input),
  'budget.lines.list': (_input, ctx) => spendingLines(ctx.store.db),
  'budget.allocations.grid': (input, ctx) => allocationGrid(ctx.store.db, input.fundId),
  'budget.allocations.set': (input, ctx) => setAllocations(ctx, input),
  'budget.commitments.create': (input, ctx) => createCommitment(ctx, input),
  'budget.commitments.adjust': (input, ctx) => adjustCommitment(ctx, input),
  'budget.commitments.get': (input, ctx) => commitmentDetail(ctx.store.db, input.id),
  'budget.commitments.list': (input, ctx) => listCommitments(ctx.store.db, input),
  'budget.paths.search': (input, ctx) => searchInterventions(ctx.store.db, input),
  'budget.commitments.fromIntervention': (input, ctx) => interventionSuggestion(ctx.store.db, input.interventionId),
  'budget.payments.create': (input, ctx) => createPayment(ctx, input),
  'budget.payments.adjust': (input, ctx) => adjustPayment(ctx, input),
  'budget.overview': (input, ctx) => budgetOverview(ctx.store.db, input),
  'budget.drilldown': (input, ctx) => drilldown(ctx.store.db, input.filter, input.page, input.pageSize),
  'budget.spending': (input, ctx) => spending(ctx.store.db, input),
  'budget.overrides.list': (input, ctx) => listOverrides(ctx.store.db, input),
  'budget.export.overview': (input, ctx) => exportOverview(ctx, input),
  'budget.export.ledger': (input, ctx) => exportLedger(ctx, input.filter),
};
