import { KEYBOARD_SCROLL } from '../../components/ServerTable';
import { Alert, Badge, Group, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useNavigate, useSearchParams } from 'react-router';
import { COMMITMENT_KIND_LABELS, PAYMENT_KIND_LABELS, type CommitmentKind, type OverrideRow, type PaymentKind } from '../../../../electron/contract/budget';
import { useApiQuery } from '../../api/hooks';
import { formatDate, formatNumber } from '../../format';
import { useBudget } from './reference';
import { Money, MOVEMENTS_TABLE_LOOK, PAGER_PROPS } from './ui';

const PAGE_SIZE = 50;

function kindLabel(r: OverrideRow): string {
  return r.source === 'impegno' ? COMMITMENT_KIND_LABELS[r.kind as CommitmentKind] : PAYMENT_KIND_LABELS[r.kind as PaymentKind];
}

/** Deroghe: every commitment or payment recorded beyond what was left, with who, why and by how much. */
export function OverridesPage() {
  const reference = useBudget();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const fundId = Number(params.get('fondo')) || null;
  const page = Number(params.get('pagina')) || 1;
  const overrides = useApiQuery('budget.overrides.list', { fundId, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData });
  const data = overrides.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Select
          label="Fondo"
          w={320}
          data={[{ value: '', label: 'Tutti i fondi' }, ...reference.funds.map((f) => ({ value: String(f.id), label: f.name }))]}
          value={fundId ? String(fundId) : ''}
          allowDeselect={false}
          onChange={(v) => setParams(v ? { fondo: v } : {}, { replace: true })}
        />
        {data && (
          <Text size="sm" c="dimmed">
            {data.total === 0 ? 'Nessuna deroga' : `${formatNumber(data.total)} ${data.total === 1 ? 'deroga' : 'deroghe'}`} · un clic apre l’impegno
          </Text>
        )}
      </Group>
      {overrides.error && <Alert color="red" title="Impossibile caricare le deroghe">{overrides.error.message}</Alert>}
      {data && data.total === 0 ? (
        <Alert color="green" title="Nessuna deroga">Tutti gli impegni e le liquidazioni sono entro le disponibilità.</Alert>
      ) : (
        <DataTable<OverrideRow>
          scrollAreaProps={KEYBOARD_SCROLL}
          {...MOVEMENTS_TABLE_LOOK}
          verticalAlign="top"
          minHeight={160}
          fetching={overrides.isFetching}
          records={data?.rows ?? []}
          idAccessor={(r) => `${r.source}-${r.id}`}
          columns={[
            { accessor: 'date', title: 'Data', width: 96, render: (r) => formatDate(r.date) },
            {
              accessor: 'kind',
              title: 'Movimento',
              width: 140,
              render: (r) => (
                <Badge size="sm" variant="light" color="orange" tt="none">
                  {kindLabel(r)}
                </Badge>
              ),
            },
            {
              accessor: 'reason',
              title: 'Motivazione e movimento',
              cellsStyle: () => ({ maxWidth: 0, width: '100%' }),
              render: (r) => (
                <Stack gap={0}>
                  <Text size="sm" fw={500}>«{r.reason}»</Text>
                  <Text size="xs" c="dimmed">
                    {r.description ? `${r.description} · ` : ''}
                    {r.fundName} · {r.year} · {r.lineName}
                    {r.createdBy ? ` · ${r.createdBy}` : ''}
                  </Text>
                </Stack>
              ),
            },
            { accessor: 'amountCents', title: 'Importo', textAlign: 'right', width: 130, render: (r) => <Money cents={r.amountCents} /> },
            { accessor: 'leftBeforeCents', title: 'Restava', textAlign: 'right', width: 130, render: (r) => <Money cents={r.leftBeforeCents} /> },
            { accessor: 'excessCents', title: 'Oltre il disponibile', textAlign: 'right', width: 150, render: (r) => <Money cents={r.excessCents} strong c="orange.8" /> },
          ]}
          totalRecords={data?.total ?? 0}
          recordsPerPage={PAGE_SIZE}
          page={page}
          onPageChange={(p) => setParams((prev) => {
            const next = new URLSearchParams(prev);
            if (p > 1) next.set('pagina', String(p));
            else next.delete('pagina');
            return next;
          }, { replace: true })}
          {...PAGER_PROPS}
          noRecordsText="Caricamento…"
          onRowClick={({ record }) => void navigate(`/bilancio/impegni/${record.commitmentId}`)}
          rowStyle={() => ({ cursor: 'pointer' })}
        />
      )}
    </Stack>
  );
}
