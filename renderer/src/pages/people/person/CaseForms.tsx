import { Alert, Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { DateField } from '../../../components/DateField';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { CaseView } from '../../../../../electron/contract/cases';
import { useApiMutation } from '../../../api/hooks';
import { useReference } from '../../../api/reference';
import { applyServerErrors } from '../../../auth/formErrors';
import { useCurrentUser } from '../../../auth/AuthProvider';
import { todayIso } from '../../../../../electron/domain/dates';

function useOptions() {
  const reference = useReference();
  const data = reference.data;
  return {
    loading: reference.isPending,
    channels: (data?.channels ?? []).map((c) => ({ value: c.code, label: c.name })),
    organisations: (data?.organisations ?? []).map((o) => ({ value: String(o.id), label: o.name })),
    referents: (data?.referents ?? []).map((r) => ({ value: String(r.id), label: r.fullName })),
  };
}

const toId = (v: string | null): number | null => (v ? Number(v) : null);

interface NewCaseValues {
  channelCode: string | null;
  applicationDate: string | null;
  referentUserId: string | null;
  referringOrgId: string | null;
  referringPoint: string;
  note: string;
}

function NewCaseForm({ personId, onDone }: { personId: number; onDone: () => void }) {
  const me = useCurrentUser();
  const options = useOptions();
  const [failure, setFailure] = useState<string | null>(null);
  const create = useApiMutation('cases.create', { success: 'Nuova presa in carico aperta', quietErrors: true });
  const form = useForm<NewCaseValues>({
    initialValues: {
      channelCode: null,
      applicationDate: todayIso(),
      referentUserId: options.referents.some((r) => r.value === String(me.id)) ? String(me.id) : null,
      referringOrgId: null,
      referringPoint: '',
      note: '',
    },
    validate: {
      channelCode: (v) => (v ? null : 'Indicare il canale di accesso'),
      applicationDate: (v) => (v ? null : 'Indicare la data della domanda'),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setFailure(null);
        create.mutate(
          {
            personId,
            channelCode: v.channelCode ?? '',
            applicationDate: v.applicationDate ?? '',
            referentUserId: toId(v.referentUserId),
            referringOrgId: toId(v.referringOrgId),
            referringPoint: v.referringPoint.trim() || null,
            note: v.note.trim() || null,
          },
          { onSuccess: onDone, onError: (e) => setFailure(applyServerErrors(form, e)) },
        );
      })}
    >
      <Stack>
        <Select label="Canale di accesso" withAsterisk data={options.channels} data-autofocus searchable {...form.getInputProps('channelCode')} />
        <DateField label="Data della domanda" withAsterisk {...form.getInputProps('applicationDate')} />
        <Group grow>
          <Select label="Ente inviante" placeholder="Facoltativo" data={options.organisations} searchable clearable {...form.getInputProps('referringOrgId')} />
          <TextInput label="Punto inviante" placeholder="Es. centro d’ascolto parrocchiale" {...form.getInputProps('referringPoint')} />
        </Group>
        <Select label="Referente" placeholder="Chi segue la persona" data={options.referents} searchable clearable {...form.getInputProps('referentUserId')} />
        <Textarea label="Nota" placeholder="Facoltativa" autosize minRows={2} {...form.getInputProps('note')} />
        {failure && <Alert color="red" title="Presa in carico non aperta">{failure}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Annulla</Button>
          <Button type="submit" loading={create.isPending}>Apri presa in carico</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Opens a new case for a person who comes back after a closed one (or was registered without one). */
export function NewCaseModal({ personId, opened, onClose }: { personId: number; opened: boolean; onClose: () => void }) {
  const options = useOptions();
  return (
    <Modal opened={opened} onClose={onClose} title="Nuova presa in carico" size="lg">
      {!options.loading && <NewCaseForm personId={personId} onDone={onClose} />}
    </Modal>
  );
}

function EditCaseForm({ caseView, onDone }: { caseView: CaseView; onDone: () => void }) {
  const options = useOptions();
  const [failure, setFailure] = useState<string | null>(null);
  const update = useApiMutation('cases.update', { success: 'Caso aggiornato', quietErrors: true });
  const form = useForm({
    initialValues: {
      referentUserId: caseView.referentUserId ? String(caseView.referentUserId) : null,
      referringOrgId: caseView.referringOrgId ? String(caseView.referringOrgId) : null,
      referringPoint: caseView.referringPoint ?? '',
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setFailure(null);
        update.mutate(
          { caseId: caseView.id, referentUserId: toId(v.referentUserId), referringOrgId: toId(v.referringOrgId), referringPoint: v.referringPoint.trim() || null },
          { onSuccess: onDone, onError: (e) => setFailure(applyServerErrors(form, e)) },
        );
      })}
    >
      <Stack>
        <Select label="Referente" data={options.referents} searchable clearable data-autofocus {...form.getInputProps('referentUserId')} />
        <Select label="Ente inviante" data={options.organisations} searchable clearable {...form.getInputProps('referringOrgId')} />
        <TextInput label="Punto inviante" {...form.getInputProps('referringPoint')} />
        {failure && <Alert color="red" title="Modifica non salvata">{failure}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Annulla</Button>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>Salva</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Changes who follows the case and who referred the person. */
export function EditCaseModal({ caseView, opened, onClose }: { caseView: CaseView; opened: boolean; onClose: () => void }) {
  const options = useOptions();
  return (
    <Modal opened={opened} onClose={onClose} title="Referente ed ente inviante">
      {!options.loading && <EditCaseForm caseView={caseView} onDone={onClose} />}
    </Modal>
  );
}
