import { ActionIcon, Alert, Anchor, Badge, Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { FundRow } from '../../../../electron/contract/budget';
import { parseEuro } from '../../../../electron/domain/money';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { applyServerErrors } from '../../auth/formErrors';
import { QueryState } from '../../components/QueryState';
import { pct } from './OverviewPage';
import { useBudget } from './reference';
import { amountError, amountText, EuroInput, Money, TABULAR } from './ui';

const STOP_WORDS = new Set(['di', 'del', 'della', 'dei', 'per', 'il', 'la', 'lo', 'le', 'e', 'a', 'in', 'fondo']);

/** A short code from the name: "Comune di Bologna – Insieme per il lavoro 2025" → "comune_bologna_insieme_lavoro_2025". */
export function codeFrom(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP_WORDS.has(w));
  let code = '';
  for (const w of words) {
    const next = code ? `${code}_${w}` : w;
    if (next.length > 40) break;
    code = next;
  }
  return code;
}

interface FundValues {
  code: string;
  name: string;
  donorOrgId: string | null;
  amount: string;
  startYear: number | string;
  endYear: number | string;
  notes: string;
}

function NewFundModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const reference = useBudget();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [codeTouched, setCodeTouched] = useState(false);
  const create = useApiMutation('budget.funds.create', { success: (f) => `Fondo «${f.name}» creato: ora ripartirlo per anno e voce`, quietErrors: true });
  const thisYear = new Date().getFullYear();
  const form = useForm<FundValues>({
    initialValues: { code: '', name: '', donorOrgId: null, amount: '', startYear: thisYear, endYear: thisYear, notes: '' },
    validate: {
      code: (v) => (/^[a-z0-9][a-z0-9_-]{1,39}$/.test(v.trim().toLowerCase()) ? null : 'Da 2 a 40 caratteri tra lettere minuscole, cifre, _ e -'),
      name: (v) => (v.trim() ? null : 'Indicare il nome del fondo'),
      amount: (v) => amountError(v, { label: 'Importo del fondo' }),
      startYear: (v) => (Number.isInteger(v) && Number(v) >= 2000 && Number(v) <= 2100 ? null : 'Anno non valido'),
      endYear: (v, all) => (!Number.isInteger(v) || Number(v) < 2000 || Number(v) > 2100 ? 'Anno non valido' : Number(v) < Number(all.startYear) ? 'L’anno di fine non può precedere l’anno di inizio' : null),
    },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    setCodeTouched(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Nuovo fondo" size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setFailure(null);
          create.mutate(
            {
              code: v.code.trim().toLowerCase(),
              name: v.name.trim(),
              donorOrgId: v.donorOrgId ? Number(v.donorOrgId) : null,
              amountCents: parseEuro(v.amount) ?? 0,
              startYear: Number(v.startYear),
              endYear: Number(v.endYear),
              notes: v.notes.trim() || null,
            },
            {
              onSuccess: (fund) => {
                close();
                void navigate(`/bilancio/assegnazioni?fondo=${fund.id}`);
              },
              onError: (e) => {
                const message = applyServerErrors(form, e);
                if (e.fields.amountCents) form.setFieldError('amount', e.fields.amountCents);
                setFailure(message);
              },
            },
          );
        })}
      >
        <Stack>
          <TextInput
            label="Nome"
            withAsterisk
            placeholder="Es. Incredibol – bando 2025"
            data-autofocus
            {...form.getInputProps('name')}
            onChange={(e) => {
              const name = e.currentTarget.value;
              form.setFieldValue('name', name);
              // the code follows the name until the user writes one
              if (!codeTouched) form.setFieldValue('code', codeFrom(name));
            }}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Codice"
              withAsterisk
              description="Breve e unico: lettere minuscole, cifre, _ e -"
              {...form.getInputProps('code')}
              onChange={(e) => {
                setCodeTouched(true);
                form.setFieldValue('code', e.currentTarget.value);
              }}
            />
            <Select
              label="Ente finanziatore"
              description="Facoltativo"
              data={reference.donors.map((d) => ({ value: String(d.id), label: d.name }))}
              searchable
              clearable
              nothingFoundMessage="Nessun ente con questo nome"
              {...form.getInputProps('donorOrgId')}
            />
          </Group>
          <Group grow align="flex-start">
            <EuroInput label="Importo del fondo" withAsterisk placeholder="1.000.000,00" {...form.getInputProps('amount')} />
            <NumberInput label="Anno di inizio" withAsterisk allowDecimal={false} allowNegative={false} thousandSeparator="" min={2000} max={2100} {...form.getInputProps('startYear')} />
            <NumberInput label="Anno di fine" withAsterisk allowDecimal={false} allowNegative={false} thousandSeparator="" min={2000} max={2100} {...form.getInputProps('endYear')} />
          </Group>
          <Textarea label="Note" placeholder="Finalità, vincoli del finanziatore, delibera…" autosize minRows={2} {...form.getInputProps('notes')} />
          {failure && <Alert color="red" title="Fondo non creato">{failure}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Annulla</Button>
            <Button type="submit" loading={create.isPending}>Crea fondo</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EditFundModal({ fund, onClose }: { fund: FundRow; onClose: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const update = useApiMutation('budget.funds.update', { success: 'Fondo aggiornato', quietErrors: true });
  const form = useForm({
    initialValues: { name: fund.name, notes: fund.notes ?? '', amount: amountText(fund.amountCents) },
    validate: { name: (v) => (v.trim() ? null : 'Indicare il nome del fondo'), amount: (v) => amountError(v, { label: 'Importo del fondo' }) },
  });
  return (
    <Modal opened onClose={onClose} title={`Modifica fondo ${fund.code}`} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setFailure(null);
          const amountCents = parseEuro(v.amount);
          update.mutate(
            { id: fund.id, name: v.name.trim(), notes: v.notes.trim() || null, amountCents: amountCents === fund.amountCents ? null : amountCents },
            {
              onSuccess: onClose,
              onError: (e) => {
                const message = applyServerErrors(form, e);
                if (e.fields.amountCents) form.setFieldError('amount', e.fields.amountCents);
                setFailure(message);
              },
            },
          );
        })}
      >
        <Stack>
          <TextInput label="Nome" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <EuroInput
            label="Importo del fondo"
            withAsterisk
            description={`Non può scendere sotto quanto già assegnato (${amountText(fund.allocatedCents)} €)`}
            {...form.getInputProps('amount')}
          />
          <Textarea label="Note" autosize minRows={2} {...form.getInputProps('notes')} />
          {failure && <Alert color="red" title="Modifica non salvata">{failure}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Annulla</Button>
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>Salva</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Totals({ funds }: { funds: FundRow[] }) {
  const sum = (f: (r: FundRow) => number) => funds.reduce((a, r) => a + f(r), 0);
  const items: [string, number][] = [
    ['Dotazione complessiva', sum((r) => r.amountCents)],
    ['Da assegnare', sum((r) => r.unallocatedCents)],
    ['Impegnato', sum((r) => r.committedCents)],
    ['Disponibile sulle assegnazioni', sum((r) => r.availableCents)],
  ];
  return (
    <SimpleGrid cols={4}>
      {items.map(([label, cents]) => (
        <Card key={label} withBorder radius="md" padding="sm">
          <Text size="xs" c="dimmed">{label}</Text>
          <Money cents={cents} size="lg" fw={700} />
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Fondi: every fund with its amount and what is allocated, committed, paid and left; new fund and edit. */
export function FundsPage() {
  const reference = useBudget();
  const funds = useApiQuery('budget.funds.list', {});
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<FundRow | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">Il nome del fondo apre la sua ripartizione per anno e voce di spesa.</Text>
        {reference.canWrite && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Nuovo fondo
          </Button>
        )}
      </Group>
      {reference.canWrite && <NewFundModal opened={creating} onClose={() => setCreating(false)} />}
      {editing && <EditFundModal fund={editing} onClose={() => setEditing(null)} />}
      <QueryState query={funds}>
        {(rows) =>
          rows.length === 0 ? (
            <Alert color="blue" title="Nessun fondo registrato">
              {reference.canWrite ? 'Registrare il primo fondo con «Nuovo fondo»: nome, ente finanziatore, importo e anni.' : 'I fondi compariranno qui quando l’ufficio finanza li avrà registrati.'}
            </Alert>
          ) : (
            <>
              <Totals funds={rows} />
              <Table striped highlightOnHover withTableBorder verticalSpacing={8} fz="sm" aria-label="Fondi">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th miw={270}>Fondo</Table.Th>
                    <Table.Th ta="right">Dotazione</Table.Th>
                    <Table.Th ta="right">Assegnato</Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>Da assegnare</Table.Th>
                    <Table.Th ta="right">Impegnato</Table.Th>
                    <Table.Th ta="right">Liquidato</Table.Th>
                    <Table.Th ta="right">Disponibile</Table.Th>
                    <Table.Th ta="right" w={70}>Usato</Table.Th>
                    {reference.canWrite && <Table.Th w={44} aria-label="Azioni" />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((f) => (
                    <Table.Tr key={f.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/bilancio/assegnazioni?fondo=${f.id}`} fw={600} size="sm">
                          {f.name}
                        </Anchor>
                        <Group gap={6}>
                          <Text size="xs" c="dimmed">
                            {f.donorName ?? 'Ente non indicato'} · {f.startYear === f.endYear ? f.startYear : `${f.startYear}–${f.endYear}`} · codice {f.code}
                          </Text>
                          {f.overrides > 0 && (
                            <Badge component={Link} to="/bilancio/deroghe" size="xs" color="orange" variant="light" tt="none" style={{ cursor: 'pointer' }}>
                              {f.overrides === 1 ? '1 deroga' : `${f.overrides} deroghe`}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right"><Money cents={f.amountCents} /></Table.Td>
                      <Table.Td ta="right"><Money cents={f.allocatedCents} /></Table.Td>
                      <Table.Td ta="right"><Money cents={f.unallocatedCents} c={f.unallocatedCents > 0 ? 'orange.8' : undefined} /></Table.Td>
                      <Table.Td ta="right"><Money cents={f.committedCents} /></Table.Td>
                      <Table.Td ta="right"><Money cents={f.paidCents} /></Table.Td>
                      <Table.Td ta="right"><Money cents={f.availableCents} strong /></Table.Td>
                      <Table.Td ta="right" style={TABULAR}>{pct(f.usedPercent)}</Table.Td>
                      {reference.canWrite && (
                        <Table.Td>
                          <Tooltip label="Modifica nome, note o importo">
                            <ActionIcon variant="subtle" aria-label={`Modifica ${f.name}`} onClick={() => setEditing(f)}>
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {rows.some((f) => f.notes) && (
                <Stack gap={4}>
                  {rows
                    .filter((f) => f.notes)
                    .map((f) => (
                      <Text key={f.id} size="xs" c="dimmed">
                        <b>{f.name}</b>: {f.notes}
                      </Text>
                    ))}
                </Stack>
              )}
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}
