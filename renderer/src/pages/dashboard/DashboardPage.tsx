import { Alert, Anchor, Card, Code, Group, Loader, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { CASE_STATUS_LABELS } from '../../../../electron/domain/caseStatus';
import type { DashboardCounts } from '../../../../electron/contract/dashboard';
import { useApiQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatEuro, formatNumber } from '../../format';
import type { ReportModel, ReportTable } from '../../../../electron/contract/reports';
import { todayIso } from '../../../../electron/domain/dates';
import { pickerYears } from '../../../../electron/domain/reportPeriod';
import { FigureGrid, ReportBarChart, ReportLineChart } from '../reports/ReportParts';

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fz={28} fw={700} data-testid={`stat-${label}`}>{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Card>
  );
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0;
}

function Dashboard({ counts }: { counts: DashboardCounts }) {
  const totalCases = counts.casesByStatus.reduce((a, s) => a + s.count, 0);
  const { funds } = counts;
  return (
    <Stack>
      {counts.people === 0 && (
        <Alert color="blue" title="Il database è vuoto">
          Le persone registrate, le aziende e i fondi compariranno qui. Per provare l’applicazione con dati dimostrativi: <Code>npm run --silent ixl -- seed --scale demo</Code> su un database nuovo.
        </Alert>
      )}
      <SimpleGrid cols={4}>
        <Stat label="Persone registrate" value={formatNumber(counts.people)} />
        <Stat label="Casi aperti" value={formatNumber(counts.openCases)} />
        <Stat label="Aziende" value={formatNumber(counts.companies)} hint={`${formatNumber(counts.boardMembers)} nel Board di imprese`} />
        <Stat label="Inserimenti lavorativi" value={formatNumber(counts.placements)} />
        <Stat label="Percorsi attivi" value={formatNumber(counts.activeInterventions)} />
        <Stat label="Fabbisogni aperti" value={formatNumber(counts.openNeeds)} />
        <Stat label="Patti da firmare" value={formatNumber(counts.pactsToSign)} />
        {funds && <Stat label="Fondi" value={formatNumber(funds.count)} hint={formatEuro(funds.amountCents)} />}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Card withBorder radius="md">
          <Title order={4} mb="sm">Casi per stato</Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Stato</Table.Th>
                <Table.Th ta="right">Casi</Table.Th>
                <Table.Th ta="right">%</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {counts.casesByStatus.map((s) => (
                <Table.Tr key={s.status}>
                  <Table.Td>{CASE_STATUS_LABELS[s.status]}</Table.Td>
                  <Table.Td ta="right">{formatNumber(s.count)}</Table.Td>
                  <Table.Td ta="right">{percent(s.count, totalCases).toLocaleString('it-IT')}%</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        {funds && (
          <Card withBorder radius="md">
            <Title order={4} mb="sm">Risorse</Title>
            <Stack gap="xs">
              {[
                ['Dotazione dei fondi', funds.amountCents],
                ['Assegnato alle voci', funds.allocatedCents],
                ['Impegnato', funds.committedCents],
                ['Liquidato', funds.paidCents],
              ].map(([label, cents]) => (
                <Group key={label as string} justify="space-between">
                  <Text size="sm">{label}</Text>
                  <Text size="sm" fw={600}>{formatEuro(cents as number)}</Text>
                </Group>
              ))}
              <Text size="xs" c="dimmed" mt="xs">Impegnato sul totale dei fondi: {percent(funds.committedCents, funds.amountCents).toLocaleString('it-IT')}%</Text>
              <Progress value={percent(funds.committedCents, funds.amountCents)} aria-label="Impegnato sul totale" />
              <Text size="xs" c="dimmed">Liquidato sull’impegnato: {percent(funds.paidCents, funds.committedCents).toLocaleString('it-IT')}%</Text>
              <Progress color="teal" value={percent(funds.paidCents, funds.committedCents)} aria-label="Liquidato sull’impegnato" />
            </Stack>
          </Card>
        )}
      </SimpleGrid>
    </Stack>
  );
}

/** The Cruscotto's programme figures: the same model as the Report page, for one year beside the year before. */
const YEAR_FIGURES = ['iscritti', 'colloqui', 'in_carico', 'inserimenti', 'primi_inserimenti', 'giorni_mediani', 'aziende_coinvolte', 'impegnato'];

function tableOf(model: ReportModel, key: string): ReportTable | undefined {
  return model.sections.flatMap((s) => s.tables).find((t) => t.key === key);
}

function ProgrammeYear() {
  const years = pickerYears(todayIso()).map(String);
  const [year, setYear] = useState(years[0]!);
  const query = useApiQuery('reports.model', { period: year }, { placeholderData: keepPreviousData });
  const figures = (m: ReportModel) => {
    const all = m.sections.flatMap((s) => s.figures);
    return YEAR_FIGURES.map((k) => all.find((f) => f.key === k)!).filter(Boolean);
  };
  return (
    <Stack gap="sm" mt="lg">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Title order={3}>Il programma nel {year}</Title>
          {query.isFetching && <Loader size="xs" aria-label="Calcolo in corso" />}
        </Group>
        <Group gap="sm" align="flex-end">
          <Select label="Anno" aria-label="Anno del programma" w={110} data={years} value={year} allowDeselect={false} onChange={(y) => y && setYear(y)} />
          <Anchor component={Link} to={`/report?periodo=${year}`} size="sm" mb={6}>
            Apri il report completo
          </Anchor>
        </Group>
      </Group>
      <QueryState query={query}>
        {(m) => {
          const months = tableOf(m, 'inserimenti_mese');
          const outcomes = tableOf(m, 'esito_colloquio');
          return (
            <Stack gap="sm">
              <FigureGrid figures={figures(m)} previousLabel={m.previousShort} />
              <SimpleGrid cols={2}>
                {months && (
                  <Card withBorder radius="md">
                    <Text fw={600} mb="xs">Inserimenti per mese</Text>
                    <ReportLineChart table={months} h={200} />
                  </Card>
                )}
                {outcomes && (
                  <Card withBorder radius="md">
                    <Text fw={600} mb="xs">Esito del primo colloquio</Text>
                    <ReportBarChart table={outcomes} currentLabel={m.periodShort} previousLabel={m.previousShort} />
                  </Card>
                )}
              </SimpleGrid>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

export function DashboardPage() {
  const query = useApiQuery('dashboard.counts', {}, { refetchInterval: 60_000 });
  return (
    <>
      <PageHeader title="Cruscotto" subtitle="Il programma in cifre, dal database" />
      <QueryState query={query}>{(counts) => <Dashboard counts={counts} />}</QueryState>
      <ProgrammeYear />
    </>
  );
}
