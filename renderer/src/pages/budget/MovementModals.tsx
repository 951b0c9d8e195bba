import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { CommitmentDetail, PaymentRow } from '../../../../electron/contract/budget';
import { todayIso } from '../../../../electron/domain/dates';
import { formatEuro, parseEuro } from '../../../../electron/domain/money';
import { useApiMutation } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { formatDate } from '../../format';
import { RefusalPanel, refusalOf, type Refusal } from './Refusal';
import { amountError, amountText, EuroInput, Money } from './ui';

function Figure({ label, cents, strong }: { label: string; cents: number; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" fw={strong ? 600 : undefined}>{label}</Text>
      <Money cents={cents} strong={strong} />
    </Group>
  );
}

/** The error of a field from the API (amountCents → the amount field, the rest by name). */
function fieldErrors(refusal: Refusal): Record<string, string> {
  const { amountCents, ...rest } = refusal.fields;
  return amountCents ? { ...rest, amount: amountCents } : rest;
}

/** Liquidazione: a payment against a commitment, showing what is left to pay; over it only with a reason. */
export function PaymentModal({ detail, onClose }: { detail: CommitmentDetail; onClose: () => void }) {
  const c = detail.commitment;
  const last = [...detail.payments].reverse().find((p) => p.kind === 'liquidazione');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const create = useApiMutation('budget.payments.create', { success: (d) => `Liquidazione registrata: restano da liquidare ${formatEuro(d.commitment.leftCents)}`, quietErrors: true });
  const suggested = last && last.amountCents <= c.leftCents ? last.amountCents : c.leftCents > 0 ? c.leftCents : null;
  const form = useForm({
    initialValues: {
      amount: suggested ? amountText(suggested) : '',
      paidOn: todayIso() as string | null,
      payee: last?.payee ?? c.personName ?? c.companyName ?? '',
      documentNumber: '',
      description: '',
    },
    validate: {
      amount: (v) => amountError(v),
      paidOn: (v) => (v ? null : 'Indicare la data della liquidazione'),
      payee: (v) => (v.trim() ? null : 'Indicare il beneficiario'),
    },
    onValuesChange: () => setRefusal(null),
  });
  const amount = parseEuro(form.values.amount);
  const send = (overrideReason: string | null) => {
    const v = form.values;
    create.mutate(
      {
        commitmentId: c.id,
        amountCents: parseEuro(v.amount) ?? 0,
        paidOn: v.paidOn ?? '',
        payee: v.payee.trim(),
        documentNumber: v.documentNumber.trim() || null,
        description: v.description.trim() || null,
        overrideReason,
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          const r = refusalOf(e);
          if (!r.overridable) form.setErrors(fieldErrors(r));
          setRefusal(r);
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title="Registra liquidazione" size="lg">
      <form noValidate onSubmit={form.onSubmit(() => send(null))}>
        <Stack>
          <Stack gap={4} p="sm" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
            <Text size="sm" fw={600} lineClamp={2}>{c.description}</Text>
            <Figure label="Impegnato" cents={c.netCents} />
            <Figure label="Già liquidato" cents={c.paidCents} />
            <Figure label="Da liquidare" cents={c.leftCents} strong />
            {amount !== null && amount > 0 && (
              <Text size="xs" c={amount > c.leftCents ? 'red.7' : 'dimmed'} ta="right">
                {amount > c.leftCents ? `Supera quanto resta di ${formatEuro(amount - c.leftCents)}` : `Dopo questa liquidazione resteranno ${formatEuro(c.leftCents - amount)}`}
              </Text>
            )}
          </Stack>
          <Group grow align="flex-start">
            <EuroInput label="Importo" withAsterisk data-autofocus {...form.getInputProps('amount')} />
            <DateField label="Data" withAsterisk {...form.getInputProps('paidOn')} />
          </Group>
          <TextInput label="Beneficiario" withAsterisk {...form.getInputProps('payee')} />
          <Group grow align="flex-start">
            <TextInput label="Numero del documento" placeholder="Es. LIQ/2025/00012" {...form.getInputProps('documentNumber')} />
            <TextInput label="Descrizione" placeholder="Es. Indennità 1° mese" {...form.getInputProps('description')} />
          </Group>
          {refusal && (
            <RefusalPanel key={refusal.message} refusal={refusal} title={refusal.overridable ? 'Liquidazione oltre l’impegno' : 'Liquidazione non registrata'} canOverride pending={create.isPending} onOverride={send} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Annulla</Button>
            <Button type="submit" loading={create.isPending && !refusal}>Registra liquidazione</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export type CommitmentChange = 'riduzione' | 'annullamento' | 'rettifica';

const CHANGE_TITLES: Record<CommitmentChange, string> = {
  riduzione: 'Riduci l’impegno',
  annullamento: 'Annulla l’impegno',
  rettifica: 'Rettifica l’impegno',
};

/**
 * A reduction, cancellation or correction of a commitment: a new entry, never an edit. The modal says
 * what the commitment becomes before the user confirms.
 */
export function CommitmentChangeModal({ detail, kind, onClose }: { detail: CommitmentDetail; kind: CommitmentChange; onClose: () => void }) {
  const c = detail.commitment;
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const adjust = useApiMutation('budget.commitments.adjust', { success: `${kind === 'riduzione' ? 'Riduzione' : kind === 'annullamento' ? 'Annullamento' : 'Rettifica'} registrata`, quietErrors: true });
  const form = useForm({
    initialValues: { direction: 'giu' as 'su' | 'giu', amount: '', committedOn: todayIso() as string | null, actNumber: '', description: '' },
    validate: {
      amount: (v) => (kind === 'annullamento' ? null : amountError(v)),
      committedOn: (v) => (v ? null : 'Indicare la data'),
      description: (v) => (v.trim() ? null : 'Scrivere la motivazione'),
    },
    onValuesChange: () => setRefusal(null),
  });
  const typed = parseEuro(form.values.amount);
  const delta = kind === 'annullamento' ? -c.netCents : typed === null ? null : kind === 'riduzione' || form.values.direction === 'giu' ? -typed : typed;
  const send = (overrideReason: string | null) => {
    const v = form.values;
    adjust.mutate(
      {
        commitmentId: c.id,
        kind,
        amountCents: kind === 'annullamento' ? null : kind === 'riduzione' ? (typed ?? 0) : (delta ?? 0),
        committedOn: v.committedOn ?? '',
        actNumber: v.actNumber.trim() || null,
        description: v.description.trim(),
        overrideReason,
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          const r = refusalOf(e);
          if (!r.overridable) form.setErrors(fieldErrors(r));
          setRefusal(r);
        },
      },
    );
  };
  const cannotCancel = kind === 'annullamento' && c.paidCents !== 0;
  return (
    <Modal opened onClose={onClose} title={CHANGE_TITLES[kind]} size="lg">
      <form noValidate onSubmit={form.onSubmit(() => send(null))}>
        <Stack>
          <Text size="sm">
            L’impegno non si modifica: si registra un nuovo movimento{kind === 'annullamento' ? ' che lo porta a zero' : ''}, che resta nel registro contabile.
          </Text>
          <Stack gap={4} p="sm" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
            <Text size="sm" fw={600} lineClamp={2}>{c.description}</Text>
            <Figure label="Impegnato ora" cents={c.netCents} />
            <Figure label="Già liquidato" cents={c.paidCents} />
            {delta !== null && delta !== 0 && <Figure label="Impegnato dopo la variazione" cents={c.netCents + delta} strong />}
          </Stack>
          {cannotCancel && (
            <Alert color="orange">Sono già state registrate liquidazioni per {formatEuro(c.paidCents)}: l’impegno non si può annullare. Ridurlo di quanto non è stato liquidato.</Alert>
          )}
          {kind === 'rettifica' && (
            <SegmentedControl
              w="fit-content"
              data={[
                { value: 'giu', label: 'In diminuzione' },
                { value: 'su', label: 'In aumento' },
              ]}
              {...form.getInputProps('direction')}
            />
          )}
          <Group grow align="flex-start">
            {kind !== 'annullamento' && (
              <EuroInput
                label={kind === 'riduzione' ? 'Importo da togliere' : 'Importo della rettifica'}
                withAsterisk
                data-autofocus
                description={kind === 'riduzione' ? `Al massimo ${formatEuro(c.leftCents)} (quanto non è liquidato)` : undefined}
                {...form.getInputProps('amount')}
              />
            )}
            <DateField label="Data" withAsterisk {...form.getInputProps('committedOn')} />
            <TextInput label="Numero dell’atto" placeholder="Facoltativo" {...form.getInputProps('actNumber')} />
          </Group>
          <Textarea label="Motivazione" withAsterisk autosize minRows={2} placeholder={kind === 'riduzione' ? 'Es. Tirocinio interrotto dopo 4 mesi' : 'Es. Errore di importo nell’atto'} {...form.getInputProps('description')} />
          {refusal && (
            <RefusalPanel key={refusal.message} refusal={refusal} title={refusal.overridable ? 'Rettifica oltre il disponibile' : 'Variazione non registrata'} canOverride pending={adjust.isPending} onOverride={send} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Indietro</Button>
            <Button type="submit" color={kind === 'annullamento' ? 'red' : undefined} loading={adjust.isPending && !refusal} disabled={cannotCancel}>
              {kind === 'annullamento'
                ? `Annulla l’impegno di ${formatEuro(c.netCents)}`
                : delta !== null && delta !== 0
                  ? `Registra ${kind === 'riduzione' ? 'riduzione' : 'rettifica'} di ${formatEuro(Math.abs(delta))}`
                  : `Registra ${kind === 'riduzione' ? 'riduzione' : 'rettifica'}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Storno (the whole payment reversed) or rettifica (signed) of a payment, as a new entry. */
export function PaymentChangeModal({ detail, payment, kind, onClose }: { detail: CommitmentDetail; payment: PaymentRow; kind: 'storno' | 'rettifica'; onClose: () => void }) {
  const c = detail.commitment;
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const adjust = useApiMutation('budget.payments.adjust', { success: kind === 'storno' ? 'Storno registrato' : 'Rettifica registrata', quietErrors: true });
  const form = useForm({
    initialValues: { direction: 'giu' as 'su' | 'giu', amount: '', paidOn: todayIso() as string | null, documentNumber: '', description: '' },
    validate: {
      amount: (v) => (kind === 'storno' ? null : amountError(v)),
      paidOn: (v) => (v ? null : 'Indicare la data'),
      description: (v) => (v.trim() ? null : 'Scrivere la motivazione'),
    },
    onValuesChange: () => setRefusal(null),
  });
  const typed = parseEuro(form.values.amount);
  const delta = kind === 'storno' ? -payment.netCents : typed === null ? null : form.values.direction === 'giu' ? -typed : typed;
  const send = (overrideReason: string | null) => {
    const v = form.values;
    adjust.mutate(
      {
        paymentId: payment.id,
        kind,
        amountCents: kind === 'storno' ? null : (delta ?? 0),
        paidOn: v.paidOn ?? '',
        documentNumber: v.documentNumber.trim() || null,
        description: v.description.trim(),
        overrideReason,
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          const r = refusalOf(e);
          if (!r.overridable) form.setErrors(fieldErrors(r));
          setRefusal(r);
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={kind === 'storno' ? 'Storna la liquidazione' : 'Rettifica la liquidazione'} size="lg">
      <form noValidate onSubmit={form.onSubmit(() => send(null))}>
        <Stack>
          <Stack gap={4} p="sm" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
            <Text size="sm" fw={600}>
              Liquidazione del {formatDate(payment.paidOn)} a {payment.payee}
              {payment.documentNumber ? ` (${payment.documentNumber})` : ''}
            </Text>
            <Figure label="Importo netto della liquidazione" cents={payment.netCents} />
            <Figure label="Liquidato sull’impegno" cents={c.paidCents} />
            {delta !== null && delta !== 0 && <Figure label="Liquidato dopo la variazione" cents={c.paidCents + delta} strong />}
          </Stack>
          {kind === 'storno' && <Text size="sm">Lo storno riporta a zero questa liquidazione ({formatEuro(payment.netCents)} tornano da liquidare sull’impegno).</Text>}
          {kind === 'rettifica' && (
            <SegmentedControl
              w="fit-content"
              data={[
                { value: 'giu', label: 'In diminuzione' },
                { value: 'su', label: 'In aumento' },
              ]}
              {...form.getInputProps('direction')}
            />
          )}
          <Group grow align="flex-start">
            {kind === 'rettifica' && <EuroInput label="Importo della rettifica" withAsterisk data-autofocus {...form.getInputProps('amount')} />}
            <DateField label="Data" withAsterisk {...form.getInputProps('paidOn')} />
            <TextInput label="Numero del documento" placeholder="Facoltativo" {...form.getInputProps('documentNumber')} />
          </Group>
          <Textarea label="Motivazione" withAsterisk autosize minRows={2} placeholder={kind === 'storno' ? 'Es. Coordinate bancarie errate' : 'Es. Importo errato'} {...form.getInputProps('description')} />
          {refusal && (
            <RefusalPanel key={refusal.message} refusal={refusal} title={refusal.overridable ? 'Rettifica oltre l’impegno' : 'Variazione non registrata'} canOverride pending={adjust.isPending} onOverride={send} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Indietro</Button>
            <Button type="submit" color={kind === 'storno' ? 'red' : undefined} loading={adjust.isPending && !refusal}>
              {kind === 'storno' ? `Storna ${formatEuro(payment.netCents)}` : delta ? `Registra rettifica di ${formatEuro(Math.abs(delta))}` : 'Registra rettifica'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
