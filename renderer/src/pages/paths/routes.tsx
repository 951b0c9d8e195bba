import { Route } from 'react-router';
import { NeedMatchingPage } from './NeedMatchingPage';
import { PathsListPage } from './PathsListPage';

/** The routes of the Percorsi section: the list of interventions, and matching people with a company need. */
export const pathsRoutes = (
  <>
    <Route path="/percorsi" element={<PathsListPage />} />
    <Route path="/abbinamenti/fabbisogno/:needId" element={<NeedMatchingPage />} />
  </>
);
