import { Alert, Badge, Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useBudgetReferenceQuery } from './reference';

/** The Bilancio tabs; each is an address, so Back and the drill-down links work. */
export const BUDGET_TABS = [
  { path: '/bilancio', label: 'Quadro generale', subtitle: 'Per fondo, anno e voce di spesa: assegnato, impegnato, liquidato e disponibile' },
  { path: '/bilancio/fondi', label: 'Fondi', subtitle: 'Le risorse del programma, per ente finanziatore e periodo' },
  { path: '/bilancio/assegnazioni', label: 'Assegnazioni', subtitle: 'Ripartizione di ogni fondo per anno e voce di spesa' },
  { path: '/bilancio/impegni', label: 'Impegni e liquidazioni', subtitle: 'Impegni sulle assegnazioni e liquidazioni sugli impegni' },
  { path: '/bilancio/movimenti', label: 'Movimenti', subtitle: 'Le righe contabili dietro ogni cifra' },
  { path: '/bilancio/spesa', label: 'Spesa per destinatario', subtitle: 'Impegnato e liquidato per persona, azienda e strumento' },
  { path: '/bilancio/deroghe', label: 'Deroghe', subtitle: 'Impegni e liquidazioni registrati oltre il disponibile, con la motivazione' },
] as const;

function currentTab(pathname: string) {
  // the longest matching path: /bilancio/impegni/12 belongs to "Impegni e liquidazioni"
  return [...BUDGET_TABS].sort((a, b) => b.path.length - a.path.length).find((t) => pathname === t.path || pathname.startsWith(`${t.path}/`)) ?? BUDGET_TABS[0];
}

/** Bilancio: header, tabs and the page of the tab; the pages get the reference data (lines, funds, canWrite). */
export function BudgetLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const reference = useBudgetReferenceQuery();
  const tab = currentTab(pathname);

  if (reference.error?.code === 'FORBIDDEN') {
    return (
      <>
        <PageHeader title="Bilancio" />
        <Alert color="gray" title="Sezione non disponibile per il proprio ruolo">
          Fondi, impegni e liquidazioni sono consultati dall’ufficio finanza, dai coordinatori e dagli amministratori. I totali del programma sono nel Cruscotto.
        </Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Bilancio"
        subtitle={tab.subtitle}
        actions={reference.data && !reference.data.canWrite ? <Badge variant="light" color="gray" size="lg" tt="none">Sola consultazione</Badge> : undefined}
      />
      <Tabs value={tab.path} onChange={(value) => value && navigate(value)} activateTabWithKeyboard={false} keepMounted={false}>
        <Tabs.List mb="md">
          {BUDGET_TABS.map((t) => (
            <Tabs.Tab key={t.path} value={t.path} data-leave-guard={t.path}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <QueryState query={reference}>{(data) => <Outlet context={data} />}</QueryState>
    </>
  );
}
