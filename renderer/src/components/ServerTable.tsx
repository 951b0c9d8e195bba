import { Alert, Button, Card, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { DataTable, type DataTableColumn, type DataTableRowExpansionProps, type DataTableSortProps } from 'mantine-datatable';
import { useLayoutEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { formatNumber } from '../format';

export const PAGE_SIZE = 50;

/** A table that scrolls is reachable by keyboard (Tab to it, then the arrows scroll it). */
export const KEYBOARD_SCROLL = { viewportProps: { tabIndex: 0 } };

/** The Italian labels of mantine-datatable's pager. */
export const PAGER_PROPS = {
  paginationText: ({ from, to, totalRecords }: { from: number; to: number; totalRecords: number }) => `${formatNumber(from)}–${formatNumber(to)} di ${formatNumber(totalRecords)}`,
  getPaginationControlProps: (control: 'first' | 'last' | 'previous' | 'next') => ({
    'aria-label': { first: 'Prima pagina', last: 'Ultima pagina', previous: 'Pagina precedente', next: 'Pagina successiva' }[control],
  }),
  getPaginationItemProps: (p: number) => ({ 'aria-label': `Pagina ${p}` }),
} as const;

export interface ListSort<C extends string> {
  column: C;
  direction: 'asc' | 'desc';
}

/** Server-side order: the current one (null: the server's default), the columns that start Z→A or newest first, what a click asks for. */
export interface SortControl<C extends string> {
  current: ListSort<C> | null;
  descFirst?: readonly C[];
  onChange: (next: ListSort<C>) => void;
}

/** What an empty page says. With `onReset` the filters hid every row, and the message offers to clear them. */
export interface EmptyMessage {
  title: string;
  text: string;
  onReset?: () => void;
}

interface ServerTableProps<T extends { id: number }, C extends string> {
  /** One page of rows and the count of all, as the list method returns them; undefined until the first answer. */
  data: { rows: T[]; total: number } | undefined;
  fetching: boolean;
  error: { message: string } | null;
  columns: DataTableColumn<T>[];
  page: number;
  onPageChange: (page: number) => void;
  sort?: SortControl<C>;
  /** CSS height, so that the table fills the window below the filters. */
  height: string;
  /** Where a click on a row goes (a list of records). */
  rowLink?: (row: T) => string;
  /** Or what a row opens below itself (a log): give the rows a focusable toggle too, for the keyboard. */
  rowExpansion?: DataTableRowExpansionProps<T>;
  empty: EmptyMessage;
}

/** A click on the sorted column reverses it; another column starts A→Z, or Z→A for those in `descFirst`. */
function nextSort<C extends string>(current: ListSort<C> | null, column: C, descFirst: readonly C[]): ListSort<C> {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: descFirst.includes(column) ? 'desc' : 'asc' };
}

const SORT_LABELS: Record<string, string> = {
  'Not sorted': 'non ordinata',
  'Sorted ascending': 'ordinata in modo crescente',
  'Sorted descending': 'ordinata in modo decrescente',
};

/** mantine-datatable names its sort icons in English, with no prop to change them: relabel them after each render. */
function useItalianSortLabels() {
  const tableRef = useRef<HTMLTableElement | null>(null);
  useLayoutEffect(() => {
    for (const icon of tableRef.current?.querySelectorAll('thead [role="img"][aria-label]') ?? []) {
      const italian = SORT_LABELS[icon.getAttribute('aria-label') ?? ''];
      if (italian) icon.setAttribute('aria-label', italian);
    }
  });
  return tableRef;
}

function EmptyList({ title, text, onReset }: EmptyMessage) {
  if (!onReset) {
    return (
      <Alert color="blue" title={title}>
        {text}
      </Alert>
    );
  }
  return (
    <Card withBorder radius="md" p="xl" ta="center">
      <Stack align="center" gap="sm">
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">
          {text}
        </Text>
        <Button variant="light" leftSection={<IconFilterOff size={16} />} onClick={onReset}>
          Azzera filtri
        </Button>
      </Stack>
    </Card>
  );
}

/** The server-paged lists (people, companies, percorsi, patti, the audit log): one look, Italian pager and sort labels, empty and error states. */
export function ServerTable<T extends { id: number }, C extends string = never>({ data, fetching, error, columns, page, onPageChange, sort, height, rowLink, rowExpansion, empty }: ServerTableProps<T, C>) {
  const navigate = useNavigate();
  const tableRef = useItalianSortLabels();
  const sorting: DataTableSortProps<T> = sort
    ? {
        sortStatus: { columnAccessor: sort.current?.column ?? '', direction: sort.current?.direction ?? 'asc' },
        onSortStatusChange: ({ columnAccessor }) => sort.onChange(nextSort(sort.current, columnAccessor as C, sort.descFirst ?? [])),
      }
    : {};
  return (
    <>
      {error && (
        <Alert color="red" title="Impossibile caricare l’elenco">
          {error.message}
        </Alert>
      )}
      {data && data.total === 0 ? (
        <EmptyList {...empty} />
      ) : (
        <DataTable<T>
          tableRef={(table) => {
            tableRef.current = table;
          }}
          withTableBorder
          borderRadius="md"
          striped
          highlightOnHover
          verticalAlign="center"
          fz="sm"
          horizontalSpacing={8}
          defaultColumnProps={{ ellipsis: true }}
          scrollAreaProps={KEYBOARD_SCROLL}
          height={height}
          minHeight={240}
          fetching={fetching}
          loaderBackgroundBlur={0}
          records={data?.rows ?? []}
          columns={columns}
          idAccessor="id"
          {...sorting}
          totalRecords={data?.total ?? 0}
          recordsPerPage={PAGE_SIZE}
          page={page}
          onPageChange={onPageChange}
          {...PAGER_PROPS}
          noRecordsText="Caricamento…"
          onRowClick={rowLink ? ({ record }) => void navigate(rowLink(record)) : undefined}
          rowExpansion={rowExpansion}
          rowStyle={() => ({ cursor: 'pointer' })}
        />
      )}
    </>
  );
}
