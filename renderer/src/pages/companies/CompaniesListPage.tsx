import { Anchor, Badge, Button, Group, MultiSelect, SegmentedControl, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconBuildingPlus, IconFilterOff } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { type DataTableColumn } from 'mantine-datatable';
import { Link, useNavigate } from 'react-router';
import { SIZE_BAND_LABELS, SIZE_BAND_SHORT, SIZE_BANDS, type CompanyListRow, type SizeBand } from '../../../../electron/contract/companies';
import type { ReferenceData } from '../../../../electron/contract/system';
import { CASE_WRITERS } from '../../../../electron/contract/roles';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { FILTER_SELECT_PROPS, ListSearch } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { PAGE_SIZE, ServerTable } from '../../components/ServerTable';
import { useListState } from '../../components/useListState';
import { formatNumber } from '../../format';
import { EMPTY_FILTER, isFiltered, parseListState, serializeListState, type Filter } from './listState';

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

function Filters({ filter, reference, onChange }: { filter: Filter; reference: ReferenceData | undefined; onChange: (change: Partial<Filter>) => void }) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label="Filtri">
      <MultiSelect
        {...FILTER_SELECT_PROPS}
        label="Settore ATECO"
        w={190}
        placeholder="Tutti"
        searchable
        data={reference?.atecoSections.map((a) => ({ value: a.code, label: `${a.code} – ${a.name}` })) ?? []}
        value={filter.atecoSections}
        onChange={(atecoSections) => onChange({ atecoSections })}
      />
      <MultiSelect
        {...FILTER_SELECT_PROPS}
        label="Dimensione"
        w={160}
        placeholder="Tutte"
        data={SIZE_BANDS.map((s) => ({ value: s, label: SIZE_BAND_LABELS[s] }))}
        value={filter.sizes}
        onChange={(v) => onChange({ sizes: v as SizeBand[] })}
      />
      <MultiSelect
        {...FILTER_SELECT_PROPS}
        label="Distretto"
        w={170}
        placeholder="Tutti"
        data={reference?.districts.map((d) => ({ value: d.code, label: d.name })) ?? []}
        value={filter.districts}
        onChange={(districts) => onChange({ districts })}
      />
      <MultiSelect
        {...FILTER_SELECT_PROPS}
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

/** Aziende: the searchable, filterable, sortable list of companies, paged on the server. */
export function CompaniesListPage() {
  const user = useCurrentUser();
  const canWrite = CASE_WRITERS.includes(user.role);
  const navigate = useNavigate();
  const reference = useReference();
  const [state, setState] = useListState(parseListState, serializeListState, REMEMBERED);
  const { filter, sort, page } = state;
  const list = useApiQuery('companies.list', { filter, sort, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });

  const changeFilter = (change: Partial<Filter>) => setState((s) => ({ ...s, filter: { ...s.filter, ...change }, page: 1 }));
  const reset = () => setState((s) => ({ ...s, filter: EMPTY_FILTER, page: 1 }));
  useHotkeys([['alt+N', () => canWrite && navigate('/aziende/nuova')]]);

  const data = list.data;
  const filtered = isFiltered(filter);
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
          <ListSearch placeholder="Cerca per nome o partita IVA" w={340} autoFocus value={filter.search} onSearch={(search) => changeFilter({ search })} />
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
        <ServerTable
          data={data}
          fetching={list.isFetching}
          error={list.error}
          columns={COLUMNS}
          page={page}
          onPageChange={(p) => setState((s) => ({ ...s, page: p }))}
          // Board members and most open needs first
          sort={{ current: sort, descFirst: ['board', 'openNeeds'], onChange: (next) => setState((s) => ({ ...s, sort: next, page: 1 })) }}
          height="calc(100vh - 250px)"
          rowLink={(r) => `/aziende/${r.id}`}
          empty={
            filtered
              ? {
                  title: 'Nessuna azienda trovata con questi filtri',
                  text: 'Controllare la ricerca (parte del nome o prime cifre della partita IVA) o togliere qualche filtro.',
                  onReset: reset,
                }
              : {
                  title: 'Nessuna azienda registrata',
                  text: canWrite
                    ? 'Registrare la prima azienda con «Nuova azienda»: servono la ragione sociale, la partita IVA e il comune della sede.'
                    : 'Le aziende compariranno qui quando un operatore le avrà registrate.',
                }
          }
        />
      </Stack>
    </>
  );
}
