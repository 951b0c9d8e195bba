import { ActionIcon, Button, Card, Group, Modal, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconDoorExit, IconEdit, IconLogin2, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { BoardInfo, BoardPeriod } from '../../../../../electron/contract/companies';
import { todayIso } from '../../../../../electron/domain/dates';
import { useApiMutation } from '../../../api/hooks';
import { applyServerErrors } from '../../../auth/formErrors';
import { DateField } from '../../../components/DateField';
import { formatDate } from '../../../format';
import { DialogFooter } from '../../../components/DialogFooter';

type Dialog = { kind: 'join' } | { kind: 'leave'; period: BoardPeriod } | { kind: 'edit'; period: BoardPeriod } | { kind: 'past' } | null;

interface PeriodValues {
  since: string | null;
  until: string | null;
}

function PeriodModal({ companyId, dialog, onClose }: { companyId: number; dialog: Exclude<Dialog, null>; onClose: () => void }) {
  const period = dialog.kind === 'leave' || dialog.kind === 'edit' ? dialog.period : null;
  const form = useForm<PeriodValues>({
    initialValues: { since: period?.since ?? (dialog.kind === 'join' ? todayIso() : null), until: dialog.kind === 'leave' ? todayIso() : (period?.until ?? null) },
    validate: {
      since: (v) => (v ? (v > todayIso() ? 'La data non può essere nel futuro' : null) : 'Indicare la data di ingresso'),
      until: (v, values) => {
        if (!v) return dialog.kind === 'leave' || dialog.kind === 'past' ? 'Indicare la data di uscita' : null;
        return values.since && v < values.since ? 'La data di uscita non può essere prima della data di ingresso' : null;
      },
    },
  });
  const add = useApiMutation('companies.board.add', { success: dialog.kind === 'join' ? 'Ingresso nel Board registrato' : 'Periodo nel Board registrato', quietErrors: true });
  const update = useApiMutation('companies.board.update', { success: dialog.kind === 'leave' ? 'Uscita dal Board registrata' : 'Periodo nel Board aggiornato', quietErrors: true });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.onSubmit((v) => {
    const onError = (e: Error) => setFailure(applyServerErrors(form, e));
    if (period) update.mutate({ id: period.id, since: v.since ?? '', until: v.until }, { onSuccess: onClose, onError });
    else add.mutate({ companyId, since: v.since ?? '', until: v.until }, { onSuccess: onClose, onError });
  });
  const title = { join: 'Ingresso nel Board di imprese', leave: 'Uscita dal Board di imprese', edit: 'Modifica periodo nel Board', past: 'Periodo passato nel Board' }[dialog.kind];
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {dialog.kind !== 'leave' && <DateField label="Nel Board dal" withAsterisk maxDate={todayIso()} data-autofocus {...form.getInputProps('since')} />}
          {dialog.kind !== 'join' && (
            <DateField
              label="Uscita il"
              withAsterisk={dialog.kind !== 'edit'}
              clearable={dialog.kind === 'edit'}
              description={dialog.kind === 'edit' ? 'Vuota se l’azienda è ancora nel Board' : 'L’ultimo giorno di appartenenza al Board'}
              data-autofocus={dialog.kind === 'leave' || undefined}
              {...form.getInputProps('until')}
            />
          )}
          <DialogFooter failure={failure} onCancel={onClose} saving={add.isPending || update.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

function periodText(p: BoardPeriod): string {
  return p.until ? `dal ${formatDate(p.since)} al ${formatDate(p.until)}` : `dal ${formatDate(p.since)}`;
}

/** Board di imprese: the status today, the membership periods, entry and exit. */
export function BoardCard({ companyId, board, canWrite }: { companyId: number; board: BoardInfo; canWrite: boolean }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const remove = useApiMutation('companies.board.remove', { success: 'Periodo nel Board eliminato' });
  const current = board.periods.find((p) => p.current) ?? null;
  const confirmRemove = (p: BoardPeriod) =>
    modals.openConfirmModal({
      title: 'Eliminare il periodo?',
      children: <Text size="sm">Il periodo nel Board {periodText(p)} sarà eliminato. Per registrare l’uscita dal Board usare invece «Registra l’uscita».</Text>,
      labels: { confirm: 'Elimina periodo', cancel: 'Annulla' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: p.id }),
    });
  return (
    <Card withBorder radius="md" component="section" aria-label="Board di imprese" py="sm">
      <Title order={5} mb={6}>
        Board di imprese
      </Title>
      <Text size="sm" mb={6}>
        {current ? `Membro del Board dal ${formatDate(current.since)}${current.until ? ` fino al ${formatDate(current.until)}` : ''}` : 'Azienda collaboratrice: non fa parte del Board oggi.'}
      </Text>
      {board.periods.filter((p) => !p.current).length > 0 && (
        <Stack gap={2} mb={6}>
          {board.periods
            .filter((p) => !p.current)
            .map((p) => (
              <Group key={p.id} gap={4} justify="space-between" wrap="nowrap">
                <Text size="xs" c="dimmed">
                  In passato nel Board {periodText(p)}
                </Text>
                {canWrite && <PeriodActions period={p} onEdit={() => setDialog({ kind: 'edit', period: p })} onRemove={() => confirmRemove(p)} />}
              </Group>
            ))}
        </Stack>
      )}
      {canWrite && (
        <Group gap="xs" mt={4}>
          {current ? (
            <>
              <Button size="xs" variant="light" color="orange" leftSection={<IconDoorExit size={14} />} onClick={() => setDialog({ kind: 'leave', period: current })}>
                Registra l’uscita
              </Button>
              <PeriodActions period={current} onEdit={() => setDialog({ kind: 'edit', period: current })} onRemove={() => confirmRemove(current)} />
            </>
          ) : (
            <>
              <Button size="xs" variant="light" leftSection={<IconLogin2 size={14} />} onClick={() => setDialog({ kind: 'join' })}>
                Entra nel Board
              </Button>
              <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'past' })}>
                Periodo passato
              </Button>
            </>
          )}
        </Group>
      )}
      {dialog && <PeriodModal companyId={companyId} dialog={dialog} onClose={() => setDialog(null)} />}
    </Card>
  );
}

function PeriodActions({ period, onEdit, onRemove }: { period: BoardPeriod; onEdit: () => void; onRemove: () => void }) {
  const what = `il periodo ${periodText(period)}`;
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label="Modifica le date">
        <ActionIcon size="sm" variant="subtle" aria-label={`Modifica ${what}`} onClick={onEdit}>
          <IconEdit size={14} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Elimina (inserito per errore)">
        <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Elimina ${what}`} onClick={onRemove}>
          <IconTrash size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
