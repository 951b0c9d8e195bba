import { Route } from 'react-router';
import { CompaniesListPage } from './CompaniesListPage';
import { CompanyFormPage } from './CompanyFormPage';
import { CompanyPage } from './CompanyPage';

/** The routes of the Aziende section. */
export const companiesRoutes = (
  <>
    <Route path="/aziende" element={<CompaniesListPage />} />
    <Route path="/aziende/nuova" element={<CompanyFormPage />} />
    <Route path="/aziende/:id" element={<CompanyPage />} />
    <Route path="/aziende/:id/modifica" element={<CompanyFormPage />} />
  </>
);
