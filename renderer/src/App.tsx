import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { HashRouter, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { LoginPage } from './auth/LoginPage';
import { SetupPage } from './auth/SetupPage';
import { Shell } from './layout/Shell';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { companiesRoutes } from './pages/companies/routes';
import { pathsRoutes } from './pages/paths/routes';
import { pactsRoutes } from './pages/pacts/routes';
import { budgetRoutes } from './pages/budget/routes';
import { reportsRoutes } from './pages/reports/routes';
import { SettingsPage } from './pages/system/SettingsPage';
import { PeopleListPage } from './pages/people/PeopleListPage';
import { DuplicatesPage } from './pages/people/DuplicatesPage';
import { PersonFormPage } from './pages/people/PersonFormPage';
import { PersonPage } from './pages/people/PersonPage';
import { hasTransport } from './api/transport';

function FullPage({ children }: { children: React.ReactNode }) {
  return <Center mih="100vh" p="xl">{children}</Center>;
}

function Gate() {
  const { state } = useAuth();
  switch (state.phase) {
    case 'loading':
      return <FullPage><Loader aria-label="Caricamento" /></FullPage>;
    case 'error':
      return <FullPage><Alert color="red" title="IXL Desk non riesce a comunicare con il servizio">{state.message}</Alert></FullPage>;
    case 'setup':
      return <SetupPage />;
    case 'login':
      return <LoginPage expired={state.expired} />;
    case 'ready':
      return (
        <Shell>
          <Routes>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/persone" element={<PeopleListPage />} />
            <Route path="/persone/nuova" element={<PersonFormPage />} />
            <Route path="/persone/doppioni" element={<DuplicatesPage />} />
            <Route path="/persone/:id" element={<PersonPage />} />
            <Route path="/persone/:id/modifica" element={<PersonFormPage />} />
            {companiesRoutes}
            {pathsRoutes}
            {pactsRoutes}
            {budgetRoutes}
            {reportsRoutes}
            <Route path="/impostazioni" element={<SettingsPage />} />
            <Route path="*" element={<DashboardPage />} />
          </Routes>
        </Shell>
      );
  }
}

export function App() {
  if (!hasTransport()) {
    return (
      <FullPage>
        <Stack maw={560}>
          <Title order={3}>Indirizzo incompleto</Title>
          <Text>
            Per aprire IXL Desk nel browser usare l’indirizzo completo stampato da <b>npm start</b> o <b>npm run start:web</b>: contiene la chiave di
            accesso (dopo <code>#token=</code>).
          </Text>
        </Stack>
      </FullPage>
    );
  }
  return (
    <HashRouter>
      <AuthProvider>
        <Gate />
      </AuthProvider>
    </HashRouter>
  );
}
