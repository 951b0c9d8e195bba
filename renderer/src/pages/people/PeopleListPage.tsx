import { Anchor, Badge, Button, Group, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconCopy, IconFileSpreadsheet, IconFilterOff, IconShieldExclamation, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { type DataTableColumn } from 'mantine-datatable';
import { Link, useNavigate } from 'react-router';
import type { PersonListRow } from '../../../../electron/contract/people';
import { CASE_COORDINATORS, CASE_WRITERS } from '../../../../electron/contract/roles';
import { BAND_LABELS, type Band } from '../../../../electron/domain/bands';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../../electron/domain/caseStatus';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../auth/AuthProvider';
import { ListSearch } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { PAGE_SIZE, ServerTable } from '../../components/ServerTable';
import { useFileExport } from '../../components/useFileExport';
import { useListState } from '../../components/useListState';
import { formatDate, formatNumber } from '../../format';
import { EMPTY_FILTER, isFiltered, parseListState, serializeListState, type Filter } from './listState';
import { PeopleFilters } from './PeopleFilters';
import { SavedFilters } from './SavedFilters';

const REMEMBERED = 'ixl.persone.elenco';

const STATUS_COLORS: Record<CaseStatus, string> = {
  iscritto: 'gray',
  colloquio_fissato: 'blue',
  valutato: 'cyan',
  in_carico: 'green',
  fuori_target: 'orange',
  in_percorso: 'teal',
  concluso: 'dark',
};
const BAND_COLORS: Record<Band, string> = { fragile: 'red', target: 'green', forte: 'indigo' };
/** Short forms of BAND_LABELS for a narrow column; the full label is in the tooltip. */
const BAND_SHORT: Record<Band, string> = { fragile: 'Fragile', target: 'In target', forte: 'Forte' };

/** Text in a narrow column: cut with an ellipsis, whole on hover. */
function clipped(text: string | null) {
  return text ? <span title={text}>{text}</span> : '—';
}

/** Birth date and codice fiscale only for roles that see personal data (the server refuses to sort by them otherwise). */
function columns(personalData: boolean): DataTableColumn<PersonListRow>[] {
  const all: (DataTableColumn<PersonListRow> | false)[] = [
    {
      accessor: 'name',
      title: 'Cognome e nome',
      sortable: true,
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/persone/${r.id}`} fw={600} size="sm" c="inherit" onClick={(e) => e.stopPropagation()}>
            {r.anonymised ? 'Anonimizzato' : `${r.lastName} ${r.firstName}`}
          </Anchor>
          {r.anonymised && (
            <Text size="xs" c="dimmed" ff="monospace">
              {r.firstName}
            </Text>
          )}
          {!r.anonymised && !r.privacySigned && (
            // an icon, no text: the cell reads as the name alone
            <Tooltip label="Informativa privacy non firmata" openDelay={300}>
              <IconShieldExclamation size={16} color="var(--mantine-color-orange-7)" aria-label="Informativa privacy non firmata" role="img" style={{ flexShrink: 0 }} />
            </Tooltip>
          )}
        </Group>
      ),
    },
    personalData && { accessor: 'birthDate', title: 'Nascita', sortable: true, width: 100, render: (r) => formatDate(r.birthDate) },
    personalData && { accessor: 'taxCode', title: 'Codice fiscale', width: 136, render: (r) => <Text size="xs" ff="monospace">{r.taxCode ?? '—'}</Text> },
    { accessor: 'comune', title: 'Comune', sortable: true, width: 124, render: (r) => clipped(r.comune) },
    {
      accessor: 'status',
      title: 'Stato',
      sortable: true,
      width: 124,
      render: (r) =>
        r.status ? (
          <Badge size="sm" variant="light" color={STATUS_COLORS[r.status]} tt="none">
            {CASE_STATUS_LABELS[r.status]}
          </Badge>
        ) : (
          '—'
        ),
    },
    {
      accessor: 'band',
      title: 'Fascia',
      width: 104,
      render: (r) =>
        r.band ? (
          <Tooltip label={`${BAND_LABELS[r.band].label}: ${BAND_LABELS[r.band].routing.toLowerCase()}`} openDelay={400}>
            <Badge size="sm" variant="dot" color={BAND_COLORS[r.band]} tt="none" aria-label={BAND_LABELS[r.band].label}>
              {BAND_SHORT[r.band]}
            </Badge>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { accessor: 'channelName', title: 'Canale', width: 124, render: (r) => clipped(r.channelName) },
    { accessor: 'applicationDate', title: 'Domanda', sortable: true, width: 108, render: (r) => formatDate(r.applicationDate) },
    { accessor: 'referentName', title: 'Referente', width: 114, render: (r) => clipped(r.referentName) },
  ];
  return all.filter((c): c is DataTableColumn<PersonListRow> => c !== false);
}

/** Persone: the searchable, filterable, sortable list of people and their cases, paged on the server. */
export function PeopleListPage() {
  const user = useCurrentUser();
  const canWrite = CASE_WRITERS.includes(user.role);
  const navigate = useNavigate();
  const reference = useReference();
  // opening Persone from the menu (no query) brings back the last filters, until "Azzera filtri"
  const [state, setState] = useListState(parseListState, serializeListState, REMEMBERED);
  const { filter, sort, page } = state;
  const excel = useFileExport();
  const list = useApiQuery('people.list', { filter, sort, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });

  const changeFilter = (change: Partial<Filter>) => setState((s) => ({ ...s, filter: { ...s.filter, ...change }, page: 1 }));
  const replaceFilter = (next: Filter) => setState((s) => ({ ...s, filter: next, page: 1 }));
  useHotkeys([['alt+N', () => canWrite && navigate('/persone/nuova')]]);

  const exportExcel = () => excel.run(() => call('people.export', { filter, sort }));

  const data = list.data;
  const filtered = isFiltered(filter);
  const subtitle = data ? `${formatNumber(data.total)} ${data.total === 1 ? 'persona' : 'persone'}${filtered ? ' con questi filtri' : ''}` : ' ';

  return (
    <>
      <PageHeader
        title="Persone"
        subtitle={subtitle}
        actions={
          <Group gap="xs">
            {CASE_COORDINATORS.includes(user.role) && (
              <Button component={Link} to="/persone/doppioni" variant="default" leftSection={<IconCopy size={16} />}>
                Possibili doppioni
              </Button>
            )}
            <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} loading={excel.exporting} disabled={!data?.total} onClick={() => void exportExcel()}>
              Esporta in Excel
            </Button>
            {canWrite && (
              <Tooltip label="Alt+N" openDelay={600}>
                <Button component={Link} to="/persone/nuova" leftSection={<IconUserPlus size={16} />}>
                  Nuova persona
                </Button>
              </Tooltip>
            )}
          </Group>
        }
      />
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <ListSearch placeholder="Cerca per cognome, codice fiscale o telefono" w={420} autoFocus value={filter.search} onSearch={(search) => changeFilter({ search })} />
          <Switch
            label="Senza colloquio"
            description="Domande ancora da chiamare"
            checked={filter.withoutInterview}
            onChange={(e) => changeFilter({ withoutInterview: e.currentTarget.checked })}
            mr="auto"
            ml="md"
          />
          <Group gap="xs" wrap="nowrap">
            {filtered && (
              <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => replaceFilter(EMPTY_FILTER)}>
                Azzera filtri
              </Button>
            )}
            <SavedFilters filter={filter} onApply={replaceFilter} />
          </Group>
        </Group>
        <PeopleFilters filter={filter} reference={reference.data} onChange={changeFilter} />
        <ServerTable
          data={data}
          fetching={list.isFetching}
          error={list.error}
          columns={columns(!(data?.personalDataHidden ?? true))}
          page={page}
          onPageChange={(p) => setState((s) => ({ ...s, page: p }))}
          sort={{ current: sort, descFirst: ['applicationDate', 'statusDate'], onChange: (next) => setState((s) => ({ ...s, sort: next, page: 1 })) }}
          height="calc(100vh - 262px)"
          rowLink={(r) => `/persone/${r.id}`}
          empty={
            filtered
              ? { title: 'Nessuna persona trovata con questi filtri', text: 'Controllare la ricerca o togliere qualche filtro.', onReset: () => replaceFilter(EMPTY_FILTER) }
              : {
                  title: 'Nessuna persona registrata',
                  text: canWrite ? 'Registrare la prima persona con «Nuova persona».' : 'Le persone compariranno qui quando un operatore le avrà registrate.',
                }
          }
        />
      </Stack>
    </>
  );
}
