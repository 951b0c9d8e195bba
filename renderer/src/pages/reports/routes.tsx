import { Route } from 'react-router';
import { ReportPage } from './ReportPage';

/** The routes of the Report section. */
export const reportsRoutes = (
  <>
    <Route path="/report" element={<ReportPage />} />
  </>
);
