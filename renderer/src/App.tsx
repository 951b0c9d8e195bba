import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { HashRouter, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { LoginPage } from './auth/LoginPage';
import { SetupPage } from './auth/SetupPage';
import { Shell } from './layout/Shell';
import { DashboardPage } from './pages/DashboardPage';
import { ComingSection } from './pages/ComingSection';
import { SettingsPage } from './pages/settings/SettingsPage';
import { PeopleListPage } from './pages/people/PeopleListPage';
import { PersonFormPage } from './pages/people/PersonFormPage';
import { PersonPage } from './pages/people/PersonPage';
import { hasTransport } from './api/transport';

/** Sections not built yet, each saying what it will hold. */
const COMING = [
  { path: '/aziende', title: 'Aziende', description: 'Qui compariranno l’anagrafe delle aziende, il Board di imprese e i fabbisogni di inserimento, con l’abbinamento alle persone in target.' },
  { path: '/percorsi', title: 'Percorsi', description: 'Qui si seguiranno i percorsi di ogni persona per strumento: tirocini, inserimenti, formazione, autoimpiego, credito e progetti PON, con i loro esiti.' },
  { path: '/patti', title: 'Patti', description: 'Qui si prepareranno, stamperanno e archivieranno i Patti per il buon lavoro, fino alla copia firmata.' },
  { path: '/bilancio', title: 'Bilancio', description: 'Qui si gestiranno fondi, assegnazioni per anno e voce, impegni e liquidazioni, con le disponibilità residue.' },
  { path: '/report', title: 'Report', description: 'Qui si produrranno i report semestrali e annuali per il Tavolo di coordinamento, in Excel e PDF, con soli dati aggregati.' },
];

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
            <Route path="/persone/:id" element={<PersonPage />} />
            <Route path="/persone/:id/modifica" element={<PersonFormPage />} />
            {COMING.map((s) => <Route key={s.path} path={s.path} element={<ComingSection title={s.title} description={s.description} />} />)}
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
