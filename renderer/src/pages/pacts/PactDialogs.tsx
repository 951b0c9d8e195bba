import { Alert, Button, FileInput, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { PactDetail } from '../../../../electron/contract/pacts';
import { todayIso } from '../../../../electron/domain/dates';
import { SIGNED_COPY_MAX_BYTES } from '../../../../electron/domain/pacts';
import { ApiError } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { useApiMutation } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { formatBytes, formatDate } from '../../format';

const ACCEPTED = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

interface SignValues {
  signedOn: string | null;
  file: File | null;
}

/** "Segna come firmato": the date of the signatures and the scanned signed copy (PDF, JPEG or PNG). */
export function SignModal({ pact, opened, onClose }: { pact: PactDetail; opened: boolean; onClose: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const sign = useApiMutation('pacts.markSigned', { success: (p) => `Patto ${p.number} firmato: copia firmata allegata`, quietErrors: true });
  const form = useForm<SignValues>({
    initialValues: { signedOn: todayIso(), file: null },
    validate: {
      signedOn: (v) => (!v ? 'Indicare la data della firma' : v > todayIso() ? 'La data non può essere nel futuro' : v < pact.pactDate ? `Non prima della data del patto (${formatDate(pact.pactDate)})` : null),
      file: (f) => (!f ? 'Allegare la copia firmata scansionata' : f.size > SIGNED_COPY_MAX_BYTES ? 'Il file supera i 20 MB: scansionarlo a risoluzione più bassa' : null),
    },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = async (values: SignValues) => {
    if (!values.file || !values.signedOn) return;
    setFailure(null);
    setReading(true);
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(values.file);
    } catch {
      setFailure('Impossibile leggere il file scelto');
      return;
    } finally {
      setReading(false);
    }
    sign.mutate(
      { id: pact.id, signedOn: values.signedOn, file: { fileName: values.file.name, contentBase64 } },
      {
        onSuccess: close,
        onError: (error) => {
          if (error instanceof ApiError) {
            const fields = error.fields;
            form.setErrors({ ...(fields.signedOn ? { signedOn: fields.signedOn } : {}), ...(fields['file.contentBase64'] ? { file: fields['file.contentBase64'] } : {}) });
          }
          setFailure(error.message);
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={`Segna come firmato il patto ${pact.number}`} size="lg">
      <form noValidate onSubmit={form.onSubmit((v) => void submit(v))}>
        <Stack>
          <Text size="sm">Indicare quando il patto è stato firmato da entrambe le parti e allegare la copia firmata scansionata.</Text>
          <DateField label="Data della firma" withAsterisk maxDate={todayIso()} minDate={pact.pactDate} data-autofocus {...form.getInputProps('signedOn')} />
          <FileInput
            label="Copia firmata"
            description="PDF oppure immagine JPEG o PNG, fino a 20 MB"
            placeholder="Scegliere il file della scansione"
            withAsterisk
            accept={ACCEPTED}
            clearable
            leftSection={<IconFileUpload size={16} />}
            {...form.getInputProps('file')}
          />
          {form.values.file && !form.errors.file && (
            <Text size="xs" c="dimmed">
              {form.values.file.name} · {formatBytes(form.values.file.size)}
            </Text>
          )}
          {failure && <Alert color="red" title="Patto non segnato come firmato">{failure}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Annulla
            </Button>
            <Button type="submit" color="green" loading={reading || sign.isPending}>
              Segna come firmato
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Annulla patto": the reason is required and stays in the history. */
export function CancelModal({ pact, opened, onClose }: { pact: PactDetail; opened: boolean; onClose: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const cancel = useApiMutation('pacts.cancel', { success: (p) => `Patto ${p.number} annullato`, quietErrors: true });
  const form = useForm<{ reason: string }>({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim().length < 5 ? 'Indicare il motivo dell’annullamento (qualche parola)' : null) },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Annulla il patto ${pact.number}`}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          cancel.mutate(
            { id: pact.id, reason: v.reason.trim() },
            {
              onSuccess: close,
              onError: (error) => {
                if (error instanceof ApiError && error.fields.reason) form.setFieldError('reason', error.fields.reason);
                setFailure(error.message);
              },
            },
          ),
        )}
      >
        <Stack>
          <Text size="sm">
            Il patto resterà nell’elenco come <b>annullato</b>, con il motivo indicato. L’operazione non si può annullare: se serve, si prepara un nuovo patto.
          </Text>
          <Textarea label="Motivo" withAsterisk autosize minRows={2} placeholder="es. Rinuncia della persona, dati errati: patto sostituito" data-autofocus {...form.getInputProps('reason')} />
          {failure && <Alert color="red" title="Patto non annullato">{failure}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Non annullare
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              Annulla il patto
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
