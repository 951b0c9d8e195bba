import { Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { PASSWORD_HINT, passwordProblem } from '../../../../electron/domain/passwordPolicy';
import { useApiMutation } from '../../api/hooks';
import { serverErrorBesideFields } from '../../auth/formErrors';
import { useCurrentUser } from '../../auth/AuthProvider';

export function AccountPanel() {
  const me = useCurrentUser();
  const change = useApiMutation('auth.changePassword', { success: 'Password cambiata: le altre sessioni aperte con questo utente sono state chiuse', quietErrors: true });
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Inserire la password attuale'),
      newPassword: (v) => passwordProblem(v, { username: me.username }),
      confirm: (v, values) => (v === values.newPassword ? null : 'Le due password non coincidono'),
    },
  });
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="sm">Il mio account</Title>
      <form
        noValidate
        onSubmit={form.onSubmit(({ currentPassword, newPassword }) => {
          setFailure(null);
          change.mutate({ currentPassword, newPassword }, { onSuccess: () => form.reset(), onError: (e) => setFailure(serverErrorBesideFields(form, e)) });
        })}
      >
        <Stack maw={480}>
          <PasswordInput label="Password attuale" autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput label="Nuova password" description={PASSWORD_HINT} autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordInput label="Conferma nuova password" autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Text size="sm" c="dimmed">Cambiando la password si chiudono le altre sessioni aperte con questo utente (altre postazioni o altri browser).</Text>
          {failure && (
            <Text size="sm" c="red" role="alert">
              {failure}
            </Text>
          )}
          <Button type="submit" loading={change.isPending} w="fit-content">Cambia password</Button>
        </Stack>
      </form>
    </Card>
  );
}
