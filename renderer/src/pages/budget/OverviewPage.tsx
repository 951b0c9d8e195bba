import '@mantine/charts/styles.css';
import { Alert, Anchor, Badge, Box, Button, Card, Group, Progress, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { BudgetOverview, BurnRate, MoneyTotals, OverviewFund } from '../../../../electron/contract/budget';
import { formatEuro } from '../../../../electron/domain/money';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';
import { useFileExport } from '../../components/useFileExport';
import { ledgerLink, type LedgerQuery } from './ledgerParams';
import { fundYears, useBudget } from './reference';
import { Money, TABULAR } from './ui';

/** A percentage computed by the API (one decimal) in Italian: 42.5 → "42,5%". */
export function pct(value: number | null): string {
  return value === null ? '—' : `${value.toLocaleString('it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** A figure that opens the rows behind it. */
function Figure({ cents, to, label, strong, size = 'sm' }: { cents: number; to: string; label: string; strong?: boolean; size?: string }) {
  return (
    <Anchor
      component={Link}
      to={to}
      size={size}
      fw={strong ? 700 : 500}
      c={cents < 0 ? 'red.7' : 'inherit'}
      underline="hover"
      style={TABULAR}
      aria-label={`${label}: ${formatEuro(cents)}, vedi il dettaglio`}
      title={`${label}: vedi il dettaglio`}
    >
      {formatEuro(cents)}
    </Anchor>
  );
}

/** Links of the four figures of a budget cell. */
function links(scope: Partial<LedgerQuery>, fundId: number | null) {
  return {
    allocated: fundId === null ? '/bilancio/fondi' : `/bilancio/assegnazioni?fondo=${fundId}`,
    committed: ledgerLink({ ...scope, kind: 'impegni' }),
    paid: ledgerLink({ ...scope, kind: 'liquidazioni' }),
    available: ledgerLink({ ...scope, kind: 'tutti' }),
  };
}

/** Progress of a budget cell: paid (dark) and committed but not yet paid (light) over what is allocated. */
function UsageBar({ totals, size = 'md', width }: { totals: MoneyTotals; size?: string; width?: number }) {
  const whole = totals.allocatedCents;
  const paid = whole > 0 ? Math.min(100, (Math.max(0, totals.paidCents) * 100) / whole) : 0;
  const committed = whole > 0 ? Math.min(100 - paid, (Math.max(0, totals.committedCents - Math.max(0, totals.paidCents)) * 100) / whole) : 0;
  const over = totals.availableCents < 0;
  return (
    <Progress.Root size={size} w={width} role="img" aria-label={`Utilizzato ${pct(totals.usedPercent)}`}>
      <Progress.Section value={paid} color={over ? 'red' : 'teal'} aria-hidden />
      <Progress.Section value={committed} color={over ? 'red.3' : 'blue.3'} aria-hidden />
    </Progress.Root>
  );
}

function runOut(b: BurnRate, asOf: string): { text: string; color?: string; hint: string } {
  switch (b.runOutStatus) {
    case 'esaurito':
      return { text: 'Esaurito', color: 'red.7', hint: 'Non resta nulla da impegnare' };
    case 'fermo':
      return b.committedPerMonthCents > 0
        ? { text: 'Non prevedibile', color: 'dimmed', hint: 'Al ritmo attuale il disponibile durerebbe oltre cento anni' }
        : { text: 'Nessun impegno recente', color: 'dimmed', hint: 'Nessun nuovo impegno nel periodo considerato: non si può stimare' };
    case 'previsto': {
      const date = b.projectedRunOut ?? asOf;
      const months = (Number(date.slice(0, 4)) - Number(asOf.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(asOf.slice(5, 7));
      return { text: formatDate(date), color: months <= 6 ? 'orange.8' : undefined, hint: 'Data in cui il disponibile si azzera al ritmo attuale degli impegni' };
    }
  }
}

/**
 * New commitments per month, net of reductions. Below zero (more reductions than new commitments in the
 * window) it is not a pace of spending: say so instead of showing a negative rate.
 */
function BurnFigure({ cents, short }: { cents: number; short?: boolean }) {
  if (cents > 0) return <Text size="sm" style={TABULAR}>{formatEuro(cents)}{short ? '' : ' impegnati'}</Text>;
  return (
    <Tooltip label={`Saldo mensile degli impegni: ${formatEuro(cents)} (le riduzioni superano i nuovi impegni)`} openDelay={300}>
      <Text size="sm" c="dimmed" w="fit-content" ml={short ? 'auto' : undefined}>{short ? 'nessun nuovo impegno' : 'Nessun nuovo impegno netto'}</Text>
    </Tooltip>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      {children}
    </Stack>
  );
}

function FundCard({ fund, asOf, months, year }: { fund: OverviewFund; asOf: string; months: number; year: number | null }) {
  const link = links({ fundId: fund.fundId, year }, fund.fundId);
  const end = runOut(fund, asOf);
  return (
    <Card withBorder radius="md" padding="md" data-testid={`fondo-${fund.code}`}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
        <Title order={5} lineClamp={1} title={fund.name}>{fund.name}</Title>
        <Badge variant="light" color="gray" tt="none" style={{ flexShrink: 0 }}>
          {fund.startYear === fund.endYear ? fund.startYear : `${fund.startYear}–${fund.endYear}`}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        Dotazione <Text span size="xs" fw={600} c="dark" style={TABULAR}>{formatEuro(fund.amountCents)}</Text>
        {fund.unallocatedCents !== 0 && <> · da assegnare <Text span size="xs" fw={600} c="dark" style={TABULAR}>{formatEuro(fund.unallocatedCents)}</Text></>}
        {year !== null && <> · cifre del {year}</>}
      </Text>
      <SimpleGrid cols={4} spacing="xs" mb="xs">
        <Labelled label="Assegnato"><Figure cents={fund.allocatedCents} to={link.allocated} label={`Assegnato ${fund.name}`} /></Labelled>
        <Labelled label="Impegnato"><Figure cents={fund.committedCents} to={link.committed} label={`Impegnato ${fund.name}`} /></Labelled>
        <Labelled label="Liquidato"><Figure cents={fund.paidCents} to={link.paid} label={`Liquidato ${fund.name}`} /></Labelled>
        <Labelled label="Disponibile"><Figure cents={fund.availableCents} to={link.available} label={`Disponibile ${fund.name}`} strong /></Labelled>
      </SimpleGrid>
      <UsageBar totals={fund} />
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">Impegnato {pct(fund.usedPercent)} · liquidato {pct(fund.paidPercent)} dell’assegnato</Text>
      </Group>
      <SimpleGrid cols={2} spacing="xs" mt="sm" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <Labelled label={`Spesa media mensile (ultimi ${months} mesi)`}>
          <BurnFigure cents={fund.committedPerMonthCents} />
          <Text size="xs" c="dimmed" style={TABULAR}>{formatEuro(fund.paidPerMonthCents)} liquidati</Text>
        </Labelled>
        <Labelled label="Esaurimento previsto">
          <Tooltip label={end.hint} openDelay={300}>
            <Text size="sm" fw={600} c={end.color} w="fit-content">{end.text}</Text>
          </Tooltip>
        </Labelled>
      </SimpleGrid>
    </Card>
  );
}

function MoneyHeader() {
  return (
    <>
      <Table.Th ta="right">Assegnato</Table.Th>
      <Table.Th ta="right">Impegnato</Table.Th>
      <Table.Th ta="right">Liquidato</Table.Th>
      <Table.Th ta="right">Disponibile</Table.Th>
      <Table.Th ta="right" w={130}>% utilizzato</Table.Th>
    </>
  );
}

function MoneyCells({ totals, scope, fundId, label, strong }: { totals: MoneyTotals; scope: Partial<LedgerQuery>; fundId: number | null; label: string; strong?: boolean }) {
  const link = links(scope, fundId);
  return (
    <>
      <Table.Td ta="right"><Figure cents={totals.allocatedCents} to={link.allocated} label={`Assegnato ${label}`} strong={strong} /></Table.Td>
      <Table.Td ta="right"><Figure cents={totals.committedCents} to={link.committed} label={`Impegnato ${label}`} strong={strong} /></Table.Td>
      <Table.Td ta="right"><Figure cents={totals.paidCents} to={link.paid} label={`Liquidato ${label}`} strong={strong} /></Table.Td>
      <Table.Td ta="right"><Figure cents={totals.availableCents} to={link.available} label={`Disponibile ${label}`} strong /></Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="flex-end">
          <UsageBar totals={totals} size="sm" width={56} />
          <Text size="xs" w={44} ta="right" style={TABULAR}>{pct(totals.usedPercent)}</Text>
        </Group>
      </Table.Td>
    </>
  );
}

/** Fund × year × line, grouped by fund with its subtotal, and the grand total. */
function YearLineTable({ overview, year }: { overview: BudgetOverview; year: number | null }) {
  const byFund = new Map(overview.funds.map((f) => [f.fundId, f]));
  const groups = overview.funds.map((f) => ({ fund: f, rows: overview.rows.filter((r) => r.fundId === f.fundId) }));
  return (
    <Table striped highlightOnHover withTableBorder verticalSpacing={6} fz="sm" aria-label="Quadro per fondo, anno e voce">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={70}>Anno</Table.Th>
          <Table.Th>Voce di spesa</Table.Th>
          <MoneyHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map(({ fund, rows }) => (
          <Fragment key={fund.fundId}>
            <Table.Tr bg="blue.0">
              <Table.Td colSpan={2}>
                <Text size="sm" fw={700}>{fund.name}</Text>
              </Table.Td>
              <MoneyCells totals={byFund.get(fund.fundId) ?? fund} scope={{ fundId: fund.fundId, year }} fundId={fund.fundId} label={fund.name} strong />
            </Table.Tr>
            {rows.map((r) => (
              <Table.Tr key={r.allocationId}>
                <Table.Td style={TABULAR}>{r.year}</Table.Td>
                <Table.Td>{r.lineName}</Table.Td>
                <MoneyCells totals={r} scope={{ fundId: r.fundId, year: r.year, lineCode: r.lineCode }} fundId={r.fundId} label={`${r.year} ${r.lineName}`} />
              </Table.Tr>
            ))}
          </Fragment>
        ))}
      </Table.Tbody>
      {overview.funds.length > 1 && (
        <Table.Tfoot>
          <Table.Tr bg="gray.1">
            <Table.Td colSpan={2}><Text size="sm" fw={700}>Totale di tutti i fondi</Text></Table.Td>
            <MoneyCells totals={overview.total} scope={{ year }} fundId={null} label="totale" strong />
          </Table.Tr>
        </Table.Tfoot>
      )}
    </Table>
  );
}

/** Per fund and line: pace of spending and when each line runs out. */
function PaceTable({ overview, year }: { overview: BudgetOverview; year: number | null }) {
  return (
    <Table striped highlightOnHover withTableBorder verticalSpacing={6} fz="sm" aria-label="Ritmo di spesa ed esaurimento per voce">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Voce di spesa</Table.Th>
          <Table.Th ta="right">Assegnato</Table.Th>
          <Table.Th ta="right">Impegnato</Table.Th>
          <Table.Th ta="right">Disponibile</Table.Th>
          <Table.Th ta="right">Impegni al mese</Table.Th>
          <Table.Th ta="right">Liquidazioni al mese</Table.Th>
          <Table.Th ta="right">Esaurimento previsto</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {overview.funds.map((fund) => (
          <Fragment key={fund.fundId}>
            <Table.Tr bg="blue.0">
              <Table.Td colSpan={7}><Text size="sm" fw={700}>{fund.name}</Text></Table.Td>
            </Table.Tr>
            {fund.lines.map((l) => {
              const scope = { fundId: fund.fundId, year, lineCode: l.lineCode };
              const end = runOut(l, overview.asOf);
              return (
                <Table.Tr key={l.lineCode}>
                  <Table.Td>{l.lineName}</Table.Td>
                  <Table.Td ta="right"><Figure cents={l.allocatedCents} to={`/bilancio/assegnazioni?fondo=${fund.fundId}`} label={`Assegnato ${l.lineName}`} /></Table.Td>
                  <Table.Td ta="right"><Figure cents={l.committedCents} to={ledgerLink({ ...scope, kind: 'impegni' })} label={`Impegnato ${l.lineName}`} /></Table.Td>
                  <Table.Td ta="right"><Figure cents={l.availableCents} to={ledgerLink(scope)} label={`Disponibile ${l.lineName}`} strong /></Table.Td>
                  <Table.Td ta="right"><BurnFigure cents={l.committedPerMonthCents} short /></Table.Td>
                  <Table.Td ta="right"><Money cents={l.paidPerMonthCents} /></Table.Td>
                  <Table.Td ta="right">
                    <Tooltip label={end.hint} openDelay={300}>
                      <Text span size="sm" fw={500} c={end.color}>{end.text}</Text>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const MONTHS = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];

/** Commitments and payments month by month (all the funds shown, added up). */
function MonthlyChart({ overview }: { overview: BudgetOverview }) {
  const months = new Map<string, { committed: number; paid: number }>();
  for (const f of overview.funds) {
    for (const m of f.monthly) {
      const point = months.get(m.month) ?? { committed: 0, paid: 0 };
      point.committed += m.committedCents;
      point.paid += m.paidCents;
      months.set(m.month, point);
    }
  }
  const data = [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, p]) => ({ mese: `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`, Impegnato: p.committed, Liquidato: p.paid }));
  if (data.length === 0) return <Alert color="blue">Nessun movimento nel periodo considerato.</Alert>;
  // the chart is drawn in cents and labelled in euros: no conversion of the amounts
  const euro = (v: number) => formatEuro(Math.round(v)).replace(/,00$/, '');
  return (
    <Card withBorder radius="md" data-testid="grafico-mensile">
      <Text size="sm" c="dimmed" mb="xs">Impegni e liquidazioni per mese, fino al {formatDate(overview.asOf)}</Text>
      <Box role="img" aria-label={`Grafico: impegni e liquidazioni per mese, fino al ${formatDate(overview.asOf)}`}>
      <BarChart
        h={300}
        data={data}
        dataKey="mese"
        series={[
          { name: 'Impegnato', color: 'blue.5' },
          { name: 'Liquidato', color: 'teal.6' },
        ]}
        valueFormatter={euro}
        yAxisProps={{ width: 110 }}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
      />
      </Box>
    </Card>
  );
}

/** Quadro generale: cards per fund, then the table fund × year × line, pace per line, or the monthly chart. */
export function OverviewPage() {
  const reference = useBudget();
  const [params, setParams] = useSearchParams();
  const fundId = Number(params.get('fondo')) || null;
  const year = Number(params.get('anno')) || null;
  const months = Number(params.get('mesi')) || 12;
  const view = (['voci', 'ritmo', 'mensile'] as const).find((v) => v === params.get('vista')) ?? 'voci';
  const input = { fundId, year, months };
  const overview = useApiQuery('budget.overview', input, { placeholderData: keepPreviousData });
  const excel = useFileExport();
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'fondo') next.delete('anno');
        return next;
      },
      { replace: true },
    );

  if (reference.funds.length === 0) {
    return (
      <Alert color="blue" title="Nessun fondo registrato">
        {reference.canWrite ? (
          <>Per cominciare creare un fondo in <Anchor component={Link} to="/bilancio/fondi">Fondi</Anchor>, poi ripartirlo per anno e voce in Assegnazioni.</>
        ) : (
          'Il quadro comparirà quando l’ufficio finanza avrà registrato i fondi.'
        )}
      </Alert>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select
            label="Fondo"
            w={320}
            data={[{ value: '', label: 'Tutti i fondi' }, ...reference.funds.map((f) => ({ value: String(f.id), label: f.name }))]}
            value={fundId ? String(fundId) : ''}
            allowDeselect={false}
            onChange={(v) => set('fondo', v)}
          />
          <Select
            label="Anno"
            w={140}
            data={[{ value: '', label: 'Tutti gli anni' }, ...fundYears(reference, fundId).map((y) => ({ value: String(y), label: String(y) }))]}
            value={year ? String(year) : ''}
            allowDeselect={false}
            onChange={(v) => set('anno', v)}
          />
          <Select
            label="Ritmo di spesa sugli ultimi"
            w={190}
            data={[
              { value: '3', label: '3 mesi' },
              { value: '6', label: '6 mesi' },
              { value: '12', label: '12 mesi' },
              { value: '24', label: '24 mesi' },
            ]}
            value={String(months)}
            allowDeselect={false}
            onChange={(v) => set('mesi', v === '12' ? null : v)}
          />
        </Group>
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          loading={excel.exporting}
          onClick={() => void excel.run(() => call('budget.export.overview', input))}
        >
          Esporta quadro in Excel
        </Button>
      </Group>
      <QueryState query={overview}>
        {(data) => (
          <Stack gap="md">
            <SimpleGrid cols={data.funds.length === 1 ? 1 : 2} spacing="md">
              {data.funds.map((f) => (
                <FundCard key={f.fundId} fund={f} asOf={data.asOf} months={data.months} year={year} />
              ))}
            </SimpleGrid>
            <Group justify="space-between" align="center">
              <SegmentedControl
                value={view}
                onChange={(v) => set('vista', v === 'voci' ? null : v)}
                data={[
                  { value: 'voci', label: 'Per anno e voce' },
                  { value: 'ritmo', label: 'Ritmo di spesa per voce' },
                  { value: 'mensile', label: 'Andamento mensile' },
                ]}
              />
              <Text size="xs" c="dimmed">
                Ritmo calcolato sugli ultimi {data.months} mesi fino al {formatDate(data.asOf)} · ogni cifra apre i movimenti che la compongono
              </Text>
            </Group>
            {view === 'voci' && <YearLineTable overview={data} year={year} />}
            {view === 'ritmo' && <PaceTable overview={data} year={year} />}
            {view === 'mensile' && <MonthlyChart overview={data} />}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
