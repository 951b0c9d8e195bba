import { Alert, Anchor, Badge, Button, Card, Group, SegmentedControl, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { IconFileCertificate, IconFilterOff, IconPrinter, IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { LIST_TABLE_PROPS } from '../../components/listTable';
import { DataTable, type DataTableColumn, type DataTableSortStatus } from 'mantine-datatable';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PACT_SORT_COLUMNS, PACT_VIEWS, type PactListRow, type PactSortColumn, type PactView } from '../../../../electron/contract/pacts';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { PACT_STATUSES, PACT_STATUS_LABELS, type PactStatus } from '../../../../electron/domain/pacts';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatNumber } from '../../format';
import { CompanyPicker } from './pickers';
import { PACT_MODE_SHORT, PACT_STATUS_COLORS, printBlankForm } from './pactUi';

const PAGE_SIZE = 50;
const VIEW_LABELS: Record<PactView, string> = { da_firmare: 'Da firmare', firmati_mese: 'Firmati questo mese', tutti: 'Tutti' };
const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];

interface ListState {
  view: PactView;
  search: string;
  companyId: number | null;
  referentUserId: number | null;
  status: PactStatus | null;
  sort: { column: PactSortColumn; direction: 'asc' | 'desc' } | null;
  page: number;
}

const num = (v: string | null) => {
  const n = Number(v);
  return v && Number.isSafeInteger(n) && n > 0 ? n : null;
};

function parse(params: URLSearchParams): ListState {
  const view = params.get('vista') as PactView | null;
  const status = params.get('stato') as PactStatus | null;
  const column = params.get('ordina') as PactSortColumn | null;
  return {
    view: view && PACT_VIEWS.includes(view) ? view : 'da_firmare',
    search: params.get('cerca') ?? '',
    companyId: num(params.get('azienda')),
    referentUserId: num(params.get('referente')),
    status: status && PACT_STATUSES.includes(status) ? status : null,
    sort: column && PACT_SORT_COLUMNS.includes(column) ? { column, direction: params.get('verso') === 'asc' ? 'asc' : 'desc' } : null,
    page: num(params.get('pagina')) ?? 1,
  };
}

function serialize(s: ListState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.view !== 'da_firmare') p.set('vista', s.view);
  if (s.search) p.set('cerca', s.search);
  if (s.companyId) p.set('azienda', String(s.companyId));
  if (s.referentUserId) p.set('referente', String(s.referentUserId));
  if (s.status && s.view === 'tutti') p.set('stato', s.status);
  if (s.sort) {
    p.set('ordina', s.sort.column);
    p.set('verso', s.sort.direction);
  }
  if (s.page > 1) p.set('pagina', String(s.page));
  return p;
}

function columns(view: PactView): DataTableColumn<PactListRow>[] {
  const all: (DataTableColumn<PactListRow> | false)[] = [
    {
      accessor: 'number',
      title: 'Numero',
      sortable: true,
      width: 150,
      render: (r) => (
        <Anchor component={Link} to={`/patti/${r.id}`} fw={600} size="sm" c="inherit" onClick={(e) => e.stopPropagation()}>
          {r.number}
        </Anchor>
      ),
    },
    { accessor: 'pactDate', title: 'Data', sortable: true, width: 100, render: (r) => formatDate(r.pactDate) },
    { accessor: 'person', title: 'Persona', sortable: true, render: (r) => <span title={r.personName}>{r.personName}</span> },
    { accessor: 'company', title: 'Azienda', sortable: true, render: (r) => <span title={r.companyName}>{r.companyName}</span> },
    { accessor: 'modes', title: 'Modalità', width: 150, render: (r) => r.modes.map((m) => PACT_MODE_SHORT[m]).join(', ') || '—' },
    { accessor: 'referentName', title: 'Referente', width: 150, render: (r) => <span title={r.referentName}>{r.referentName}</span> },
    view !== 'da_firmare' && { accessor: 'signedOn', title: 'Firmato il', sortable: true, width: 104, render: (r) => formatDate(r.signedOn) },
    {
      accessor: 'status',
      title: 'Stato',
      sortable: true,
      width: 110,
      render: (r) => (
        <Badge size="sm" variant="light" color={PACT_STATUS_COLORS[r.status]} tt="none">
          {PACT_STATUS_LABELS[r.status]}
        </Badge>
      ),
    },
  ];
  return all.filter((c): c is DataTableColumn<PactListRow> => c !== false);
}

const EMPTY_TEXT: Record<PactView, string> = {
  da_firmare: 'Nessun patto in attesa di firma: i patti in bozza e quelli stampati compaiono qui finché non si allega la copia firmata.',
  firmati_mese: 'Nessun patto firmato in questo mese. Quando un patto torna firmato, aprirlo e usare «Segna come firmato».',
  tutti: 'Nessun patto registrato. Un patto si prepara dalla scheda della persona, dell’azienda o di un percorso, oppure con «Nuovo patto».',
};

const SORT_LABELS: Record<string, string> = {
  'Not sorted': 'non ordinata',
  'Sorted ascending': 'ordinata in modo crescente',
  'Sorted descending': 'ordinata in modo decrescente',
};

/** mantine-datatable names its sort icons in English, with no prop to change them: relabel them after each render. */
function useItalianSortLabels(tableRef: React.RefObject<HTMLTableElement | null>) {
  useLayoutEffect(() => {
    for (const icon of tableRef.current?.querySelectorAll('thead [role="img"][aria-label]') ?? []) {
      const italian = SORT_LABELS[icon.getAttribute('aria-label') ?? ''];
      if (italian) icon.setAttribute('aria-label', italian);
    }
  });
}

/** Patti: to sign, signed this month, all; by company and referent; searchable. */
export function PactsListPage() {
  const user = useCurrentUser();
  const canWrite = CASE_WRITERS.includes(user.role);
  const navigate = useNavigate();
  const reference = useReference();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parse(params), [params]);
  const [search, setSearch] = useState(state.search);
  const tableRef = useRef<HTMLTableElement>(null);
  useItalianSortLabels(tableRef);
  const update = (change: Partial<ListState>) => setParams(serialize({ ...state, page: 1, ...change }), { replace: true });
  const applySearch = useDebouncedCallback((text: string) => update({ search: text.trim() }), 250);
  useHotkeys([['alt+N', () => canWrite && navigate('/patti/nuovo')]]);

  const list = useApiQuery(
    'pacts.list',
    {
      filter: { view: state.view, search: state.search, companyId: state.companyId, referentUserId: state.referentUserId, status: state.view === 'tutti' ? state.status : null },
      sort: state.sort,
      page: state.page,
      pageSize: PAGE_SIZE,
    },
    { placeholderData: keepPreviousData },
  );
  const data = list.data;
  const referents = useMemo(() => (reference.data?.referents ?? []).map((r) => ({ value: String(r.id), label: r.fullName })), [reference.data]);
  const filtered = Boolean(state.search || state.companyId || state.referentUserId || state.status);
  const monthName = data ? `${MONTHS[Number(data.month.from.slice(5, 7)) - 1]} ${data.month.from.slice(0, 4)}` : '';
  const sortStatus: DataTableSortStatus<PactListRow> | undefined = state.sort ? { columnAccessor: state.sort.column, direction: state.sort.direction } : undefined;
  const subtitle = data
    ? `${formatNumber(data.counts.da_firmare)} da firmare · ${formatNumber(data.counts.firmati_mese)} ${data.counts.firmati_mese === 1 ? 'firmato' : 'firmati'} in ${monthName}${filtered ? ' (con questi filtri)' : ''}`
    : ' ';

  return (
    <>
      <PageHeader
        title="Patti"
        subtitle={subtitle}
        actions={
          <Group gap="xs">
            <Tooltip label="Il Patto per il buon lavoro senza dati, da compilare a mano" openDelay={400}>
              <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => void printBlankForm()}>
                Modulo vuoto
              </Button>
            </Tooltip>
            {canWrite && (
              <Tooltip label="Alt+N" openDelay={600}>
                <Button component={Link} to="/patti/nuovo" leftSection={<IconFileCertificate size={16} />}>
                  Nuovo patto
                </Button>
              </Tooltip>
            )}
          </Group>
        }
      />
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <SegmentedControl
            aria-label="Quali patti"
            value={state.view}
            onChange={(v) => update({ view: v as PactView, sort: null })}
            data={PACT_VIEWS.map((v) => ({ value: v, label: data ? `${VIEW_LABELS[v]} (${formatNumber(data.counts[v])})` : VIEW_LABELS[v] }))}
          />
          {filtered && (
            <Button
              variant="subtle"
              leftSection={<IconFilterOff size={16} />}
              onClick={() => {
                setSearch('');
                update({ search: '', companyId: null, referentUserId: null, status: null });
              }}
            >
              Azzera filtri
            </Button>
          )}
        </Group>
        <Group gap="sm" wrap="nowrap" align="flex-end">
          <TextInput
            aria-label="Cerca"
            placeholder="Cerca per numero, cognome o azienda"
            leftSection={<IconSearch size={16} />}
            w={320}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              applySearch(e.currentTarget.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                applySearch.cancel();
                update({ search: search.trim() });
              }
            }}
          />
          <CompanyPicker
            aria-label="Azienda"
            placeholder="Tutte le aziende"
            w={300}
            value={state.companyId}
            initialLabel={null}
            onChange={(id) => update({ companyId: id })}
          />
          <Select
            aria-label="Referente"
            placeholder="Tutti i referenti"
            w={220}
            searchable
            clearable
            data={referents}
            value={state.referentUserId ? String(state.referentUserId) : null}
            onChange={(v) => update({ referentUserId: v ? Number(v) : null })}
          />
          {state.view === 'tutti' && (
            <Select
              aria-label="Stato"
              placeholder="Tutti gli stati"
              w={170}
              clearable
              data={PACT_STATUSES.map((s) => ({ value: s, label: PACT_STATUS_LABELS[s] }))}
              value={state.status}
              onChange={(v) => update({ status: v as PactStatus | null })}
            />
          )}
        </Group>
        {list.error && <Alert color="red" title="Impossibile caricare l’elenco">{list.error.message}</Alert>}
        {data && data.total === 0 ? (
          filtered ? (
            <Card withBorder radius="md" p="xl" ta="center">
              <Text fw={600}>Nessun patto trovato con questi filtri</Text>
              <Text size="sm" c="dimmed">Controllare la ricerca o togliere qualche filtro.</Text>
            </Card>
          ) : (
            <Alert color="blue" title={VIEW_LABELS[state.view]}>
              {EMPTY_TEXT[state.view]}
            </Alert>
          )
        ) : (
          <DataTable<PactListRow>
            tableRef={(table) => {
              tableRef.current = table;
            }}
            {...LIST_TABLE_PROPS}
            height="calc(100vh - 262px)"
            minHeight={240}
            fetching={list.isFetching}
            loaderBackgroundBlur={0}
            records={data?.rows ?? []}
            columns={columns(state.view)}
            idAccessor="id"
            sortStatus={sortStatus as DataTableSortStatus<PactListRow>}
            onSortStatusChange={(s) => {
              const column = s.columnAccessor as PactSortColumn;
              const direction = state.sort?.column === column ? (state.sort.direction === 'asc' ? 'desc' : 'asc') : column === 'pactDate' || column === 'signedOn' ? 'desc' : 'asc';
              update({ sort: { column, direction } });
            }}
            totalRecords={data?.total ?? 0}
            recordsPerPage={PAGE_SIZE}
            page={state.page}
            onPageChange={(p) => setParams(serialize({ ...state, page: p }), { replace: true })}
            paginationText={({ from, to, totalRecords }) => `${formatNumber(from)}–${formatNumber(to)} di ${formatNumber(totalRecords)}`}
            getPaginationControlProps={(control) => ({ 'aria-label': { first: 'Prima pagina', last: 'Ultima pagina', previous: 'Pagina precedente', next: 'Pagina successiva' }[control] })}
            getPaginationItemProps={(p) => ({ 'aria-label': `Pagina ${p}` })}
            noRecordsText="Caricamento…"
            onRowClick={({ record }) => void navigate(`/patti/${record.id}`)}
            rowStyle={() => ({ cursor: 'pointer' })}
          />
        )}
      </Stack>
    </>
  );
}
