import { Alert, Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconDeviceFloppy, IconArrowBackUp } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AllocationGrid } from '../../../../electron/contract/budget';
import { formatEuro, parseEuro } from '../../../../electron/domain/money';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryState } from '../../components/QueryState';
import { notifyReloaded, StaleRecordAlert, staleRecordMessage } from '../../components/StaleRecordAlert';
import { ledgerLink } from './ledgerParams';
import { useBudget } from './reference';
import { amountText, confirmLeave, EuroInput, Money, TABULAR, useLeaveGuard } from './ui';

const cellKey = (year: number, lineCode: string) => `${year}|${lineCode}`;

/** The editable grid of one fund: years in columns, spending lines in rows, totals live as one types. */
function GridEditor({ grid, canWrite, onDirtyChange }: { grid: AllocationGrid; canWrite: boolean; onDirtyChange: (dirty: boolean) => void }) {
  const fund = grid.fund;
  const [edits, setEdits] = useState<Record<string, string>>({});
  // each edited cell's version when its editing began, sent back with the save (a refetch may bring newer ones)
  const [readVersions, setReadVersions] = useState<Record<string, number | null>>({});
  const [failure, setFailure] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const save = useApiMutation('budget.allocations.set', { success: 'Assegnazioni salvate', quietErrors: true });

  const cells = new Map(grid.cells.map((c) => [cellKey(c.year, c.lineCode), c]));
  const original = (key: string) => cells.get(key)?.allocatedCents ?? 0;
  const textOf = (key: string) => edits[key] ?? amountText(original(key));
  /** The amount of a cell as typed; null while the text is not an amount. */
  const valueOf = (key: string): number | null => {
    const text = textOf(key);
    return text.trim() === '' ? 0 : parseEuro(text);
  };
  const changed = Object.keys(edits).filter((key) => valueOf(key) !== original(key));
  const invalid = Object.keys(edits).filter((key) => {
    const v = valueOf(key);
    return v === null || v < 0;
  });
  const dirty = changed.length > 0;
  useEffect(() => {
    onDirtyChange(dirty);
  }, [dirty, onDirtyChange]);

  const setText = (key: string, text: string) => {
    setEdits((e) => ({ ...e, [key]: text }));
    setReadVersions((v) => (key in v ? v : { ...v, [key]: cells.get(key)?.version ?? null }));
    setFailure(null);
  };
  const reset = () => {
    setEdits({});
    setReadVersions({});
    setFailure(null);
    setStale(null);
  };
  const reload = () =>
    void queryClient.invalidateQueries().then(() => {
      reset();
      notifyReloaded();
    });

  const sumOf = (keys: string[]) => keys.reduce((a, k) => a + (valueOf(k) ?? 0), 0);
  const lineKeys = (line: string) => grid.years.map((y) => cellKey(y, line));
  const yearKeys = (year: number) => grid.lines.map((l) => cellKey(year, l.code));
  const allKeys = grid.years.flatMap(yearKeys);
  const total = sumOf(allKeys);
  const left = fund.amountCents - total;

  const submit = () => {
    if (invalid.length > 0) {
      setFailure({ message: 'Correggere gli importi segnati in rosso: scrivere le cifre come 12.500,00', fields: {} });
      return;
    }
    const payload = changed.map((key) => {
      const [year, lineCode] = key.split('|') as [string, string];
      return { year: Number(year), lineCode, amountCents: valueOf(key) ?? 0, version: key in readVersions ? (readVersions[key] ?? null) : (cells.get(key)?.version ?? null) };
    });
    save.mutate(
      { fundId: fund.id, cells: payload },
      {
        onSuccess: reset,
        onError: (e) => {
          setStale(staleRecordMessage(e));
          if (!staleRecordMessage(e)) setFailure({ message: e.message, fields: e.fields });
        },
      },
    );
  };

  const cellError = (year: number, line: string): string | boolean | null => {
    const key = cellKey(year, line);
    const server = failure?.fields[`cells.${year}.${line}`];
    // the same words as the message above the grid: only mark the cell
    if (server) return server === failure?.message ? true : server;
    const v = valueOf(key);
    if (v === null) return 'Importo non valido';
    if (v < 0) return 'Non può essere negativo';
    const committed = cells.get(key)?.committedCents ?? 0;
    if (v < committed) return `Sotto l’impegnato (${formatEuro(committed)})`;
    return null;
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={4}>
          <Card withBorder radius="md" padding="sm">
            <Text size="xs" c="dimmed">Dotazione del fondo</Text>
            <Money cents={fund.amountCents} size="lg" fw={700} />
          </Card>
          <Card withBorder radius="md" padding="sm">
            <Text size="xs" c="dimmed">Assegnato{dirty ? ' (con le modifiche)' : ''}</Text>
            <Money cents={total} size="lg" fw={700} data-testid="griglia-assegnato" />
          </Card>
          <Card withBorder radius="md" padding="sm" bg={left < 0 ? 'red.0' : undefined}>
            <Text size="xs" c={left < 0 ? 'red.8' : 'dimmed'}>{left < 0 ? 'Eccedenza sul fondo' : 'Da assegnare'}</Text>
            <Money cents={Math.abs(left)} size="lg" fw={700} c={left < 0 ? 'red.8' : left > 0 ? 'orange.8' : undefined} data-testid="griglia-da-assegnare" />
          </Card>
          <Card withBorder radius="md" padding="sm">
            <Text size="xs" c="dimmed">Impegnato sul fondo</Text>
            <Text ta="right">
              <Anchor component={Link} to={ledgerLink({ fundId: fund.id, kind: 'impegni' })} size="lg" fw={700} style={TABULAR} c="inherit">
                {formatEuro(grid.total.committedCents)}
              </Anchor>
            </Text>
          </Card>
        </SimpleGrid>

        {left < 0 && !failure && (
          <Alert color="orange" title="Con queste cifre il fondo non basta">
            La somma delle assegnazioni supera la dotazione di {formatEuro(-left)}: ridurre qualche cella prima di salvare.
          </Alert>
        )}
        {failure && (
          <Alert color="red" title="Assegnazioni non salvate" role="alert">
            {failure.message}
          </Alert>
        )}
        {stale && <StaleRecordAlert message={stale} dirty={dirty} onReload={reload} />}

        <Table.ScrollContainer minWidth={260 + grid.years.length * 170 + 150}>
          <Table withTableBorder withColumnBorders verticalSpacing={6} fz="sm" aria-label={`Assegnazioni di ${fund.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Voce di spesa</Table.Th>
                {grid.years.map((y) => (
                  <Table.Th key={y} ta="right" w={170}>{y}</Table.Th>
                ))}
                <Table.Th ta="right" w={150}>Totale voce</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grid.lines.map((line) => (
                <Table.Tr key={line.code}>
                  <Table.Td>{line.name}</Table.Td>
                  {grid.years.map((year) => {
                    const key = cellKey(year, line.code);
                    const cell = cells.get(key);
                    const error = cellError(year, line.code);
                    const committed = cell?.committedCents ?? 0;
                    return (
                      <Table.Td key={year} ta="right" bg={edits[key] !== undefined && valueOf(key) !== original(key) ? 'yellow.0' : undefined}>
                        {canWrite ? (
                          <EuroInput
                            size="xs"
                            aria-label={`${line.name} ${year}`}
                            value={textOf(key)}
                            onChange={(t) => setText(key, t)}
                            onFocus={(e) => e.currentTarget.select()}
                            error={error}
                          />
                        ) : (
                          <Money cents={original(key)} />
                        )}
                        {committed !== 0 && !error && (
                          <Text size="xs" c="dimmed" style={TABULAR} mt={2}>
                            impegnato {formatEuro(committed)}
                          </Text>
                        )}
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="right"><Money cents={sumOf(lineKeys(line.code))} fw={600} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr bg="gray.1">
                <Table.Td fw={700}>Totale anno</Table.Td>
                {grid.years.map((y) => (
                  <Table.Td key={y} ta="right"><Money cents={sumOf(yearKeys(y))} strong /></Table.Td>
                ))}
                <Table.Td ta="right"><Money cents={total} strong c={left < 0 ? 'red.8' : undefined} /></Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>

        {canWrite && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {dirty ? `${changed.length === 1 ? '1 cella modificata' : `${changed.length} celle modificate`}: si salvano tutte insieme, o nessuna.` : 'Scrivere gli importi come 12.500,00; le celle modificate si salvano tutte insieme.'}
            </Text>
            <Group gap="xs">
              <Button variant="default" leftSection={<IconArrowBackUp size={16} />} disabled={!dirty && invalid.length === 0} onClick={reset}>
                Annulla modifiche
              </Button>
              <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!dirty}>
                Salva assegnazioni
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** Assegnazioni: choose a fund, then edit its grid year × line and save it as one batch. */
export function AllocationsPage() {
  const reference = useBudget();
  const [params, setParams] = useSearchParams();
  const fundId = Number(params.get('fondo')) || reference.funds[0]?.id || null;
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty, 'Le assegnazioni modificate e non salvate andranno perse.');
  const grid = useApiQuery('budget.allocations.grid', { fundId: fundId ?? 0 }, { enabled: fundId !== null });

  if (fundId === null) {
    return (
      <Alert color="blue" title="Nessun fondo da ripartire">
        {reference.canWrite ? <>Creare prima un fondo in <Anchor component={Link} to="/bilancio/fondi">Fondi</Anchor>.</> : 'Le assegnazioni compariranno quando l’ufficio finanza avrà registrato i fondi.'}
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Group align="flex-end" justify="space-between">
        <Select
          label="Fondo"
          w={420}
          data={reference.funds.map((f) => ({ value: String(f.id), label: f.name }))}
          value={String(fundId)}
          allowDeselect={false}
          onChange={(v) =>
            v &&
            confirmLeave(dirty, () => {
              setDirty(false);
              setParams({ fondo: v }, { replace: true });
            })
          }
        />
        {!reference.canWrite && <Text size="sm" c="dimmed">Solo l’ufficio finanza e gli amministratori modificano le assegnazioni.</Text>}
      </Group>
      <QueryState query={grid}>
        {(data) => <GridEditor key={data.fund.id} grid={data} canWrite={reference.canWrite} onDirtyChange={setDirty} />}
      </QueryState>
    </Stack>
  );
}
