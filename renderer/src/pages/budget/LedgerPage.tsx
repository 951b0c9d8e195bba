import { KEYBOARD_SCROLL } from '../../components/ServerTable';
import { Alert, Badge, Button, CloseButton, Group, SegmentedControl, Select, Stack, Switch, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFilterOff } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useNavigate, useSearchParams } from 'react-router';
import type { LedgerEntry } from '../../../../electron/contract/budget';
import { formatEuro } from '../../../../electron/domain/money';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { formatDate, formatNumber } from '../../format';
import { useFileExport } from '../../components/useFileExport';
import { EMPTY_LEDGER_QUERY, parseLedgerQuery, serializeLedgerQuery, type LedgerKind, type LedgerQuery } from './ledgerParams';
import { fundYears, useBudget } from './reference';
import { OverrideBadge } from './Refusal';
import { Money, MOVEMENTS_TABLE_LOOK, PAGER_PROPS, TABULAR } from './ui';

const PAGE_SIZE = 50;

const KIND_COLORS: Record<string, string> = {
  impegno: 'blue',
  riduzione: 'grape',
  annullamento: 'gray',
  rettifica: 'grape',
  liquidazione: 'teal',
  storno: 'red',
};

/** A filter that has no control on the page (it comes from a link): shown as a removable chip. */
function Chip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <Badge size="lg" variant="light" tt="none" pr={3} rightSection={<CloseButton size="xs" aria-label={`Togli il filtro ${label}`} onClick={onRemove} />}>
      {label}
    </Badge>
  );
}

/** Movimenti: the ledger rows behind any figure, 50 a page, with their sum; export of the same rows to Excel. */
export function LedgerPage() {
  const reference = useBudget();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = parseLedgerQuery(params);
  const page = Number(params.get('pagina')) || 1;
  const filter = { ...query };
  const ledger = useApiQuery('budget.drilldown', { filter, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });
  const excel = useFileExport();
  const change = (next: Partial<LedgerQuery>, nextPage = 1) => setParams(serializeLedgerQuery({ ...query, ...next }, nextPage), { replace: true });
  const data = ledger.data;
  const fundNames = new Map(reference.funds.map((f) => [f.id, f.name]));
  const first = data?.rows[0];
  const filtered = serializeLedgerQuery(query) !== '';

  const chips: { label: string; clear: Partial<LedgerQuery> }[] = [];
  if (query.commitmentId) chips.push({ label: `Impegno n. ${query.commitmentId}`, clear: { commitmentId: null } });
  if (query.allocationId) {
    chips.push({ label: first ? `Assegnazione ${first.year} · ${first.lineName}` : `Assegnazione n. ${query.allocationId}`, clear: { allocationId: null } });
  }
  if (query.personId) chips.push({ label: `Persona: ${first?.personName ?? `n. ${query.personId}`}`, clear: { personId: null } });
  if (query.companyId) chips.push({ label: `Azienda: ${first?.companyName ?? `n. ${query.companyId}`}`, clear: { companyId: null } });
  if (query.instrumentCode) chips.push({ label: `Strumento: ${reference.instruments.find((i) => i.code === query.instrumentCode)?.name ?? query.instrumentCode}`, clear: { instrumentCode: null } });

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <Select
            label="Fondo"
            w={300}
            data={[{ value: '', label: 'Tutti i fondi' }, ...reference.funds.map((f) => ({ value: String(f.id), label: f.name }))]}
            value={query.fundId ? String(query.fundId) : ''}
            allowDeselect={false}
            onChange={(v) => change({ fundId: Number(v) || null, year: null, allocationId: null })}
          />
          <Select
            label="Anno"
            w={100}
            data={[{ value: '', label: 'Tutti' }, ...fundYears(reference, query.fundId).map((y) => ({ value: String(y), label: String(y) }))]}
            value={query.year ? String(query.year) : ''}
            allowDeselect={false}
            onChange={(v) => change({ year: Number(v) || null, allocationId: null })}
          />
          <Select
            label="Voce"
            w={190}
            data={[{ value: '', label: 'Tutte le voci' }, ...reference.lines.map((l) => ({ value: l.code, label: l.name }))]}
            value={query.lineCode ?? ''}
            allowDeselect={false}
            onChange={(v) => change({ lineCode: v || null, allocationId: null })}
          />
          <DateField label="Dal" w={125} clearable value={query.from} onChange={(v) => change({ from: v })} />
          <DateField label="Al" w={125} clearable value={query.to} onChange={(v) => change({ to: v })} />
        </Group>
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          loading={excel.exporting}
          disabled={!data?.total}
          style={{ flexShrink: 0 }}
          onClick={() => void excel.run(() => call('budget.export.ledger', { filter }))}
        >
          Esporta in Excel
        </Button>
      </Group>
      <Group justify="space-between">
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            value={query.kind}
            onChange={(v) => change({ kind: v as LedgerKind })}
            data={[
              { value: 'tutti', label: 'Tutti i movimenti' },
              { value: 'impegni', label: 'Impegni e variazioni' },
              { value: 'liquidazioni', label: 'Liquidazioni' },
            ]}
          />
          <Switch size="sm" label="Solo deroghe" checked={query.overridesOnly} onChange={(e) => change({ overridesOnly: e.currentTarget.checked })} />
          {chips.map((c) => (
            <Chip key={c.label} label={c.label} onRemove={() => change(c.clear)} />
          ))}
          {filtered && (
            <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} />} onClick={() => change(EMPTY_LEDGER_QUERY)}>
              Azzera filtri
            </Button>
          )}
        </Group>
        {data && (
          <Text size="sm" data-testid="movimenti-totale">
            {formatNumber(data.total)} {data.total === 1 ? 'movimento' : 'movimenti'} · somma{' '}
            <Text span fw={700} style={TABULAR}>{formatEuro(data.sumCents)}</Text>
          </Text>
        )}
      </Group>
      {ledger.error && <Alert color="red" title="Impossibile caricare i movimenti">{ledger.error.message}</Alert>}
      {data && data.total === 0 ? (
        <Alert color="blue" title="Nessun movimento">
          {filtered ? 'Nessun impegno o liquidazione con questi filtri: togliere qualche filtro.' : 'Il registro è vuoto: i movimenti compaiono quando si registrano impegni e liquidazioni.'}
        </Alert>
      ) : (
        <DataTable<LedgerEntry>
          scrollAreaProps={KEYBOARD_SCROLL}
          {...MOVEMENTS_TABLE_LOOK}
          height="calc(100vh - 318px)"
          fetching={ledger.isFetching}
          records={data?.rows ?? []}
          idAccessor={(r) => `${r.source}-${r.id}`}
          columns={[
            { accessor: 'date', title: 'Data', width: 96, render: (r) => formatDate(r.date) },
            {
              accessor: 'kindLabel',
              title: 'Movimento',
              width: 150,
              render: (r) => (
                <Group gap={4} wrap="nowrap">
                  <Badge size="sm" variant="light" color={KIND_COLORS[r.kind] ?? 'gray'} tt="none">{r.kindLabel}</Badge>
                  <OverrideBadge reason={r.overrideReason} />
                </Group>
              ),
            },
            { accessor: 'reference', title: 'Atto / documento', width: 136, render: (r) => r.reference ?? '—' },
            {
              accessor: 'description',
              title: 'Descrizione',
              cellsStyle: () => ({ maxWidth: 0, width: '100%' }),
              render: (r) => (
                <Stack gap={0}>
                  <Text size="sm" truncate title={r.description ?? undefined}>{r.description ?? '—'}</Text>
                  <Text size="xs" c="dimmed" truncate>
                    {r.payee ? `a ${r.payee} · ` : r.personName ? `${r.personName} · ` : r.companyName ? `${r.companyName} · ` : ''}
                    {r.year} · {r.lineName}
                    {query.fundId === null ? ` · ${fundNames.get(r.fundId) ?? r.fundCode}` : ''}
                  </Text>
                </Stack>
              ),
            },
            { accessor: 'amountCents', title: 'Importo', textAlign: 'right', width: 140, render: (r) => <Money cents={r.amountCents} /> },
          ]}
          totalRecords={data?.total ?? 0}
          recordsPerPage={PAGE_SIZE}
          page={page}
          onPageChange={(p) => change({}, p)}
          {...PAGER_PROPS}
          noRecordsText="Caricamento…"
          onRowClick={({ record }) => void navigate(`/bilancio/impegni/${record.commitmentId}`)}
          rowStyle={() => ({ cursor: 'pointer' })}
        />
      )}
    </Stack>
  );
}
