import { ActionIcon, Alert, Anchor, Badge, Button, Card, Group, Menu, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconCash, IconChevronDown, IconDots, IconList } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { COMMITMENT_KIND_LABELS, PAYMENT_KIND_LABELS, type CommitmentDetail, type PaymentRow } from '../../../../electron/contract/budget';
import { formatEuro } from '../../../../electron/domain/money';
import { useApiQuery } from '../../api/hooks';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';
import { ledgerLink } from './ledgerParams';
import { CommitmentChangeModal, PaymentChangeModal, PaymentModal, type CommitmentChange } from './MovementModals';
import { useBudget } from './reference';
import { OverrideBadge } from './Refusal';
import { Money, TABULAR } from './ui';

type Dialog = { kind: 'payment' } | { kind: 'change'; change: CommitmentChange } | { kind: 'paymentChange'; payment: PaymentRow; change: 'storno' | 'rettifica' } | null;

function Stat({ label, cents, color, testId }: { label: string; cents: number; color?: string; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="xl" fw={700} c={color} style={TABULAR} data-testid={testId}>{formatEuro(cents)}</Text>
    </Card>
  );
}

function Detail({ detail }: { detail: CommitmentDetail }) {
  const reference = useBudget();
  const c = detail.commitment;
  const [dialog, setDialog] = useState<Dialog>(null);
  const canWrite = reference.canWrite;
  const paymentsById = new Map(detail.payments.map((p) => [p.id, p]));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Anchor component={Link} to="/bilancio/impegni" size="sm">
            <Group gap={4}><IconArrowLeft size={14} /> Impegni</Group>
          </Anchor>
          <Group gap="xs">
            <Title order={3}>{c.description}</Title>
            <OverrideBadge reason={c.overrideReason} />
            {c.cancelled && <Badge color="gray" variant="light" tt="none">Annullato</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            Impegno del {formatDate(c.committedOn)}
            {c.actNumber ? `, atto ${c.actNumber}` : ', senza numero d’atto'} · {c.fundName} · {c.year} · {c.lineName}
          </Text>
          {(c.personId || c.companyId) && (
            <Text size="sm">
              {c.personId && (
                <>Persona: <Anchor component={Link} to={`/persone/${c.personId}`}>{c.personName}</Anchor></>
              )}
              {c.personId && c.companyId && ' · '}
              {c.companyId && (
                <>Azienda: <Anchor component={Link} to={`/aziende/${c.companyId}`}>{c.companyName}</Anchor></>
              )}
            </Text>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" leftSection={<IconList size={16} />} component={Link} to={ledgerLink({ commitmentId: c.id })}>
            Movimenti
          </Button>
          {canWrite && (
            <>
              <Button leftSection={<IconCash size={16} />} onClick={() => setDialog({ kind: 'payment' })} disabled={c.cancelled}>
                Registra liquidazione
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>Variazioni</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setDialog({ kind: 'change', change: 'riduzione' })} disabled={c.leftCents <= 0}>Riduci l’impegno…</Menu.Item>
                  <Menu.Item onClick={() => setDialog({ kind: 'change', change: 'rettifica' })}>Rettifica l’impegno…</Menu.Item>
                  <Menu.Divider />
                  <Menu.Item color="red" onClick={() => setDialog({ kind: 'change', change: 'annullamento' })} disabled={c.cancelled}>Annulla l’impegno…</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </>
          )}
        </Group>
      </Group>

      {c.overrideReason && (
        <Alert color="orange" title="Registrato oltre il disponibile, con deroga" p="sm">
          Motivazione: «{c.overrideReason}»{c.createdBy ? ` — ${c.createdBy}, ${formatDate(c.createdAt, true)}` : ''}
        </Alert>
      )}

      <SimpleGrid cols={4}>
        <Stat label="Importo iniziale" cents={c.amountCents} />
        <Stat label="Impegnato (con le variazioni)" cents={c.netCents} testId="impegno-netto" />
        <Stat label="Liquidato" cents={c.paidCents} testId="impegno-liquidato" />
        <Stat label="Da liquidare" cents={c.leftCents} color={c.leftCents < 0 ? 'red.7' : 'blue.8'} testId="impegno-da-liquidare" />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Assegnazione {c.year} · {c.lineName}: assegnati {formatEuro(detail.allocation.allocatedCents)}, impegnati {formatEuro(detail.allocation.committedCents)},{' '}
        <Anchor component={Link} to={ledgerLink({ allocationId: c.allocationId })} size="sm">disponibili {formatEuro(detail.allocation.availableCents)}</Anchor>
      </Text>

      <Card withBorder radius="md">
        <Title order={5} mb="xs">Liquidazioni</Title>
        {detail.payments.length === 0 ? (
          <Text size="sm" c="dimmed">{canWrite ? 'Nessuna liquidazione: registrarla con «Registra liquidazione».' : 'Nessuna liquidazione registrata.'}</Text>
        ) : (
          <Table striped verticalSpacing={6} fz="sm" aria-label="Liquidazioni">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>Data</Table.Th>
                <Table.Th w={150}>Tipo</Table.Th>
                <Table.Th w={150}>Documento</Table.Th>
                <Table.Th>Beneficiario e descrizione</Table.Th>
                <Table.Th ta="right" w={140}>Importo</Table.Th>
                {canWrite && <Table.Th w={50} aria-label="Azioni" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.payments.map((p) => {
                const adjusted = p.adjustsId ? paymentsById.get(p.adjustsId) : null;
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>{formatDate(p.paidOn)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Badge size="sm" variant="light" color={p.kind === 'liquidazione' ? 'teal' : 'grape'} tt="none">{PAYMENT_KIND_LABELS[p.kind]}</Badge>
                        <OverrideBadge reason={p.overrideReason} />
                      </Group>
                    </Table.Td>
                    <Table.Td>{p.documentNumber ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.payee}</Text>
                      {(p.description || adjusted) && (
                        <Text size="xs" c="dimmed">
                          {p.description}
                          {adjusted ? `${p.description ? ' · ' : ''}su liquidazione del ${formatDate(adjusted.paidOn)}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money cents={p.amountCents} />
                      {p.kind === 'liquidazione' && p.netCents !== p.amountCents && <Text size="xs" c="dimmed" style={TABULAR}>netto {formatEuro(p.netCents)}</Text>}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        {p.kind === 'liquidazione' && (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <Tooltip label="Storno o rettifica">
                                <ActionIcon variant="subtle" aria-label={`Variazioni della liquidazione del ${formatDate(p.paidOn)}`}>
                                  <IconDots size={16} />
                                </ActionIcon>
                              </Tooltip>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item onClick={() => setDialog({ kind: 'paymentChange', payment: p, change: 'rettifica' })}>Rettifica…</Menu.Item>
                              <Menu.Item color="red" disabled={p.netCents === 0} onClick={() => setDialog({ kind: 'paymentChange', payment: p, change: 'storno' })}>Storna…</Menu.Item>
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      {detail.adjustments.length > 0 && (
        <Card withBorder radius="md">
          <Title order={5} mb="xs">Variazioni dell’impegno</Title>
          <Table striped verticalSpacing={6} fz="sm" aria-label="Variazioni dell’impegno">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>Data</Table.Th>
                <Table.Th w={150}>Tipo</Table.Th>
                <Table.Th w={150}>Atto</Table.Th>
                <Table.Th>Motivazione</Table.Th>
                <Table.Th w={160}>Registrata da</Table.Th>
                <Table.Th ta="right" w={140}>Importo</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.adjustments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDate(a.committedOn)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Badge size="sm" variant="light" color="grape" tt="none">{COMMITMENT_KIND_LABELS[a.kind]}</Badge>
                      <OverrideBadge reason={a.overrideReason} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{a.actNumber ?? '—'}</Table.Td>
                  <Table.Td>{a.description}</Table.Td>
                  <Table.Td>{a.createdBy ?? '—'}</Table.Td>
                  <Table.Td ta="right"><Money cents={a.amountCents} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Text size="xs" c="dimmed">
        Registrato da {c.createdBy ?? '—'} il {formatDate(c.createdAt, true)}. Gli importi non si modificano: riduzioni, annullamenti, rettifiche e storni sono nuovi movimenti.
      </Text>

      {dialog?.kind === 'payment' && <PaymentModal detail={detail} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'change' && <CommitmentChangeModal detail={detail} kind={dialog.change} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'paymentChange' && <PaymentChangeModal detail={detail} payment={dialog.payment} kind={dialog.change} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

/** One commitment: its figures, payments and changes; for finance, the commands to record them. */
export function CommitmentPage() {
  const id = Number(useParams().id);
  const detail = useApiQuery('budget.commitments.get', { id }, { enabled: Number.isSafeInteger(id) && id > 0 });
  return <QueryState query={detail}>{(d) => <Detail detail={d} />}</QueryState>;
}
