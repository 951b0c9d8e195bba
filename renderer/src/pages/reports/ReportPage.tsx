import { Alert, Button, Card, Group, Loader, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { IconDownload, IconLock } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ReportModel, ReportSection, ReportTable } from '../../../../electron/contract/reports';
import { useApiQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';
import { ExportModal } from './ExportModal';
import { defaultPeriod, PeriodPicker } from './PeriodPicker';
import { FigureGrid, ReportBarChart, ReportLineChart, ReportTableView } from './ReportParts';

/**
 * Report for the Tavolo di coordinamento (issue #6): choose the period, read the figures beside the
 * previous period, export the Excel workbook and the PDF. The period and the tab live in the address
 * (?periodo=2019-H1&sezione=inserimenti), so Back and a reload keep them.
 */

function findTable(model: ReportModel, key: string): ReportTable | undefined {
  return model.sections.flatMap((s) => s.tables).find((t) => t.key === key);
}

function TableBlock({ table, model }: { table: ReportTable; model: ReportModel }) {
  if (table.chart?.kind === 'line') {
    return (
      <Stack gap="xs">
        <Card withBorder radius="md">
          <Text fw={600} mb="xs">{table.title}</Text>
          <ReportLineChart table={table} />
        </Card>
        <ReportTableView table={table} />
      </Stack>
    );
  }
  if (table.chart?.kind === 'bar' && table.rows.length > 0 && table.rowHeaders.length + table.columns.length > 5) {
    // a wide table (the funds): full width, the chart below it
    return (
      <Stack gap="xs">
        <ReportTableView table={table} />
        <Card withBorder radius="md" p="xs" maw={900}>
          <ReportBarChart table={table} currentLabel={model.periodShort} previousLabel={model.previousShort} />
        </Card>
      </Stack>
    );
  }
  if (table.chart?.kind === 'bar' && table.rows.length > 0) {
    return (
      <SimpleGrid cols={2} spacing="lg">
        <ReportTableView table={table} />
        <Card withBorder radius="md" p="xs">
          <ReportBarChart table={table} currentLabel={model.periodShort} previousLabel={model.previousShort} />
        </Card>
      </SimpleGrid>
    );
  }
  return <ReportTableView table={table} />;
}

function SectionView({ section, model }: { section: ReportSection; model: ReportModel }) {
  return (
    <Stack gap="lg">
      <Text c="dimmed" size="sm">{section.description}</Text>
      {section.figures.length > 0 && <FigureGrid figures={section.figures} previousLabel={model.previousShort} cols={section.figures.length > 5 ? 4 : section.figures.length} />}
      {section.tables
        .filter((t) => !t.key.endsWith('_cifre'))
        .map((t) => (
          <TableBlock key={t.key} table={t} model={model} />
        ))}
    </Stack>
  );
}

function Summary({ model }: { model: ReportModel }) {
  const months = findTable(model, 'inserimenti_mese');
  const outcomes = findTable(model, 'esito_colloquio');
  return (
    <Stack gap="lg">
      <FigureGrid figures={model.summary} previousLabel={model.previousShort} />
      <SimpleGrid cols={2} spacing="lg">
        {months && (
          <Card withBorder radius="md">
            <Text fw={600} mb="xs">Inserimenti per mese</Text>
            <ReportLineChart table={months} />
          </Card>
        )}
        {outcomes && (
          <Card withBorder radius="md">
            <Text fw={600} mb="xs">Esito del primo colloquio</Text>
            <ReportBarChart table={outcomes} currentLabel={model.periodShort} previousLabel={model.previousShort} />
          </Card>
        )}
      </SimpleGrid>
      <Alert variant="light" color="gray" icon={<IconLock size={18} />} title="Riservatezza e definizioni">
        <Stack gap={4}>
          {model.notes.map((n) => (
            <Text key={n} size="xs">{n}</Text>
          ))}
        </Stack>
      </Alert>
    </Stack>
  );
}

function ReportView({ model, tab, onTab }: { model: ReportModel; tab: string; onTab: (t: string) => void }) {
  return (
    <Tabs value={tab} onChange={(t) => t && onTab(t)} keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="sintesi">Sintesi</Tabs.Tab>
        {model.sections.map((s) => (
          <Tabs.Tab key={s.key} value={s.key}>
            {s.title}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="sintesi">
        <Summary model={model} />
      </Tabs.Panel>
      {model.sections.map((s) => (
        <Tabs.Panel key={s.key} value={s.key}>
          <SectionView section={s} model={model} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

export function ReportPage() {
  const [params, setParams] = useSearchParams();
  const period = params.get('periodo') ?? defaultPeriod();
  const tab = params.get('sezione') ?? 'sintesi';
  const [exporting, setExporting] = useState(false);
  const query = useApiQuery('reports.model', { period }, { placeholderData: keepPreviousData });
  const model = query.data;
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        title="Report"
        subtitle="Le cifre del programma per il Tavolo di coordinamento: solo dati aggregati, uguali a schermo, in Excel e in PDF"
        actions={
          <Button leftSection={<IconDownload size={16} />} onClick={() => setExporting(true)} disabled={!model || query.isFetching}>
            Esporta Excel e PDF
          </Button>
        }
      />
      <Card withBorder radius="md" mb="md" p="sm">
        <Group justify="space-between" align="flex-end">
          <PeriodPicker value={period} onChange={(code) => update({ periodo: code })} />
          <Stack gap={0} align="flex-end">
            {model && (
              <>
                <Text fw={700} data-testid="periodo-mostrato">{model.period.label}</Text>
                <Text size="xs" c="dimmed">
                  {model.previous ? `Confronto con ${model.previous.label}` : 'Nessun periodo di confronto'} · cifre del {formatDate(model.generatedAt, true)}
                </Text>
              </>
            )}
            {query.isFetching && <Loader size="xs" aria-label="Calcolo in corso" />}
          </Stack>
        </Group>
      </Card>
      <QueryState query={query}>{(m) => <ReportView model={m} tab={tab} onTab={(t) => update({ sezione: t })} />}</QueryState>
      {model && <ExportModal model={model} opened={exporting} onClose={() => setExporting(false)} />}
    </>
  );
}
