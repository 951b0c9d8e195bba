import { Route } from 'react-router';
import { ComingSection } from '../ComingSection';

/** The routes of the Percorsi section. */
export const pathsRoutes = (
  <>
    <Route path="/percorsi" element={<ComingSection title="Percorsi" description="Qui si seguiranno i percorsi di ogni persona per strumento: tirocini, inserimenti, formazione, autoimpiego, credito e progetti PON, con i loro esiti." />} />
  </>
);
