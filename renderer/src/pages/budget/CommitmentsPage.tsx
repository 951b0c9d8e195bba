import { KEYBOARD_SCROLL } from '../../components/ServerTable';
import { Alert, Badge, Button, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CommitmentRow } from '../../../../electron/contract/budget';
import { useApiQuery } from '../../api/hooks';
import { formatDate, formatNumber } from '../../format';
import { fundYears, useBudget } from './reference';
import { OverrideBadge } from './Refusal';
import { Money, MOVEMENTS_TABLE_LOOK, PAGER_PROPS } from './ui';

const PAGE_SIZE = 50;

/** Who or what a commitment is for, under its description. */
export function beneficiary(r: { personName: string | null; companyName: string | null }): string | null {
  return [r.personName, r.companyName].filter(Boolean).join(' · ') || null;
}

/** Impegni e liquidazioni: the commitments, most recent first, with what is paid and what is left to pay. */
export function CommitmentsPage() {
  const reference = useBudget();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.get('cerca') ?? '';
  const fundId = Number(params.get('fondo')) || null;
  const year = Number(params.get('anno')) || null;
  const lineCode = params.get('voce') || null;
  const openOnly = params.get('aperti') === '1';
  const page = Number(params.get('pagina')) || 1;
  const [text, setText] = useState(search);
  const list = useApiQuery('budget.commitments.list', { search, fundId, year, lineCode, openOnly, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('pagina' in changes)) next.delete('pagina');
        return next;
      },
      { replace: true },
    );
  const applySearch = useDebouncedCallback((t: string) => set({ cerca: t.trim() || null }), 300);
  const data = list.data;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            label="Cerca"
            placeholder="Atto, descrizione, beneficiario"
            leftSection={<IconSearch size={16} />}
            w={250}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              applySearch(e.currentTarget.value);
            }}
          />
          <Select
            label="Fondo"
            w={230}
            data={[{ value: '', label: 'Tutti i fondi' }, ...reference.funds.map((f) => ({ value: String(f.id), label: f.name }))]}
            value={fundId ? String(fundId) : ''}
            allowDeselect={false}
            onChange={(v) => set({ fondo: v, anno: null })}
          />
          <Select
            label="Anno"
            w={110}
            data={[{ value: '', label: 'Tutti' }, ...fundYears(reference, fundId).map((y) => ({ value: String(y), label: String(y) }))]}
            value={year ? String(year) : ''}
            allowDeselect={false}
            onChange={(v) => set({ anno: v })}
          />
          <Select
            label="Voce"
            w={210}
            data={[{ value: '', label: 'Tutte le voci' }, ...reference.lines.map((l) => ({ value: l.code, label: l.name }))]}
            value={lineCode ?? ''}
            allowDeselect={false}
            onChange={(v) => set({ voce: v })}
          />
          <Switch label="Solo da liquidare" style={{ whiteSpace: 'nowrap' }} checked={openOnly} onChange={(e) => set({ aperti: e.currentTarget.checked ? '1' : null })} mb={8} />
        </Group>
      </Group>
      {list.error && <Alert color="red" title="Impossibile caricare gli impegni">{list.error.message}</Alert>}
      {data && data.total === 0 ? (
        <Alert color="blue" title="Nessun impegno trovato">
          {search || fundId || year || lineCode || openOnly
            ? 'Nessun impegno con questi criteri: togliere qualche filtro.'
            : reference.canWrite
              ? 'Registrare il primo impegno con «Nuovo impegno».'
              : 'Gli impegni compariranno qui quando l’ufficio finanza li avrà registrati.'}
        </Alert>
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {data ? `${formatNumber(data.total)} ${data.total === 1 ? 'impegno' : 'impegni'}` : ' '} · un clic sulla riga apre l’impegno, con le liquidazioni{reference.canWrite ? ' e i comandi per registrarle' : ''}
            </Text>
            {reference.canWrite && (
              <Button component={Link} to="/bilancio/impegni/nuovo" leftSection={<IconPlus size={16} />}>
                Nuovo impegno
              </Button>
            )}
          </Group>
          <DataTable<CommitmentRow>
            scrollAreaProps={KEYBOARD_SCROLL}
            {...MOVEMENTS_TABLE_LOOK}
            height="calc(100vh - 346px)"
            fetching={list.isFetching}
            records={data?.rows ?? []}
            idAccessor="id"
            columns={[
              { accessor: 'committedOn', title: 'Data', width: 96, render: (r) => formatDate(r.committedOn) },
              { accessor: 'actNumber', title: 'Atto', width: 120, render: (r) => r.actNumber ?? '—' },
              {
                accessor: 'description',
                title: 'Descrizione',
                cellsStyle: () => ({ maxWidth: 0, width: '100%' }),
                render: (r) => (
                  <Stack gap={0}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" truncate title={r.description}>{r.description}</Text>
                      <OverrideBadge reason={r.overrideReason} />
                      {r.cancelled && <Badge size="sm" color="gray" variant="light" tt="none">Annullato</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed" truncate>
                      {r.fundName} · {r.year} · {r.lineName}
                      {beneficiary(r) ? ` · ${beneficiary(r)}` : ''}
                    </Text>
                  </Stack>
                ),
              },
              { accessor: 'netCents', title: 'Impegnato', textAlign: 'right', width: 130, render: (r) => <Money cents={r.netCents} /> },
              { accessor: 'paidCents', title: 'Liquidato', textAlign: 'right', width: 130, render: (r) => <Money cents={r.paidCents} /> },
              { accessor: 'leftCents', title: 'Da liquidare', textAlign: 'right', width: 130, render: (r) => <Money cents={r.leftCents} strong={r.leftCents > 0} c={r.leftCents < 0 ? 'red.7' : r.leftCents === 0 ? 'dimmed' : undefined} /> },
            ]}
            totalRecords={data?.total ?? 0}
            recordsPerPage={PAGE_SIZE}
            page={page}
            onPageChange={(p) => set({ pagina: p > 1 ? String(p) : null })}
            {...PAGER_PROPS}
            noRecordsText="Caricamento…"
            onRowClick={({ record }) => void navigate(`/bilancio/impegni/${record.id}`)}
            rowStyle={() => ({ cursor: 'pointer' })}
          />
        </>
      )}
    </Stack>
  );
}
