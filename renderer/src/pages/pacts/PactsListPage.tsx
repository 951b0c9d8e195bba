import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconFileCertificate, IconFilterOff, IconPrinter } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { type DataTableColumn } from 'mantine-datatable';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PACT_VIEWS, type PactListRow, type PactView } from '../../../../electron/contract/pacts';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { PACT_STATUSES, PACT_STATUS_LABELS, type PactStatus } from '../../../../electron/domain/pacts';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { ListSearch } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { PAGE_SIZE, ServerTable } from '../../components/ServerTable';
import { formatDate, formatNumber } from '../../format';
import { CompanyPicker } from './pickers';
import { isFiltered, listFilter, parseListState, serializeListState, type ListState } from './listState';
import { PACT_MODE_SHORT, PACT_STATUS_COLORS, printBlankForm } from './pactUi';

const VIEW_LABELS: Record<PactView, string> = { da_firmare: 'Da firmare', firmati_mese: 'Firmati questo mese', tutti: 'Tutti' };
const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];

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

/** Patti: to sign, signed this month, all; by company and referent; searchable. */
export function PactsListPage() {
  const user = useCurrentUser();
  const canWrite = CASE_WRITERS.includes(user.role);
  const navigate = useNavigate();
  const reference = useReference();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params), [params]);
  const update = (change: Partial<ListState>) => setParams(serializeListState({ ...state, page: 1, ...change }), { replace: true });
  const reset = () => update({ search: '', companyId: null, referentUserId: null, status: null });
  useHotkeys([['alt+N', () => canWrite && navigate('/patti/nuovo')]]);

  const list = useApiQuery(
    'pacts.list',
    { filter: listFilter(state), sort: state.sort, page: state.page, pageSize: PAGE_SIZE },
    { placeholderData: keepPreviousData },
  );
  const data = list.data;
  const referents = useMemo(() => (reference.data?.referents ?? []).map((r) => ({ value: String(r.id), label: r.fullName })), [reference.data]);
  const filtered = isFiltered(state);
  const monthName = data ? `${MONTHS[Number(data.month.from.slice(5, 7)) - 1]} ${data.month.from.slice(0, 4)}` : '';
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
            <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={reset}>
              Azzera filtri
            </Button>
          )}
        </Group>
        <Group gap="sm" wrap="nowrap" align="flex-end">
          <ListSearch placeholder="Cerca per numero, cognome o azienda" w={320} value={state.search} onSearch={(text) => update({ search: text.trim() })} />
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
        <ServerTable
          data={data}
          fetching={list.isFetching}
          error={list.error}
          columns={columns(state.view)}
          page={state.page}
          onPageChange={(page) => update({ page })}
          sort={{ current: state.sort, descFirst: ['pactDate', 'signedOn'], onChange: (sort) => update({ sort }) }}
          height="calc(100vh - 262px)"
          rowLink={(r) => `/patti/${r.id}`}
          empty={
            filtered
              ? { title: 'Nessun patto trovato con questi filtri', text: 'Controllare la ricerca o togliere qualche filtro.', onReset: reset }
              : { title: VIEW_LABELS[state.view], text: EMPTY_TEXT[state.view] }
          }
        />
      </Stack>
    </>
  );
}
