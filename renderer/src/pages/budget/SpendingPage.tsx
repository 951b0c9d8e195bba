import { KEYBOARD_SCROLL } from '../../components/ServerTable';
import { Alert, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { SpendingRow } from '../../../../electron/contract/budget';
import { formatEuro } from '../../../../electron/domain/money';
import { useApiQuery } from '../../api/hooks';
import { formatNumber } from '../../format';
import { ledgerLink } from './ledgerParams';
import { fundYears, useBudget } from './reference';
import { Money, PAGER_PROPS, TABULAR } from './ui';

const PAGE_SIZE = 50;
type By = 'persona' | 'azienda' | 'strumento';
const BY_LABELS: Record<By, { column: string; search: string; none: string }> = {
  persona: { column: 'Persona', search: 'Cognome', none: 'Senza persona collegata' },
  azienda: { column: 'Azienda', search: 'Nome dell’azienda', none: 'Senza azienda collegata' },
  strumento: { column: 'Strumento', search: '', none: 'Senza percorso collegato' },
};

/** Spesa per destinatario: committed and paid per person, per company or per instrument; each row opens its movements. */
export function SpendingPage() {
  const reference = useBudget();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const by = (['persona', 'azienda', 'strumento'] as const).find((b) => b === params.get('per')) ?? 'persona';
  const fundId = Number(params.get('fondo')) || null;
  const year = Number(params.get('anno')) || null;
  const search = params.get('cerca') ?? '';
  const page = Number(params.get('pagina')) || 1;
  const [text, setText] = useState(search);
  const spending = useApiQuery('budget.spending', { by, fundId, year, search: by === 'strumento' ? '' : search, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });
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
  const data = spending.data;
  const labels = BY_LABELS[by];
  const rowsLink = (r: SpendingRow) => {
    const scope = { fundId, year, kind: 'impegni' as const };
    if (r.key === null) return null;
    if (by === 'persona') return ledgerLink({ ...scope, personId: Number(r.key) });
    if (by === 'azienda') return ledgerLink({ ...scope, companyId: Number(r.key) });
    return ledgerLink({ ...scope, instrumentCode: String(r.key) });
  };

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <SegmentedControl
          value={by}
          onChange={(v) => {
            setText('');
            set({ per: v === 'persona' ? null : v, cerca: null });
          }}
          data={[
            { value: 'persona', label: 'Per persona' },
            { value: 'azienda', label: 'Per azienda' },
            { value: 'strumento', label: 'Per strumento' },
          ]}
        />
        <Select
          label="Fondo"
          w={260}
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
        {by !== 'strumento' && (
          <TextInput
            label="Cerca"
            placeholder={labels.search}
            leftSection={<IconSearch size={16} />}
            w={220}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              applySearch(e.currentTarget.value);
            }}
          />
        )}
      </Group>
      {spending.error && <Alert color="red" title="Impossibile caricare la spesa">{spending.error.message}</Alert>}
      {data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">{formatNumber(data.total)} {data.total === 1 ? 'riga' : 'righe'} · un clic apre gli impegni che la compongono</Text>
          <Text size="sm">
            Totale impegnato <Text span fw={700} style={TABULAR}>{formatEuro(data.totals.committedCents)}</Text> · liquidato{' '}
            <Text span fw={700} style={TABULAR}>{formatEuro(data.totals.paidCents)}</Text>
          </Text>
        </Group>
      )}
      {data && data.total === 0 ? (
        <Alert color="blue" title="Nessuna spesa">Nessun impegno con questi criteri.</Alert>
      ) : (
        <DataTable<SpendingRow>
          scrollAreaProps={KEYBOARD_SCROLL}
          withTableBorder
          borderRadius="md"
          striped
          highlightOnHover
          fz="sm"
          horizontalSpacing={8}
          height={data && data.rows.length > 10 ? 'calc(100vh - 316px)' : undefined}
          minHeight={160}
          fetching={spending.isFetching}
          loaderBackgroundBlur={0}
          records={data?.rows ?? []}
          idAccessor={(r) => String(r.key)}
          columns={[
            { accessor: 'label', title: labels.column, render: (r) => (r.key === null ? <Text size="sm" fs="italic" c="dimmed">{labels.none}</Text> : r.label) },
            { accessor: 'commitments', title: 'Impegni', textAlign: 'right', width: 100, render: (r) => <Text size="sm" style={TABULAR}>{formatNumber(r.commitments)}</Text> },
            { accessor: 'committedCents', title: 'Impegnato', textAlign: 'right', width: 160, render: (r) => <Money cents={r.committedCents} /> },
            { accessor: 'paidCents', title: 'Liquidato', textAlign: 'right', width: 160, render: (r) => <Money cents={r.paidCents} /> },
            { accessor: 'toPay', title: 'Da liquidare', textAlign: 'right', width: 160, render: (r) => <Money cents={r.committedCents - r.paidCents} /> },
          ]}
          totalRecords={data?.total ?? 0}
          recordsPerPage={PAGE_SIZE}
          page={page}
          onPageChange={(p) => set({ pagina: p > 1 ? String(p) : null })}
          {...PAGER_PROPS}
          noRecordsText="Caricamento…"
          onRowClick={({ record }) => {
            const to = rowsLink(record);
            if (to) void navigate(to);
          }}
          rowStyle={(r) => ({ cursor: r.key === null ? 'default' : 'pointer' })}
        />
      )}
    </Stack>
  );
}
