import { Alert, Anchor, Badge, Button, Card, Group, MultiSelect, SegmentedControl, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { IconBuildingPlus, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { LIST_TABLE_PROPS } from '../../components/listTable';
import { DataTable, type DataTableColumn, type DataTableSortStatus } from 'mantine-datatable';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SIZE_BAND_LABELS, SIZE_BAND_SHORT, SIZE_BANDS, type CompanyListRow, type CompanySortColumn, type SizeBand } from '../../../../electron/contract/companies';
import type { ReferenceData } from '../../../../electron/contract/people';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { formatNumber } from '../../format';
import { EMPTY_FILTER, isFiltered, parseListState, serializeListState, type Filter, type ListState, type Sort } from './listState';

const PAGE_SIZE = 50;
const REMEMBERED = 'ixl.aziende.elenco';

function clipped(text: string | null) {
  return text ? <span title={text}>{text}</span> : '—';
}

export function BoardBadge({ board, size = 'sm' }: { board: boolean; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  return (
    <Badge size={size} variant={board ? 'filled' : 'light'} color={board ? 'indigo' : 'gray'} tt="none">
      {board ? 'Board' : 'Collaboratrice'}
    </Badge>
  );
}

const COLUMNS: DataTableColumn<CompanyListRow>[] = [
  {
    accessor: 'name',
    title: 'Ragione sociale',
    sortable: true,
    render: (r) => (
      <Anchor component={Link} to={`/aziende/${r.id}`} fw={600} size="sm" c="inherit" onClick={(e) => e.stopPropagation()} title={r.name}>
        {r.name}
      </Anchor>
    ),
  },
  { accessor: 'vatNumber', title: 'Partita IVA', width: 100, render: (r) => <Text size="xs" ff="monospace">{r.vatNumber}</Text> },
  { accessor: 'comune', title: 'Sede', sortable: true, width: 124, render: (r) => clipped(r.seatCity) },
  {
    accessor: 'ateco',
    title: 'Settore ATECO',
    sortable: true,
    width: 150,
    render: (r) => (r.atecoSection ? <span title={`${r.atecoSection} – ${r.atecoName ?? ''}`}>{`${r.atecoSection} · ${r.atecoName ?? ''}`}</span> : '—'),
  },
  { accessor: 'size', title: 'Dimensione', sortable: true, width: 114, render: (r) => (r.sizeBand ? <span title={SIZE_BAND_LABELS[r.sizeBand]}>{SIZE_BAND_SHORT[r.sizeBand]}</span> : '—') },
  { accessor: 'board', title: 'Board', sortable: true, width: 116, render: (r) => <BoardBadge board={r.board} /> },
  {
    accessor: 'openNeeds',
    title: 'Fabbisogni',
    sortable: true,
    width: 118,
    // clear of the table's scrollbar, which overlays the right edge
    titleStyle: { paddingRight: 16 },
    cellsStyle: () => ({ paddingRight: 16 }),
    render: (r) =>
      r.openNeeds > 0 ? (
        <Badge size="sm" variant="light" color="green" tt="none">
          {r.openNeeds} {r.openNeeds === 1 ? 'aperto' : 'aperti'}
        </Badge>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ),
  },
];

/** A click on the sorted column reverses it; another column starts A→Z, Board members and most open needs first. */
function nextSort(current: Sort, column: CompanySortColumn): Sort {
  if (column === current.column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'board' || column === 'openNeeds' ? 'desc' : 'asc' };
}

const SORT_LABELS: Record<string, string> = {
  'Not sorted': 'non ordinata',
  'Sorted ascending': 'ordinata in modo crescente',
  'Sorted descending': 'ordinata in modo decrescente',
};
/** mantine-datatable names its sort icons in English: relabel them after each render. */
function useItalianSortLabels(tableRef: React.RefObject<HTMLTableElement | null>) {
  useLayoutEffect(() => {
    for (const icon of tableRef.current?.querySelectorAll('thead [role="img"][aria-label]') ?? []) {
      const italian = SORT_LABELS[icon.getAttribute('aria-label') ?? ''];
      if (italian) icon.setAttribute('aria-label', italian);
    }
  });
}

function useListState() {
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<ListState>(() => {
    const remembered = params.size === 0 ? sessionStorage.getItem(REMEMBERED) : null;
    return parseListState(remembered ? new URLSearchParams(remembered) : params);
  });
  useEffect(() => {
    const query = serializeListState(state).toString();
    sessionStorage.setItem(REMEMBERED, query);
    setParams(query, { replace: true });
  }, [state, setParams]);
  return [state, setState] as const;
}

function Filters({ filter, reference, onChange }: { filter: Filter; reference: ReferenceData | undefined; onChange: (change: Partial<Filter>) => void }) {
  const common = { size: 'xs', clearable: true, comboboxProps: { width: 'max-content' as const, position: 'bottom-start' as const } } as const;
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label="Filtri">
      <MultiSelect
        {...common}
        label="Settore ATECO"
        w={190}
        placeholder="Tutti"
        searchable
        data={reference?.atecoSections.map((a) => ({ value: a.code, label: `${a.code} – ${a.name}` })) ?? []}
        value={filter.atecoSections}
        onChange={(atecoSections) => onChange({ atecoSections })}
      />
      <MultiSelect
        {...common}
        label="Dimensione"
        w={160}
        placeholder="Tutte"
        data={SIZE_BANDS.map((s) => ({ value: s, label: SIZE_BAND_LABELS[s] }))}
        value={filter.sizes}
        onChange={(v) => onChange({ sizes: v as SizeBand[] })}
      />
      <MultiSelect
        {...common}
        label="Distretto"
        w={170}
        placeholder="Tutti"
        data={reference?.districts.map((d) => ({ value: d.code, label: d.name })) ?? []}
        value={filter.districts}
        onChange={(districts) => onChange({ districts })}
      />
      <MultiSelect
        {...common}
        label="Comune della sede"
        w={190}
        placeholder="Tutti"
        searchable
        data={reference?.comuni.map((c) => ({ value: c.istatCode, label: c.name })) ?? []}
        value={filter.comuni}
        onChange={(comuni) => onChange({ comuni })}
      />
    </Group>
  );
}

function EmptyList({ filtered, canWrite, onReset }: { filtered: boolean; canWrite: boolean; onReset: () => void }) {
  if (filtered) {
    return (
      <Card withBorder radius="md" p="xl" ta="center">
        <Stack align="center" gap="sm">
          <Text fw={600}>Nessuna azienda trovata con questi filtri</Text>
          <Text size="sm" c="dimmed">
            Controllare la ricerca (parte del nome o prime cifre della partita IVA) o togliere qualche filtro.
          </Text>
          <Button variant="light" leftSection={<IconFilterOff size={16} />} onClick={onReset}>
            Azzera filtri
          </Button>
        </Stack>
      </Card>
    );
  }
  return (
    <Alert color="blue" title="Nessuna azienda registrata">
      {canWrite ? 'Registrare la prima azienda con «Nuova azienda»: servono la ragione sociale, la partita IVA e il comune della sede.' : 'Le aziende compariranno qui quando un operatore le avrà registrate.'}
    </Alert>
  );
}

/** Aziende: the searchable, filterable, sortable list of companies, paged on the server. */
export function CompaniesListPage() {
  const user = useCurrentUser();
  const canWrite = CASE_WRITERS.includes(user.role);
  const navigate = useNavigate();
  const reference = useReference();
  const [state, setState] = useListState();
  const { filter, sort, page } = state;
  const [search, setSearch] = useState(filter.search);
  const tableRef = useRef<HTMLTableElement>(null);
  useItalianSortLabels(tableRef);
  const list = useApiQuery('companies.list', { filter, sort, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });

  const changeFilter = (change: Partial<Filter>) => setState((s) => ({ ...s, filter: { ...s.filter, ...change }, page: 1 }));
  const reset = () => {
    setSearch('');
    setState((s) => ({ ...s, filter: EMPTY_FILTER, page: 1 }));
  };
  const applySearch = useDebouncedCallback((text: string) => changeFilter({ search: text }), 200);
  useHotkeys([['alt+N', () => canWrite && navigate('/aziende/nuova')]]);

  const data = list.data;
  const filtered = isFiltered(filter);
  const sortStatus: DataTableSortStatus<CompanyListRow> = { columnAccessor: sort.column, direction: sort.direction };
  const subtitle = data ? `${formatNumber(data.total)} ${data.total === 1 ? 'azienda' : 'aziende'}${filtered ? ' con questi filtri' : ''}` : ' ';

  return (
    <>
      <PageHeader
        title="Aziende"
        subtitle={subtitle}
        actions={
          canWrite && (
            <Tooltip label="Alt+N" openDelay={600}>
              <Button component={Link} to="/aziende/nuova" leftSection={<IconBuildingPlus size={16} />}>
                Nuova azienda
              </Button>
            </Tooltip>
          )
        }
      />
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <TextInput
            aria-label="Cerca"
            placeholder="Cerca per nome o partita IVA"
            leftSection={<IconSearch size={16} />}
            w={340}
            autoFocus
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              applySearch(e.currentTarget.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                applySearch.cancel();
                changeFilter({ search });
              }
            }}
          />
          <SegmentedControl
            aria-label="Board di imprese"
            size="xs"
            value={filter.board ?? 'tutte'}
            onChange={(v) => changeFilter({ board: v === 'board' || v === 'collaboratrice' ? v : null })}
            data={[
              { value: 'tutte', label: 'Tutte' },
              { value: 'board', label: 'Board' },
              { value: 'collaboratrice', label: 'Collaboratrici' },
            ]}
          />
          <Switch label="Con fabbisogni aperti" checked={filter.withOpenNeeds} onChange={(e) => changeFilter({ withOpenNeeds: e.currentTarget.checked })} mr="auto" />
          {filtered && (
            <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={reset}>
              Azzera filtri
            </Button>
          )}
        </Group>
        <Filters filter={filter} reference={reference.data} onChange={changeFilter} />
        {list.error && (
          <Alert color="red" title="Impossibile caricare l’elenco">
            {list.error.message}
          </Alert>
        )}
        {data && data.total === 0 ? (
          <EmptyList filtered={filtered} canWrite={canWrite} onReset={reset} />
        ) : (
          <DataTable<CompanyListRow>
            tableRef={(table) => {
              tableRef.current = table;
            }}
            {...LIST_TABLE_PROPS}
            height="calc(100vh - 250px)"
            minHeight={240}
            fetching={list.isFetching}
            loaderBackgroundBlur={0}
            records={data?.rows ?? []}
            columns={COLUMNS}
            idAccessor="id"
            sortStatus={sortStatus}
            onSortStatusChange={(status) => setState((s) => ({ ...s, sort: nextSort(s.sort, status.columnAccessor as CompanySortColumn), page: 1 }))}
            totalRecords={data?.total ?? 0}
            recordsPerPage={PAGE_SIZE}
            page={page}
            onPageChange={(p) => setState((s) => ({ ...s, page: p }))}
            paginationText={({ from, to, totalRecords }) => `${formatNumber(from)}–${formatNumber(to)} di ${formatNumber(totalRecords)}`}
            getPaginationControlProps={(control) => ({ 'aria-label': { first: 'Prima pagina', last: 'Ultima pagina', previous: 'Pagina precedente', next: 'Pagina successiva' }[control] })}
            getPaginationItemProps={(p) => ({ 'aria-label': `Pagina ${p}` })}
            noRecordsText="Caricamento…"
            onRowClick={({ record }) => void navigate(`/aziende/${record.id}`)}
            rowStyle={() => ({ cursor: 'pointer' })}
          />
        )}
      </Stack>
    </>
  );
}
