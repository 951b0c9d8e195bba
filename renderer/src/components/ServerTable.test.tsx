import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render } from '../test/render';
import { type EmptyMessage, type ListSort, ServerTable } from './ServerTable';

interface Row {
  id: number;
  name: string;
  date: string;
}
type Column = 'name' | 'date';

const ALL: Row[] = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, name: `Persona ${i + 1}`, date: `2024-01-${String((i % 28) + 1).padStart(2, '0')}` }));
const COLUMNS = [
  { accessor: 'name', title: 'Nome', sortable: true },
  { accessor: 'date', title: 'Data', sortable: true, width: 100 },
];

/** A page that keeps the table's page and order, as the lists do, serving rows from ALL. */
function Harness({ total = ALL.length, empty = { title: 'Nessuna riga', text: 'Ancora niente.' }, onSort }: { total?: number; empty?: EmptyMessage; onSort?: (s: ListSort<Column>) => void }) {
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<ListSort<Column> | null>(null);
  const rows = ALL.slice(0, total).slice((page - 1) * 50, page * 50);
  return (
    <ServerTable<Row, Column>
      data={{ rows, total }}
      fetching={false}
      error={null}
      columns={COLUMNS}
      page={page}
      onPageChange={setPage}
      sort={{
        current: sort,
        descFirst: ['date'],
        onChange: (next) => {
          onSort?.(next);
          setSort(next);
        },
      }}
      height="400px"
      rowLink={(r) => `/righe/${r.id}`}
      empty={empty}
    />
  );
}

const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('ServerTable', () => {
  it('renders one page of rows with the Italian pager', async () => {
    const { user } = render(<Harness />);
    expect(bodyRows()).toHaveLength(50);
    expect(screen.getByText('Persona 1')).toBeTruthy();
    expect(screen.getByText('1–50 di 120')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Pagina 2' }));
    expect(screen.getByText('51–100 di 120')).toBeTruthy();
    expect(screen.getByText('Persona 51')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Pagina successiva' }));
    expect(screen.getByText('101–120 di 120')).toBeTruthy();
    expect(bodyRows()).toHaveLength(20);
  });

  it('toggles the order on the sorted column and names it in Italian', async () => {
    const onSort = vi.fn();
    const { user } = render(<Harness onSort={onSort} />);
    const header = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name} `) });
    expect(header('Nome').textContent).toBe('Nome');
    expect(within(header('Nome')).getByRole('img').getAttribute('aria-label')).toBe('non ordinata');

    await user.click(header('Nome'));
    expect(onSort).toHaveBeenLastCalledWith({ column: 'name', direction: 'asc' });
    expect(within(header('Nome')).getByRole('img').getAttribute('aria-label')).toBe('ordinata in modo crescente');

    await user.click(header('Nome'));
    expect(onSort).toHaveBeenLastCalledWith({ column: 'name', direction: 'desc' });
    expect(within(header('Nome')).getByRole('img').getAttribute('aria-label')).toBe('ordinata in modo decrescente');

    // another column starts from its own end: dates from the most recent
    await user.click(header('Data'));
    expect(onSort).toHaveBeenLastCalledWith({ column: 'date', direction: 'desc' });
    expect(within(header('Nome')).getByRole('img').getAttribute('aria-label')).toBe('non ordinata');
    expect(within(header('Data')).getByRole('img').getAttribute('aria-label')).toBe('ordinata in modo decrescente');
  });

  it('opens the row that is clicked', async () => {
    const { user, address } = render(<Harness />, { route: '/righe' });
    await user.click(screen.getByText('Persona 3'));
    expect(address()).toBe('/righe/3');
  });

  it('says that nothing is registered yet', () => {
    render(<Harness total={0} empty={{ title: 'Nessuna persona registrata', text: 'Registrare la prima persona.' }} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Nessuna persona registrata')).toBeTruthy();
    expect(screen.getByText('Registrare la prima persona.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Azzera filtri' })).toBeNull();
  });

  it('offers to clear the filters that hide every row', async () => {
    const onReset = vi.fn();
    const { user } = render(<Harness total={0} empty={{ title: 'Nessuna persona trovata con questi filtri', text: 'Togliere qualche filtro.', onReset }} />);
    expect(screen.getByText('Nessuna persona trovata con questi filtri')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Azzera filtri' }));
    expect(onReset).toHaveBeenCalledOnce();
  });

  it('shows why the list could not be loaded', () => {
    render(
      <ServerTable<Row>
        data={undefined}
        fetching={false}
        error={{ message: 'Sessione scaduta' }}
        columns={COLUMNS}
        page={1}
        onPageChange={() => {}}
        height="400px"
        rowLink={(r) => `/righe/${r.id}`}
        empty={{ title: 'Nessuna riga', text: '' }}
      />,
    );
    expect(screen.getByText('Impossibile caricare l’elenco')).toBeTruthy();
    expect(screen.getByText('Sessione scaduta')).toBeTruthy();
  });
});
