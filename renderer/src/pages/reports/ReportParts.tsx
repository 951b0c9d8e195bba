import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Badge, Box, Card, Group, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import type { Cell, KeyFigure, ReportTable, ValueFormat } from '../../../../electron/contract/reports';
import { formatReportDelta, formatReportValue } from '../../../../electron/domain/reportFormat';

/**
 * The pieces of the Report page and the Cruscotto: figure cards with the previous period, tables and
 * charts. They only render the report model: suppressed cells show «<3» or «n.d.», as in the files.
 */

const SUPPRESSED_HELP = {
  lt3: 'Meno di 3 persone: il numero non si mostra, per tutela della riservatezza.',
  nd: 'Dato non divulgato: permetterebbe di ricalcolare una cella nascosta, anche confrontando i report di altri periodi.',
};

export function CellText({ cell, format }: { cell: Cell; format: ValueFormat }) {
  const text = formatReportValue(cell, format);
  if (!cell.flag) return <>{text}</>;
  return (
    <Tooltip label={SUPPRESSED_HELP[cell.flag]} multiline w={260} withArrow>
      <Text span c="dimmed" inherit style={{ cursor: 'help' }}>
        {text}
      </Text>
    </Tooltip>
  );
}

export function FigureCard({ figure, previousLabel }: { figure: KeyFigure; previousLabel: string | null }) {
  const change = formatReportDelta(figure.delta, figure.format);
  return (
    <Card withBorder padding="sm" radius="md" data-testid={`figura-${figure.key}`}>
      <Text size="sm" c="dimmed" lineClamp={2} title={figure.hint ?? figure.label}>
        {figure.label}
      </Text>
      <Text fz={26} fw={700} data-testid="valore">
        <CellText cell={figure.current} format={figure.format} />
      </Text>
      {figure.previous && previousLabel && (
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed">
            {previousLabel}: <CellText cell={figure.previous} format={figure.format} />
          </Text>
          {change && (
            <Badge size="sm" variant="light" color="gray" radius="sm" tt="none" aria-label={`Variazione ${change}`}>
              {change}
            </Badge>
          )}
        </Group>
      )}
    </Card>
  );
}

export function FigureGrid({ figures, previousLabel, cols = 4 }: { figures: KeyFigure[]; previousLabel: string | null; cols?: number }) {
  return (
    <SimpleGrid cols={cols} spacing="sm">
      {figures.map((f) => (
        <FigureCard key={f.key} figure={f} previousLabel={previousLabel} />
      ))}
    </SimpleGrid>
  );
}

export function ReportTableView({ table, maxRows }: { table: ReportTable; maxRows?: number }) {
  const rows = maxRows ? table.rows.slice(0, maxRows) : table.rows;
  return (
    <Stack gap={4}>
      <Title order={5}>{table.title}</Title>
      {table.note && (
        <Text size="xs" c="dimmed">
          {table.note}
        </Text>
      )}
      <Table striped highlightOnHover withTableBorder fz="sm" verticalSpacing={4} aria-label={table.title}>
        <Table.Thead>
          <Table.Tr>
            {table.rowHeaders.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
            {table.columns.map((c) => (
              <Table.Th key={c.key} ta="right" c={c.previous ? 'dimmed' : undefined}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={table.rowHeaders.length + table.columns.length}>
                <Text size="sm" c="dimmed">Nessun dato nel periodo.</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              {r.labels.map((l, i) => (
                <Table.Td key={i}>{l}</Table.Td>
              ))}
              {table.columns.map((c, i) => (
                <Table.Td key={c.key} ta="right" c={c.previous ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {c.signed ? formatReportDelta(r.cells[i]!.value, r.format ?? c.format) || '—' : <CellText cell={r.cells[i]!} format={r.format ?? c.format} />}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {table.total && (
          <Table.Tfoot>
            <Table.Tr fw={700}>
              {table.total.labels.map((l, i) => (
                <Table.Td key={i}>{l}</Table.Td>
              ))}
              {table.columns.map((c, i) => (
                <Table.Td key={c.key} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <CellText cell={table.total!.cells[i]!} format={c.format} />
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
      {maxRows && table.rows.length > maxRows && (
        <Text size="xs" c="dimmed">
          Prime {maxRows} righe di {table.rows.length}: l’elenco completo è nell’Excel e nel PDF.
        </Text>
      )}
    </Stack>
  );
}

const shownValue = (cell: Cell | undefined) => (cell && cell.flag === null ? cell.value : null);

/** A breakdown as horizontal bars (this period, and the previous one when the table has it). */
export function ReportBarChart({ table, currentLabel, previousLabel }: { table: ReportTable; currentLabel: string; previousLabel: string | null }) {
  if (!table.chart || table.chart.kind !== 'bar') return null;
  const i = table.columns.findIndex((c) => c.key === table.chart!.column);
  const column = table.columns[i];
  if (!column) return null;
  const p = table.columns.findIndex((c) => c.key === `${column.key}_prec`);
  const withPrevious = p >= 0 && previousLabel !== null;
  const data = table.rows.map((r) => ({
    voce: r.labels.join(' · '),
    current: shownValue(r.cells[i]),
    ...(withPrevious ? { previous: shownValue(r.cells[p]) } : {}),
  }));
  const format = (v: number) => formatReportValue({ value: v, flag: null }, column.format);
  // the numbers are in the table beside the chart: the chart is one named image
  return (
    <Box role="img" aria-label={`Grafico: ${table.title}`}>
    <BarChart
      h={Math.max(120, data.length * (withPrevious ? 46 : 30) + 50)}
      data={data}
      dataKey="voce"
      orientation="vertical"
      series={[
        { name: 'current', label: currentLabel, color: 'blue.6' },
        ...(withPrevious ? [{ name: 'previous', label: previousLabel!, color: 'gray.5' }] : []),
      ]}
      withLegend={withPrevious}
      withBarValueLabel
      valueFormatter={format}
      barChartProps={{ margin: { right: column.format === 'euro' ? 100 : 36 } }}
      yAxisProps={{ width: 170 }}
      gridAxis="x"
    />
    </Box>
  );
}

/** A series over time as a line; suppressed months are gaps. */
export function ReportLineChart({ table, h = 220 }: { table: ReportTable; h?: number }) {
  if (!table.chart || table.chart.kind !== 'line') return null;
  const i = table.columns.findIndex((c) => c.key === table.chart!.column);
  const column = table.columns[i];
  if (!column) return null;
  const data = table.rows.map((r) => ({ mese: r.labels[0], valore: shownValue(r.cells[i]) }));
  const hidden = table.rows.some((r) => r.cells[i]?.flag);
  return (
    <Stack gap={2}>
      <Box role="img" aria-label={`Grafico: ${table.title}`}>
      <LineChart
        h={h}
        data={data}
        dataKey="mese"
        series={[{ name: 'valore', label: column.label, color: 'blue.6' }]}
        connectNulls={false}
        curveType="linear"
        valueFormatter={(v) => formatReportValue({ value: v, flag: null }, column.format)}
      />
      </Box>
      {hidden && (
        <Text size="xs" c="dimmed">
          Le interruzioni della linea sono mesi con meno di 3 inserimenti (dato non mostrato).
        </Text>
      )}
    </Stack>
  );
}
