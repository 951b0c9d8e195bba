import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { call } from '../api/client';
import { useAuth } from './AuthProvider';
import { applyServerErrors } from './formErrors';

export function LoginPage({ expired }: { expired?: boolean }) {
  const { signedIn } = useAuth();
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : 'Inserire il nome utente'),
      password: (v) => (v ? null : 'Inserire la password'),
    },
  });

  const login = useMutation({
    mutationFn: (values: typeof form.values) => call('auth.login', values),
    onSuccess: signedIn,
    onError: (e) => {
      applyServerErrors(form, e);
      form.setFieldValue('password', '');
    },
  });
  const submit = form.onSubmit((values) => login.mutate(values));

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={420} radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={2}>IXL Desk</Title>
              <Text c="dimmed" size="sm">Insieme per il lavoro — accesso</Text>
            </div>
            {expired && <Alert color="yellow">La sessione è scaduta: accedere di nuovo.</Alert>}
            {login.error && <Alert color="red" role="alert">{login.error.message}</Alert>}
            <TextInput label="Nome utente" autoComplete="username" autoFocus {...form.getInputProps('username')} />
            <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
            <Button type="submit" loading={login.isPending}>Accedi</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
