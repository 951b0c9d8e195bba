import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { PASSWORD_HINT, passwordProblem } from '../../../electron/domain/passwordPolicy';
import { call } from '../api/client';
import { useAuth } from './AuthProvider';
import { applyServerErrors } from './formErrors';

/** First run: the database has no users yet, so the first person to open the app creates the administrator. */
export function SetupPage() {
  const { signedIn } = useAuth();
  const form = useForm({
    initialValues: { fullName: '', username: '', password: '', confirm: '' },
    validate: {
      fullName: (v) => (v.trim() ? null : 'Inserire nome e cognome'),
      username: (v) => (/^[a-z0-9._-]{3,40}$/i.test(v.trim()) ? null : 'Da 3 a 40 caratteri tra lettere, cifre, punto, trattino'),
      password: (v, values) => passwordProblem(v, { username: values.username }),
      confirm: (v, values) => (v === values.password ? null : 'Le due password non coincidono'),
    },
  });

  const setup = useMutation({
    mutationFn: ({ fullName, username, password }: typeof form.values) => call('auth.setup', { fullName, username, password }),
    onSuccess: signedIn,
    onError: (e) => applyServerErrors(form, e),
  });
  const submit = form.onSubmit((values) => setup.mutate(values));

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={480} radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={2}>Benvenuti in IXL Desk</Title>
              <Text c="dimmed" size="sm">
                Primo avvio: creare l’account dell’amministratore. Potrà poi creare gli account dei colleghi da Impostazioni.
              </Text>
            </div>
            {setup.error && <Alert color="red" role="alert">{setup.error.message}</Alert>}
            <TextInput label="Nome e cognome" autoFocus {...form.getInputProps('fullName')} />
            <TextInput label="Nome utente" description="Per esempio: m.rossi" autoComplete="username" {...form.getInputProps('username')} />
            <PasswordInput label="Password" description={PASSWORD_HINT} autoComplete="new-password" {...form.getInputProps('password')} />
            <PasswordInput label="Conferma password" autoComplete="new-password" {...form.getInputProps('confirm')} />
            <Button type="submit" loading={setup.isPending}>Crea amministratore e accedi</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
