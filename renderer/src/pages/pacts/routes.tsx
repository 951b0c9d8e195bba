import { Route } from 'react-router';
import { PactEditPage, PactNewPage } from './PactFormPage';
import { PactPage } from './PactPage';
import { PactsListPage } from './PactsListPage';

/** The routes of the Patti section. */
export const pactsRoutes = (
  <>
    <Route path="/patti" element={<PactsListPage />} />
    <Route path="/patti/nuovo" element={<PactNewPage />} />
    <Route path="/patti/:id" element={<PactPage />} />
    <Route path="/patti/:id/modifica" element={<PactEditPage />} />
  </>
);
