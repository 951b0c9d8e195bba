import { Alert, Anchor, Button, Card, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { LIST_TABLE_PROPS } from '../../components/listTable';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { InterventionListRow } from '../../../../electron/contract/paths';
import { INSTRUMENT_LABELS, INSTRUMENTS, INTERVENTION_STATUS_LABELS, INTERVENTION_STATUSES, type Instrument, type InterventionStatus } from '../../../../electron/domain/paths';
import { useApiQuery } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatNumber } from '../../format';
import { days, InterventionStatusBadge } from './labels';

const PAGE_SIZE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface ListState {
  instruments: Instrument[];
  statuses: InterventionStatus[];
  company: string;
  companyId: number | null;
  from: string | null;
  to: string | null;
  page: number;
}

const oneOf = <T extends string>(values: readonly T[]) => (v: string): v is T => (values as readonly string[]).includes(v);

/** The filters live in the address (#/percorsi?strumento=tirocinio&stato=attivo…), so Back returns to the same list. */
function parse(params: URLSearchParams): ListState {
  const list = (key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
  const date = (key: string) => {
    const v = params.get(key);
    return v && DATE.test(v) ? v : null;
  };
  const companyId = Number(params.get('aziendaId'));
  const page = Number(params.get('pagina'));
  return {
    instruments: list('strumento').filter(oneOf(INSTRUMENTS)),
    statuses: list('stato').filter(oneOf(INTERVENTION_STATUSES)),
    company: params.get('azienda') ?? '',
    companyId: Number.isSafeInteger(companyId) && companyId > 0 ? companyId : null,
    from: date('dal'),
    to: date('al'),
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

function serialize(s: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (s.instruments.length) params.set('strumento', s.instruments.join(','));
  if (s.statuses.length) params.set('stato', s.statuses.join(','));
  if (s.company.trim()) params.set('azienda', s.company);
  if (s.companyId !== null) params.set('aziendaId', String(s.companyId));
  if (s.from) params.set('dal', s.from);
  if (s.to) params.set('al', s.to);
  if (s.page > 1) params.set('pagina', String(s.page));
  return params;
}

const EMPTY: ListState = { instruments: [], statuses: [], company: '', companyId: null, from: null, to: null, page: 1 };
const filtered = (s: ListState) => s.instruments.length > 0 || s.statuses.length > 0 || s.company.trim() !== '' || s.companyId !== null || s.from !== null || s.to !== null;

const columns: DataTableColumn<InterventionListRow>[] = [
  {
    accessor: 'personName',
    title: 'Persona',
    render: (r) => (
      <Anchor component={Link} to={`/persone/${r.personId}`} fw={600} size="sm" c="inherit" title={r.personName} onClick={(e) => e.stopPropagation()}>
        {r.personName}
      </Anchor>
    ),
  },
  { accessor: 'instrumentCode', title: 'Strumento', width: 140, render: (r) => INSTRUMENT_LABELS[r.instrumentCode] },
  { accessor: 'companyName', title: 'Azienda', width: 170, render: (r) => (r.companyName ? <span title={r.companyName}>{r.companyName}</span> : '—') },
  { accessor: 'status', title: 'Stato', width: 96, render: (r) => <InterventionStatusBadge status={r.status} /> },
  { accessor: 'startDate', title: 'Inizio', width: 92, render: (r) => formatDate(r.startDate) },
  { accessor: 'endDate', title: 'Fine', width: 92, render: (r) => formatDate(r.endDate) },
  { accessor: 'detail', title: 'Dettagli', width: 200, render: (r) => (r.detail ? <span title={r.detail}>{r.detail}</span> : '—') },
  {
    accessor: 'daysFromFirstInterview',
    title: 'Dal colloquio',
    width: 112,
    textAlign: 'right',
    render: (r) => (r.daysFromFirstInterview === null ? '—' : days(r.daysFromFirstInterview)),
  },
];

/** Percorsi: every intervention of every person, newest first, filtered and paged on the server. */
export function PathsListPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<ListState>(() => parse(params));
  const [company, setCompany] = useState(state.company);
  useEffect(() => {
    setParams(serialize(state), { replace: true });
  }, [state, setParams]);
  const change = (c: Partial<ListState>) => setState((s) => ({ ...s, ...c, page: c.page ?? 1 }));
  const applyCompany = useDebouncedCallback((text: string) => change({ company: text }), 300);
  const filter = { instruments: state.instruments, statuses: state.statuses, company: state.company, companyId: state.companyId, from: state.from, to: state.to };
  const list = useApiQuery('paths.list', { filter, page: state.page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });
  const data = list.data;
  const isFiltered = filtered(state);
  const reset = () => {
    setCompany('');
    setState(EMPTY);
  };
  const common = { size: 'xs', clearable: true, comboboxProps: { width: 'max-content' as const, position: 'bottom-start' as const } } as const;
  const subtitle = data ? `${formatNumber(data.total)} ${data.total === 1 ? 'intervento' : 'interventi'}${isFiltered ? ' con questi filtri' : ''}` : ' ';

  return (
    <>
      <PageHeader title="Percorsi" subtitle={subtitle} />
      <Stack gap="sm">
        <Group gap="xs" align="flex-end" role="group" aria-label="Filtri">
          <TextInput
            size="xs"
            label="Azienda"
            placeholder="Parte del nome"
            leftSection={<IconSearch size={14} />}
            w={220}
            value={company}
            onChange={(e) => {
              setCompany(e.currentTarget.value);
              applyCompany(e.currentTarget.value);
            }}
          />
          <MultiSelect
            {...common}
            label="Strumento"
            w={190}
            placeholder="Tutti"
            data={INSTRUMENTS.map((i) => ({ value: i, label: INSTRUMENT_LABELS[i] }))}
            value={state.instruments}
            onChange={(v) => change({ instruments: v as Instrument[] })}
          />
          <MultiSelect
            {...common}
            label="Stato"
            w={170}
            placeholder="Tutti"
            data={INTERVENTION_STATUSES.map((s) => ({ value: s, label: INTERVENTION_STATUS_LABELS[s] }))}
            value={state.statuses}
            onChange={(v) => change({ statuses: v as InterventionStatus[] })}
          />
          <DatePickerInput
            size="xs"
            clearable
            label="In corso dal"
            w={124}
            placeholder="gg/mm/aaaa"
            valueFormat="DD/MM/YYYY"
            value={state.from}
            maxDate={state.to ?? undefined}
            onChange={(v) => change({ from: v })}
          />
          <DatePickerInput
            size="xs"
            clearable
            label="al"
            w={124}
            placeholder="gg/mm/aaaa"
            valueFormat="DD/MM/YYYY"
            value={state.to}
            minDate={state.from ?? undefined}
            onChange={(v) => change({ to: v })}
          />
          {isFiltered && (
            <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} />} onClick={reset}>
              Azzera filtri
            </Button>
          )}
        </Group>
        {state.companyId !== null && (
          <Text size="sm" c="dimmed">
            Solo gli interventi di un’azienda (n. {state.companyId}).{' '}
            <Anchor size="sm" onClick={() => change({ companyId: null })}>
              Mostra tutte le aziende
            </Anchor>
          </Text>
        )}
        {list.error && <Alert color="red" title="Impossibile caricare l’elenco">{list.error.message}</Alert>}
        {data && data.total === 0 ? (
          <Card withBorder radius="md" p="xl" ta="center">
            <Stack align="center" gap="sm">
              <Text fw={600}>{isFiltered ? 'Nessun intervento con questi filtri' : 'Nessun intervento registrato'}</Text>
              <Text size="sm" c="dimmed">
                {isFiltered
                  ? 'Controllare il nome dell’azienda o togliere qualche filtro.'
                  : 'Gli interventi si aggiungono dalla scheda di una persona presa in carico (scheda Percorso), oppure proponendo una persona per un fabbisogno di un’azienda.'}
              </Text>
              {isFiltered && (
                <Button variant="light" leftSection={<IconFilterOff size={16} />} onClick={reset}>
                  Azzera filtri
                </Button>
              )}
            </Stack>
          </Card>
        ) : (
          <DataTable<InterventionListRow>
            {...LIST_TABLE_PROPS}
            height="calc(100vh - 232px)"
            minHeight={240}
            fetching={list.isFetching}
            loaderBackgroundBlur={0}
            records={data?.rows ?? []}
            columns={columns}
            idAccessor="id"
            totalRecords={data?.total ?? 0}
            recordsPerPage={PAGE_SIZE}
            page={state.page}
            onPageChange={(p) => change({ page: p })}
            paginationText={({ from, to, totalRecords }) => `${formatNumber(from)}–${formatNumber(to)} di ${formatNumber(totalRecords)}`}
            getPaginationControlProps={(control) => ({ 'aria-label': { first: 'Prima pagina', last: 'Ultima pagina', previous: 'Pagina precedente', next: 'Pagina successiva' }[control] })}
            getPaginationItemProps={(p) => ({ 'aria-label': `Pagina ${p}` })}
            noRecordsText="Caricamento…"
            onRowClick={({ record }) => void navigate(`/persone/${record.personId}`)}
            rowStyle={() => ({ cursor: 'pointer' })}
          />
        )}
      </Stack>
    </>
  );
}
