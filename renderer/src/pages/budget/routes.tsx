import { Route } from 'react-router';
import { AllocationsPage } from './AllocationsPage';
import { BudgetLayout } from './BudgetLayout';
import { CommitmentFormPage } from './CommitmentFormPage';
import { CommitmentPage } from './CommitmentPage';
import { CommitmentsPage } from './CommitmentsPage';
import { FundsPage } from './FundsPage';
import { LedgerPage } from './LedgerPage';
import { OverridesPage } from './OverridesPage';
import { OverviewPage } from './OverviewPage';
import { SpendingPage } from './SpendingPage';

/** The routes of the Bilancio section: one layout with the tabs, a page per tab. */
export const budgetRoutes = (
  <Route path="/bilancio" element={<BudgetLayout />}>
    <Route index element={<OverviewPage />} />
    <Route path="fondi" element={<FundsPage />} />
    <Route path="assegnazioni" element={<AllocationsPage />} />
    <Route path="impegni" element={<CommitmentsPage />} />
    <Route path="impegni/nuovo" element={<CommitmentFormPage />} />
    <Route path="impegni/:id" element={<CommitmentPage />} />
    <Route path="movimenti" element={<LedgerPage />} />
    <Route path="spesa" element={<SpendingPage />} />
    <Route path="deroghe" element={<OverridesPage />} />
  </Route>
);
