import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { PrivacyNotice } from '../../../../electron/contract/system';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { applyServerErrors } from '../../auth/formErrors';
import { DateField } from '../../components/DateField';
import { DialogFooter } from '../../components/DialogFooter';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatNumber } from '../../format';

const STATUS: Record<PrivacyNotice['status'], { label: string; color: string }> = {
  in_vigore: { label: 'In vigore', color: 'green' },
  futura: { label: 'Non ancora in vigore', color: 'blue' },
  sostituita: { label: 'Sostituita', color: 'gray' },
};

interface NewNoticeValues {
  version: string;
  validFrom: string | null;
  text: string;
}

/** A new version: label, the day it takes effect, its text; confirmed, as it cannot be changed afterwards. */
function NewNoticeModal({ latest, onClose }: { latest: PrivacyNotice | undefined; onClose: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const create = useApiMutation('system.privacyNotices.create', { success: (n) => `Nuova versione dell’informativa «${n.version}» registrata`, quietErrors: true });
  const form = useForm<NewNoticeValues>({
    initialValues: { version: '', validFrom: null, text: latest?.text ?? '' },
    // a refusal explained the values as they were
    onValuesChange: () => setFailure(null),
    validate: {
      version: (v) => (v.trim() ? null : 'Indicare il nome della versione, ad esempio l’anno e il mese'),
      validFrom: (v) => (v ? null : 'Indicare da quando è in vigore'),
      text: (v) => (v.trim() ? null : 'Scrivere il testo dell’informativa'),
    },
  });
  const save = (v: NewNoticeValues) => {
    modals.openConfirmModal({
      title: 'Registrare la nuova versione?',
      children: (
        <Text size="sm">
          La versione «{v.version.trim()}» sarà in vigore dal {formatDate(v.validFrom)}: da quel giorno le nuove firme saranno per lei. Una versione registrata
          non si modifica né si cancella.
        </Text>
      ),
      labels: { confirm: 'Registra la versione', cancel: 'Torna al testo' },
      onConfirm: () => {
        setFailure(null);
        create.mutate(
          { version: v.version.trim(), validFrom: v.validFrom ?? '', text: v.text.trim() },
          { onSuccess: onClose, onError: (e) => setFailure(applyServerErrors(form, e)) },
        );
      },
    });
  };
  return (
    <Modal opened onClose={onClose} title="Nuova versione dell’informativa" size="xl">
      <form noValidate onSubmit={form.onSubmit(save)}>
        <Stack>
          <Group grow align="flex-start">
            <TextInput label="Versione" withAsterisk placeholder="Es. 2027-01" data-autofocus {...form.getInputProps('version')} />
            <DateField
              label="In vigore dal"
              withAsterisk
              description={latest ? `Dopo il ${formatDate(latest.validFrom)}, inizio della versione «${latest.version}»` : undefined}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('validFrom')}
            />
          </Group>
          <Textarea label="Testo" withAsterisk autosize minRows={8} maxRows={14} description="Proposto dalla versione più recente: modificarlo" {...form.getInputProps('text')} />
          <DialogFooter failure={failure} onCancel={onClose} saving={create.isPending} submitLabel="Registra…" />
        </Stack>
      </form>
    </Modal>
  );
}

function NoticesTable({ notices, onRead }: { notices: PrivacyNotice[]; onRead: (n: PrivacyNotice) => void }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-label="Versioni dell’informativa">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Versione</Table.Th>
            <Table.Th w={120} style={{ whiteSpace: 'nowrap' }}>
              In vigore dal
            </Table.Th>
            <Table.Th w={170}>Stato</Table.Th>
            <Table.Th w={80} ta="right">Firme</Table.Th>
            <Table.Th w={210}>Registrata</Table.Th>
            <Table.Th w={130} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {notices.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                «{n.version}»
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(n.validFrom)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS[n.status].color} tt="none">
                  {STATUS[n.status].label}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(n.acknowledgements)}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {formatDate(n.createdAt)}
                  {n.createdBy ? ` · ${n.createdBy}` : ' · con l’applicazione'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="subtle" onClick={() => onRead(n)}>
                  Leggi il testo
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Impostazioni → Informativa privacy (administrators): the versions, their texts and signatures, and a new version from a day. */
export function PrivacyNoticesPanel() {
  const notices = useApiQuery('system.privacyNotices.list', {});
  const [reading, setReading] = useState<PrivacyNotice | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <Card withBorder radius="md">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={3}>Informativa privacy</Title>
          <Text size="sm" c="dimmed" maw={720}>
            Ogni persona firma la versione in vigore il giorno della firma. Una modifica del testo è una nuova versione, in vigore da un giorno successivo
            all’ultima; le versioni registrate restano com’erano, con le loro firme.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          Nuova versione…
        </Button>
      </Group>
      <QueryState query={notices}>
        {(list) =>
          list.length === 0 ? (
            <Alert color="orange">Nessuna versione registrata: le persone non si possono registrare con l’informativa firmata finché non se ne inserisce una.</Alert>
          ) : (
            <NoticesTable notices={list} onRead={setReading} />
          )
        }
      </QueryState>
      {adding && <NewNoticeModal latest={notices.data?.[0]} onClose={() => setAdding(false)} />}
      <Modal opened={reading !== null} onClose={() => setReading(null)} title={reading ? `Informativa, versione «${reading.version}»` : ''} size="lg">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {reading?.text}
        </Text>
      </Modal>
    </Card>
  );
}
