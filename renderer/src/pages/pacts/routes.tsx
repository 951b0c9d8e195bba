import { Route } from 'react-router';
import { ComingSection } from '../ComingSection';

/** The routes of the Patti section. */
export const pactsRoutes = (
  <>
    <Route path="/patti" element={<ComingSection title="Patti" description="Qui si prepareranno, stamperanno e archivieranno i Patti per il buon lavoro, fino alla copia firmata." />} />
  </>
);
