import { useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { call } from '../api/client';
import { useAuth } from './AuthProvider';
import { applyServerErrors } from './formErrors';

export function LoginPage({ expired }: { expired?: boolean }) {
  const { signedIn } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : 'Inserire il nome utente'),
      password: (v) => (v ? null : 'Inserire la password'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      signedIn(await call('auth.login', values));
    } catch (e) {
      setError(applyServerErrors(form, e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  });

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
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput label="Nome utente" autoComplete="username" autoFocus {...form.getInputProps('username')} />
            <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
            <Button type="submit" loading={busy}>Accedi</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
