import { Anchor, Button, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { type DataTableColumn } from 'mantine-datatable';
import { useState } from 'react';
import { Link } from 'react-router';
import type { InterventionListRow } from '../../../../electron/contract/paths';
import { INSTRUMENT_LABELS, INSTRUMENTS, INTERVENTION_STATUS_LABELS, INTERVENTION_STATUSES, type Instrument, type InterventionStatus } from '../../../../electron/domain/paths';
import { useApiQuery } from '../../api/hooks';
import { DateRangeFilter, FILTER_SELECT_PROPS } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { PAGE_SIZE, ServerTable } from '../../components/ServerTable';
import { useListState } from '../../components/useListState';
import { formatDate, formatNumber } from '../../format';
import { days, InterventionStatusBadge } from './labels';
import { EMPTY_STATE, isFiltered, listFilter, parseListState, serializeListState, type ListState } from './listState';

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
  const [state, setState] = useListState(parseListState, serializeListState);
  const [company, setCompany] = useState(state.company);
  const change = (c: Partial<ListState>) => setState((s) => ({ ...s, ...c, page: c.page ?? 1 }));
  const applyCompany = useDebouncedCallback((text: string) => change({ company: text }), 300);
  const list = useApiQuery('paths.list', { filter: listFilter(state), page: state.page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });
  const data = list.data;
  const filtered = isFiltered(state);
  const reset = () => {
    setCompany('');
    setState(EMPTY_STATE);
  };
  const subtitle = data ? `${formatNumber(data.total)} ${data.total === 1 ? 'intervento' : 'interventi'}${filtered ? ' con questi filtri' : ''}` : ' ';

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
            {...FILTER_SELECT_PROPS}
            label="Strumento"
            w={190}
            placeholder="Tutti"
            data={INSTRUMENTS.map((i) => ({ value: i, label: INSTRUMENT_LABELS[i] }))}
            value={state.instruments}
            onChange={(v) => change({ instruments: v as Instrument[] })}
          />
          <MultiSelect
            {...FILTER_SELECT_PROPS}
            label="Stato"
            w={170}
            placeholder="Tutti"
            data={INTERVENTION_STATUSES.map((s) => ({ value: s, label: INTERVENTION_STATUS_LABELS[s] }))}
            value={state.statuses}
            onChange={(v) => change({ statuses: v as InterventionStatus[] })}
          />
          <DateRangeFilter label="In corso dal" from={state.from} to={state.to} onChange={change} />
          {filtered && (
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
        <ServerTable
          data={data}
          fetching={list.isFetching}
          error={list.error}
          columns={columns}
          page={state.page}
          onPageChange={(p) => change({ page: p })}
          height="calc(100vh - 232px)"
          rowLink={(r) => `/persone/${r.personId}`}
          empty={
            filtered
              ? { title: 'Nessun intervento con questi filtri', text: 'Controllare il nome dell’azienda o togliere qualche filtro.', onReset: reset }
              : {
                  title: 'Nessun intervento registrato',
                  text: 'Gli interventi si aggiungono dalla scheda di una persona presa in carico (scheda Percorso), oppure proponendo una persona per un fabbisogno di un’azienda.',
                }
          }
        />
      </Stack>
    </>
  );
}
