import { Button, Card, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useApiMutation } from '../../api/hooks';
import { applyServerErrors } from '../../auth/formErrors';

export function AccountPanel() {
  const change = useApiMutation('auth.changePassword', { success: 'Password cambiata', quietErrors: true });
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Inserire la password attuale'),
      newPassword: (v) => (v.length >= 10 ? null : 'Almeno 10 caratteri'),
      confirm: (v, values) => (v === values.newPassword ? null : 'Le due password non coincidono'),
    },
  });
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="sm">Il mio account</Title>
      <form
        noValidate
        onSubmit={form.onSubmit(({ currentPassword, newPassword }) =>
          change.mutate({ currentPassword, newPassword }, { onSuccess: () => form.reset(), onError: (e) => form.setFieldError('currentPassword', applyServerErrors(form, e)) }),
        )}
      >
        <Stack maw={420}>
          <PasswordInput label="Password attuale" autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput label="Nuova password" description="Almeno 10 caratteri" autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordInput label="Conferma nuova password" autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Button type="submit" loading={change.isPending} w="fit-content">Cambia password</Button>
        </Stack>
      </form>
    </Card>
  );
}
