import { ActionIcon, Badge, Box, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconFileSpreadsheet, IconFilterOff } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import type { DataTableColumn } from 'mantine-datatable';
import { useState } from 'react';
import type { AuditChange, AuditFilter, AuditListRow } from '../../../../electron/contract/system';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { FILTER_SELECT_PROPS } from '../../components/ListFilters';
import { PAGE_SIZE, ServerTable } from '../../components/ServerTable';
import { useFileExport } from '../../components/useFileExport';
import { formatDate, formatNumber } from '../../format';

interface Filter {
  username: string | null;
  entity: string | null;
  entityId: string;
  action: string | null;
  from: string | null;
  to: string | null;
}
const EMPTY: Filter = { username: null, entity: null, entityId: '', action: null, from: null, to: null };
const isFiltered = (f: Filter) => f.username !== null || f.entity !== null || f.entityId.trim() !== '' || f.action !== null || f.from !== null || f.to !== null;
/** What the API gets: the record number only with its entity (the server refuses it alone). */
const toApi = (f: Filter): AuditFilter => ({ username: f.username, entity: f.entity, entityId: f.entity ? f.entityId.trim() || null : null, action: f.action, from: f.from, to: f.to });

const KIND_COLOR: Record<AuditChange['kind'], string> = { aggiunto: 'green', rimosso: 'red', modificato: 'blue' };

/** Before/after of one row: only what changed, field by field, in Italian. */
function ChangesTable({ row }: { row: AuditListRow }) {
  if (row.changes.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md" py="xs">
        Nessun dato modificato registrato per questa operazione.
      </Text>
    );
  }
  return (
    <Box px="md" py="xs" bg="var(--mantine-color-gray-0)">
      <Table withTableBorder layout="fixed" fz="sm" verticalSpacing={4} aria-label={`Modifiche dell’operazione n. ${row.id}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="24%">Campo</Table.Th>
            <Table.Th w={110}>Modifica</Table.Th>
            <Table.Th>Prima</Table.Th>
            <Table.Th>Dopo</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {row.changes.map((c) => (
            <Table.Tr key={c.field}>
              <Table.Td fw={600} style={{ overflowWrap: 'anywhere' }}>{c.field}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={KIND_COLOR[c.kind]} tt="none">
                  {c.kind}
                </Badge>
              </Table.Td>
              <Table.Td c={c.before === null ? 'dimmed' : 'red.8'} td={c.kind === 'modificato' ? 'line-through' : undefined} style={{ overflowWrap: 'anywhere' }}>
                {c.before ?? '—'}
              </Table.Td>
              <Table.Td c={c.after === null ? 'dimmed' : 'green.9'} style={{ overflowWrap: 'anywhere' }}>
                {c.after ?? '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

function summary(row: AuditListRow): string {
  if (row.changes.length === 0) return '—';
  const names = row.changes.map((c) => c.field);
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} e altri ${names.length - 3}`;
}

/**
 * Impostazioni → Registro modifiche (administrators): the audit log paged on the server, newest first,
 * filtered by user, object and record number, operation and days; each row opens the Italian difference
 * of its before/after. «Esporta in Excel» writes the filtered rows (as a job, like the other exports).
 */
export function AuditPanel() {
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<number[]>([]);
  const options = useApiQuery('system.audit.options', {});
  const apiFilter = toApi(filter);
  const list = useApiQuery('system.audit.list', { filter: apiFilter, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });
  const exporter = useFileExport();

  const change = (next: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(1);
    setExpanded([]);
  };
  const reset = () => change(EMPTY);
  const toggle = (id: number) => setExpanded((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const filtered = isFiltered(filter);
  const data = list.data;

  const columns: DataTableColumn<AuditListRow>[] = [
    {
      accessor: 'toggle',
      title: '',
      width: 40,
      render: (r) => {
        const open = expanded.includes(r.id);
        return (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={open ? `Nascondi le modifiche dell’operazione n. ${r.id}` : `Mostra le modifiche dell’operazione n. ${r.id}`}
            aria-expanded={open}
            onClick={(e) => {
              e.stopPropagation();
              toggle(r.id);
            }}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        );
      },
    },
    { accessor: 'at', title: 'Quando', width: 150, render: (r) => formatDate(r.at, true) },
    { accessor: 'username', title: 'Utente', width: '18%', render: (r) => <span title={r.username ?? ''}>{r.userFullName ?? r.username ?? '—'}</span> },
    { accessor: 'actionLabel', title: 'Operazione', width: '15%' },
    { accessor: 'entityLabel', title: 'Oggetto', width: '18%', render: (r) => `${r.entityLabel}${r.entityId ? ` n. ${r.entityId}` : ''}` },
    {
      accessor: 'changes',
      title: 'Campi modificati',
      // wraps instead of widening the table beyond a narrow window
      ellipsis: false,
      // clear of the table's scrollbar, which overlays the right edge
      titleStyle: { paddingRight: 16 },
      cellsStyle: () => ({ paddingRight: 16 }),
      render: (r) => <span title={summary(r)}>{summary(r)}</span>,
    },
  ];

  const subtitle = data ? `${formatNumber(data.total)} ${data.total === 1 ? 'operazione' : 'operazioni'}${filtered ? ' con questi filtri' : ''}, dalla più recente` : ' ';
  const selectData = (items: { value: string; label: string }[] | undefined) => items ?? [];

  return (
    <Card withBorder radius="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={4}>Registro delle modifiche</Title>
            <Text size="sm" c="dimmed">
              {subtitle}
            </Text>
          </div>
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            loading={exporter.exporting}
            disabled={!data || data.total === 0}
            onClick={() => void exporter.run(() => call('system.audit.export', { filter: apiFilter }))}
          >
            Esporta in Excel
          </Button>
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label="Filtri del registro">
          <Select
            {...FILTER_SELECT_PROPS}
            label="Utente"
            w={200}
            placeholder="Tutti"
            searchable
            // the name; the user name is searched too, and shown in the list
            data={options.data?.users.map((u) => ({ value: u.username, label: u.fullName })) ?? []}
            filter={({ options: items, search }) => {
              const text = search.trim().toLowerCase();
              return (items as { value: string; label: string }[]).filter((o) => o.label.toLowerCase().includes(text) || o.value.toLowerCase().includes(text));
            }}
            renderOption={({ option }) => (
              <div>
                <Text size="sm">{option.label}</Text>
                <Text size="xs" c="dimmed">
                  {option.value}
                </Text>
              </div>
            )}
            value={filter.username}
            onChange={(username) => change({ username })}
          />
          <Select
            {...FILTER_SELECT_PROPS}
            label="Oggetto"
            w={190}
            placeholder="Tutti"
            searchable
            data={selectData(options.data?.entities)}
            value={filter.entity}
            onChange={(entity) => change({ entity, ...(entity === null && { entityId: '' }) })}
          />
          <Tooltip label="Scegliere prima l’oggetto" disabled={filter.entity !== null} openDelay={300}>
            <TextInput
              size="xs"
              label="N. record"
              w={90}
              inputMode="numeric"
              disabled={filter.entity === null}
              value={filter.entityId}
              onChange={(e) => change({ entityId: e.currentTarget.value.replace(/[^\d]/g, '') })}
            />
          </Tooltip>
          <Select
            {...FILTER_SELECT_PROPS}
            label="Operazione"
            w={180}
            placeholder="Tutte"
            searchable
            data={selectData(options.data?.actions)}
            value={filter.action}
            onChange={(action) => change({ action })}
          />
          <DateField size="xs" label="Dal" w={120} clearable value={filter.from} maxDate={filter.to ?? undefined} onChange={(from) => change({ from: from || null })} />
          <DateField size="xs" label="Al" w={120} clearable value={filter.to} minDate={filter.from ?? undefined} onChange={(to) => change({ to: to || null })} />
          {filtered && (
            <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={reset}>
              Azzera filtri
            </Button>
          )}
        </Group>
        <ServerTable<AuditListRow>
          data={data}
          fetching={list.isFetching}
          error={list.error}
          columns={columns}
          page={page}
          onPageChange={(p) => {
            setPage(p);
            setExpanded([]);
          }}
          height="calc(100vh - 400px)"
          rowExpansion={{
            allowMultiple: true,
            expanded: { recordIds: expanded, onRecordIdsChange: (ids: unknown[]) => setExpanded(ids as number[]) },
            content: ({ record }) => <ChangesTable row={record} />,
          }}
          empty={
            filtered
              ? {
                  title: 'Nessuna operazione con questi filtri',
                  text: 'Allargare il periodo, scegliere un altro utente o oggetto, o controllare il numero del record; «Azzera filtri» mostra tutto il registro.',
                  onReset: reset,
                }
              : { title: 'Il registro è vuoto', text: 'Ogni modifica, accesso, esportazione o backup viene registrato qui automaticamente: non c’è nulla da fare.' }
          }
        />
      </Stack>
    </Card>
  );
}
