import { Badge, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconFileZip, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import type { PersonDetail } from '../../../../../electron/contract/people';
import { todayIso } from '../../../../../electron/domain/dates';
import { noticeInForce } from '../../../../../electron/domain/privacyNotices';
import { call } from '../../../api/client';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { applyServerErrors } from '../../../auth/formErrors';
import { DateField } from '../../../components/DateField';
import { DialogFooter } from '../../../components/DialogFooter';
import { useFileExport } from '../../../components/useFileExport';
import { formatDate } from '../../../format';

function usePrivacyNotices() {
  return useApiQuery('system.privacyNotices.list', {}, { staleTime: 60_000 });
}

interface AcknowledgeValues {
  acknowledgedOn: string | null;
  /** '' for the notice in force that day. */
  noticeId: string;
}

/** Records that the person signed a version of the notice on a day (by default today's, in force). */
function AcknowledgeModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const notices = usePrivacyNotices();
  const [failure, setFailure] = useState<string | null>(null);
  const acknowledge = useApiMutation('people.privacy.acknowledge', { success: (a) => `Registrata la firma dell’informativa «${a.version}»`, quietErrors: true });
  const form = useForm<AcknowledgeValues>({
    initialValues: { acknowledgedOn: todayIso(), noticeId: '' },
    validate: { acknowledgedOn: (v) => (v ? null : 'Indicare il giorno della firma') },
  });
  const day = form.getValues().acknowledgedOn;
  const inForce = day && notices.data ? noticeInForce(notices.data, day) : null;
  // the versions already in force that day: a person may sign an earlier one still at hand
  const choices = (notices.data ?? []).filter((n) => day !== null && n.validFrom <= day);
  return (
    <Modal opened onClose={onClose} title={`Firma dell’informativa: ${person.lastName} ${person.firstName}`}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setFailure(null);
          acknowledge.mutate(
            { personId: person.id, acknowledgedOn: v.acknowledgedOn ?? '', noticeId: v.noticeId ? Number(v.noticeId) : null },
            { onSuccess: onClose, onError: (e) => setFailure(applyServerErrors(form, e)) },
          );
        })}
      >
        <Stack>
          <DateField label="Firmata il" withAsterisk maxDate={todayIso()} {...form.getInputProps('acknowledgedOn')} />
          <Select
            label="Versione"
            data={[
              { value: '', label: inForce ? `Quella in vigore quel giorno («${inForce.version}»)` : 'Quella in vigore quel giorno' },
              ...choices.map((n) => ({ value: String(n.id), label: `«${n.version}», in vigore dal ${formatDate(n.validFrom)}` })),
            ]}
            allowDeselect={false}
            {...form.getInputProps('noticeId')}
          />
          <DialogFooter failure={failure} onCancel={onClose} saving={acknowledge.isPending} submitLabel="Registra la firma" focusSubmit />
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The person's privacy notice, in the header of their page: the version signed and when, or
 * «Informativa non firmata» with the reason; a newer version in force is pointed out. Case writers
 * record a signature from here.
 */
export function PrivacyStatus({ person, canRecord }: { person: PersonDetail; canRecord: boolean }) {
  const notices = usePrivacyNotices();
  const [recording, setRecording] = useState(false);
  const latest = person.privacyAcknowledgements[0];
  const current = notices.data ? noticeInForce(notices.data, todayIso()) : null;
  const outdated = latest && current && !person.privacyAcknowledgements.some((a) => a.noticeId === current.id);
  return (
    <Group gap="xs" data-testid="privacy-status">
      {latest ? (
        <Text size="sm">
          Informativa: versione «{latest.version}» firmata il {formatDate(latest.acknowledgedOn)}
        </Text>
      ) : (
        <>
          <Badge color="orange" variant="light" tt="none">
            Informativa non firmata
          </Badge>
          {person.privacyMissingReason && (
            <Text size="sm" c="dimmed">
              {person.privacyMissingReason}
            </Text>
          )}
        </>
      )}
      {outdated && (
        <Text size="sm" c="red.9">
          (è in vigore la versione «{current.version}»)
        </Text>
      )}
      {canRecord && (!latest || outdated) && (
        <Button size="compact-sm" variant="light" leftSection={<IconSignature size={14} />} onClick={() => setRecording(true)}>
          Registra la firma…
        </Button>
      )}
      {recording && <AcknowledgeModal person={person} onClose={() => setRecording(false)} />}
    </Group>
  );
}

/** «Copia dei dati»: after a confirmation, the .zip with the PDF and dati.json, as a job like the exports. */
export function DataCopyButton({ person }: { person: PersonDetail }) {
  const job = useFileExport({ running: 'Preparazione della copia dei dati', done: 'Copia dei dati pronta', failed: 'Copia dei dati non riuscita', message: (o) => `Archivio salvato in ${o.where}` });
  const confirm = () =>
    modals.openConfirmModal({
      title: 'Copia dei dati della persona',
      children: (
        <Text size="sm">
          Si prepara un archivio .zip con un PDF da consegnare a {person.firstName} {person.lastName} e il file dati.json: tutti i dati che il programma
          conserva su {person.sex === 'F' ? 'di lei' : 'di lui'}, compresi valutazioni, note e chi ha consultato la scheda (artt. 15 e 20 del Regolamento UE 2016/679). L’operazione
          resta nel registro modifiche.
        </Text>
      ),
      labels: { confirm: 'Prepara la copia', cancel: 'Annulla' },
      onConfirm: () => void job.run(() => call('people.dataCopy', { personId: person.id })),
    });
  return (
    <Button size="xs" variant="subtle" leftSection={<IconFileZip size={14} />} loading={job.exporting} onClick={confirm}>
      Copia dei dati
    </Button>
  );
}
