import { Route } from 'react-router';
import { ComingSection } from '../ComingSection';

/** The routes of the Bilancio section. */
export const budgetRoutes = (
  <>
    <Route path="/bilancio" element={<ComingSection title="Bilancio" description="Qui si gestiranno fondi, assegnazioni per anno e voce, impegni e liquidazioni, con le disponibilità residue." />} />
  </>
);
