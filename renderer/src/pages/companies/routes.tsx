import { Route } from 'react-router';
import { ComingSection } from '../ComingSection';

/** The routes of the Aziende section. */
export const companiesRoutes = (
  <>
    <Route path="/aziende" element={<ComingSection title="Aziende" description="Qui compariranno l’anagrafe delle aziende, il Board di imprese e i fabbisogni di inserimento, con l’abbinamento alle persone in target." />} />
  </>
);
