import { ActionIcon, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconEdit, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { CompanyContact } from '../../../../../electron/contract/companies';
import { useApiMutation } from '../../../api/hooks';
import { applyServerErrors } from '../../../auth/formErrors';
import { DialogFooter } from '../../../components/DialogFooter';

interface ContactValues {
  name: string;
  role: string;
  phone: string;
  email: string;
}
const orNull = (s: string) => (s.trim() ? s.trim() : null);

function ContactModal({ companyId, contact, onClose }: { companyId: number; contact: CompanyContact | null; onClose: () => void }) {
  const form = useForm<ContactValues>({
    initialValues: { name: contact?.name ?? '', role: contact?.role ?? '', phone: contact?.phone ?? '', email: contact?.email ?? '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Inserire il nome del referente'),
      phone: (v) => (!v.trim() || /^\+?[0-9 ./-]{6,20}$/.test(v.trim()) ? null : 'Numero di telefono non valido: solo cifre, spazi e +'),
      email: (v) => (!v.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : 'Indirizzo email non valido'),
    },
  });
  const add = useApiMutation('companies.contacts.add', { success: (c) => `Referente aggiunto: ${c.name}`, quietErrors: true });
  const update = useApiMutation('companies.contacts.update', { success: 'Referente aggiornato', quietErrors: true });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.onSubmit((v) => {
    const data = { name: v.name.trim(), role: orNull(v.role), phone: orNull(v.phone), email: orNull(v.email) };
    const onError = (e: Error) => setFailure(applyServerErrors(form, e));
    if (contact) update.mutate({ id: contact.id, ...data }, { onSuccess: onClose, onError });
    else add.mutate({ companyId, ...data }, { onSuccess: onClose, onError });
  });
  return (
    <Modal opened onClose={onClose} title={contact ? 'Modifica referente' : 'Nuovo referente'}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Nome e cognome" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <TextInput label="Ruolo" placeholder="Es. Responsabile del personale" {...form.getInputProps('role')} />
          <SimpleGrid cols={2}>
            <TextInput label="Telefono" type="tel" {...form.getInputProps('phone')} />
            <TextInput label="Email" type="email" {...form.getInputProps('email')} />
          </SimpleGrid>
          <DialogFooter failure={failure} onCancel={onClose} saving={add.isPending || update.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Referenti: the people to talk to at the company. */
export function ContactsPanel({ companyId, contacts, canWrite }: { companyId: number; contacts: CompanyContact[]; canWrite: boolean }) {
  const [editing, setEditing] = useState<CompanyContact | 'new' | null>(null);
  const remove = useApiMutation('companies.contacts.remove', { success: 'Referente eliminato' });
  const confirmRemove = (c: CompanyContact) =>
    modals.openConfirmModal({
      title: 'Eliminare il referente?',
      children: (
        <Text size="sm">
          {c.name}
          {c.role ? ` (${c.role})` : ''} sarà tolto dai referenti dell’azienda.
        </Text>
      ),
      labels: { confirm: 'Elimina referente', cancel: 'Annulla' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: c.id }),
    });
  return (
    <Card withBorder radius="md">
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {contacts.length === 0
            ? `Nessun referente registrato.${canWrite ? ' Aggiungere le persone da contattare in azienda (personale, capoturno, titolare).' : ''}`
            : contacts.length === 1
              ? '1 referente.'
              : `${contacts.length} referenti.`}
        </Text>
        {canWrite && (
          <Button size="xs" leftSection={<IconUserPlus size={14} />} onClick={() => setEditing('new')}>
            Nuovo referente
          </Button>
        )}
      </Group>
      {contacts.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Nome</Table.Th>
              <Table.Th>Ruolo</Table.Th>
              <Table.Th>Telefono</Table.Th>
              <Table.Th>Email</Table.Th>
              {canWrite && <Table.Th w={80} aria-label="Azioni" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td fw={500}>{c.name}</Table.Td>
                <Table.Td>{c.role ?? '—'}</Table.Td>
                <Table.Td>{c.phone ?? '—'}</Table.Td>
                <Table.Td>{c.email ?? '—'}</Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label="Modifica">
                        <ActionIcon variant="subtle" aria-label={`Modifica ${c.name}`} onClick={() => setEditing(c)}>
                          <IconEdit size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Elimina">
                        <ActionIcon variant="subtle" color="red" aria-label={`Elimina ${c.name}`} onClick={() => confirmRemove(c)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <ContactModal companyId={companyId} contact={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
