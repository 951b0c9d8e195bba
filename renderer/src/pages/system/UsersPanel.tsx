import { Badge, Button, Card, Group, Modal, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconLockOpen, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { UserRow } from '../../../../electron/contract/auth';
import { ROLES, ROLE_LABELS, type Role } from '../../../../electron/contract/roles';
import { PASSWORD_HINT, passwordProblem } from '../../../../electron/domain/passwordPolicy';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { serverErrorBesideFields } from '../../auth/formErrors';
import { useCurrentUser } from '../../auth/AuthProvider';
import { DialogFooter } from '../../components/DialogFooter';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../format';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function NewUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useApiMutation('auth.users.create', { success: (u) => `Utente ${u.username} creato`, quietErrors: true });
  const form = useForm({
    initialValues: { fullName: '', username: '', role: 'operatore' as Role, password: '' },
    validate: {
      fullName: (v) => (v.trim() ? null : 'Inserire nome e cognome'),
      username: (v) => (/^[a-z0-9._-]{3,40}$/i.test(v.trim()) ? null : 'Da 3 a 40 caratteri tra lettere, cifre, punto, trattino'),
      password: (v, values) => passwordProblem(v, { username: values.username }),
    },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Nuovo utente">
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          create.mutate(values, {
            onSuccess: close,
            onError: (e) => setFailure(serverErrorBesideFields(form, e)),
          }),
        )}
      >
        <Stack>
          <TextInput label="Nome e cognome" data-autofocus {...form.getInputProps('fullName')} />
          <TextInput label="Nome utente" {...form.getInputProps('username')} />
          <Select label="Ruolo" data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
          <PasswordInput label="Password iniziale" description={`${PASSWORD_HINT}; l’utente potrà cambiarla da Impostazioni`} {...form.getInputProps('password')} />
          <DialogFooter failure={failure} onCancel={close} saving={create.isPending} submitLabel="Crea utente" />
        </Stack>
      </form>
    </Modal>
  );
}

/** «Sblocca» on a user locked after too many failed logins, confirmed first. */
function UnlockButton({ user }: { user: UserRow }) {
  const unlock = useApiMutation('auth.users.unlock', { success: (u) => `Utente ${u.username} sbloccato` });
  const confirm = () =>
    modals.openConfirmModal({
      title: 'Sbloccare l’utente?',
      children: (
        <Text size="sm">
          {user.fullName} ({user.username}) è bloccato dopo troppi tentativi di accesso non riusciti. Sbloccarlo solo dopo aver verificato con la persona che i
          tentativi erano suoi; se non li riconosce, impostare anche una nuova password.
        </Text>
      ),
      labels: { confirm: 'Sblocca', cancel: 'Annulla' },
      onConfirm: () => unlock.mutate({ id: user.id }),
    });
  return (
    <Button size="compact-xs" variant="light" leftSection={<IconLockOpen size={14} />} onClick={confirm} loading={unlock.isPending} aria-label={`Sblocca ${user.fullName}`}>
      Sblocca
    </Button>
  );
}

export function UsersPanel() {
  const me = useCurrentUser();
  const users = useApiQuery('auth.users.list', {});
  const update = useApiMutation('auth.users.update', { success: 'Utente aggiornato' });
  const [creating, setCreating] = useState(false);
  return (
    <Card withBorder radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Utenti</Title>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>Nuovo utente</Button>
      </Group>
      <NewUserModal opened={creating} onClose={() => setCreating(false)} />
      <QueryState query={users}>
        {(rows) => (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nome</Table.Th>
                <Table.Th>Nome utente</Table.Th>
                <Table.Th>Ruolo</Table.Th>
                <Table.Th>Ultimo accesso</Table.Th>
                <Table.Th>Attivo</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    {u.fullName} {u.id === me.id && <Badge size="xs" variant="light">tu</Badge>}
                    {u.lockedAt && (
                      <Group gap={6} mt={4}>
                        <Badge size="sm" color="red" variant="light" tt="none" title={`Bloccato il ${formatDate(u.lockedAt, true)}`}>
                          Bloccato
                        </Badge>
                        <UnlockButton user={u} />
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td w={200}>
                    <Select
                      size="xs"
                      aria-label={`Ruolo di ${u.fullName}`}
                      data={roleOptions}
                      value={u.role}
                      allowDeselect={false}
                      disabled={u.id === me.id}
                      onChange={(role) => role && update.mutate({ id: u.id, role: role as Role })}
                    />
                  </Table.Td>
                  <Table.Td>{formatDate(u.lastLoginAt, true)}</Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`Attivo: ${u.fullName}`}
                      checked={u.active}
                      disabled={u.id === me.id}
                      onChange={(e) => update.mutate({ id: u.id, active: e.currentTarget.checked })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Card>
  );
}
