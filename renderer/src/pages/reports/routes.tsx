import { Route } from 'react-router';
import { ComingSection } from '../ComingSection';

/** The routes of the Report section. */
export const reportsRoutes = (
  <>
    <Route path="/report" element={<ComingSection title="Report" description="Qui si produrranno i report semestrali e annuali per il Tavolo di coordinamento, in Excel e PDF, con soli dati aggregati." />} />
  </>
);
