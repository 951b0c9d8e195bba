import { Alert, Badge, Button, Card, Code, Grid, Group, List, NumberInput, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { SSL_MODE_LABELS, SSL_MODES, type CheckLevel, type DatabaseCheck, type DatabaseChoice, type DatabaseServerInput } from '../../../../electron/contract/systemDatabase';
import { call, type ApiError } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { serverErrorBesideFields } from '../../auth/formErrors';
import { QueryState } from '../../components/QueryState';

/**
 * Impostazioni → Database (administrators): the database in use, the one the next start opens, and a
 * shared PostgreSQL server entered, checked («Verifica connessione») and saved — or the way back to
 * the desk's own file. Both changes are confirmed first; neither touches the database open now.
 */
const LINK_LABELS = { local: 'File locale', connected: 'Connesso', disconnected: 'Non connesso' } as const;
const LEVEL_ICONS: Record<CheckLevel, { color: string; icon: typeof IconCheck }> = {
  ok: { color: 'green', icon: IconCheck },
  attenzione: { color: 'yellow', icon: IconAlertTriangle },
  errore: { color: 'red', icon: IconX },
};

function CheckResult({ check }: { check: DatabaseCheck }) {
  return (
    <Alert color={check.ok ? 'green' : 'red'} title={check.ok ? 'Connessione verificata' : 'Il server non si può usare così'} role="status">
      <List spacing={4} size="sm" center>
        {check.findings.map((f, i) => {
          const { color, icon: Icon } = LEVEL_ICONS[f.level];
          return (
            <List.Item key={i} icon={<ThemeIcon color={color} size={18} radius="xl"><Icon size={12} /></ThemeIcon>}>
              {f.text}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

type ServerForm = Omit<DatabaseServerInput, 'port' | 'caFile'> & { port: number | string; caFile: string };

function ServerFormCard({ choice }: { choice: DatabaseChoice }) {
  const saved = choice.next.server;
  const form = useForm<ServerForm>({
    initialValues: {
      host: saved?.host ?? '',
      port: saved?.port ?? 5432,
      database: saved?.database ?? 'ixl',
      user: saved?.user ?? 'ixl_app',
      password: '',
      sslmode: saved?.sslmode ?? 'verify-full',
      caFile: saved?.caFile ?? '',
    },
  });
  const [check, setCheck] = useState<DatabaseCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const verify = useMutation<DatabaseCheck, ApiError, DatabaseServerInput>({ mutationFn: (server) => call('system.database.check', server) });
  const save = useApiMutation('system.database.save', { success: 'Server salvato: sarà usato al prossimo avvio di IXL Desk', quietErrors: true });
  const input = (v: ServerForm): DatabaseServerInput => ({ ...v, port: Number(v.port) || 0, password: v.password || undefined, caFile: v.caFile || null });
  const failed = (e: ApiError) => setError(serverErrorBesideFields(form, e));

  const runCheck = form.onSubmit((values) => {
    setError(null);
    setCheck(null);
    verify.mutate(input(values), { onSuccess: setCheck, onError: failed });
  });
  const confirmSave = () => {
    const values = form.getValues();
    setError(null);
    modals.openConfirmModal({
      title: 'Usare questo server al prossimo avvio?',
      children: (
        <Stack gap="xs">
          <Text size="sm">
            Alla prossima apertura IXL Desk si collegherà a <b>{values.host}:{values.port}</b>, database <b>{values.database}</b>, come <b>{values.user}</b>. Il database in
            uso ora resta com’è: per portarne i dati sul server usare «ixl db copy».
          </Text>
          {!choice.canSavePassword && (
            <Text size="sm">In questa modalità la password non viene salvata: su questo computer va indicata in PGPASSWORD o nel file ~/.pgpass.</Text>
          )}
        </Stack>
      ),
      labels: { confirm: 'Salva', cancel: 'Annulla' },
      onConfirm: () => save.mutate({ kind: 'server', server: input(values) }, { onSuccess: () => form.setFieldValue('password', ''), onError: failed }),
    });
  };

  return (
    <Card withBorder radius="md">
      <Title order={4} mb={4}>Server condiviso (PostgreSQL)</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Gli uffici della rete collegano ogni postazione allo stesso server. L’utente da indicare è il ruolo dell’applicazione, non il proprietario dello schema.
      </Text>
      <form noValidate onSubmit={runCheck} aria-label="Server condiviso">
        <Stack gap="sm" maw={720}>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput label="Server" placeholder="db.ufficio.local" required {...form.getInputProps('host')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NumberInput label="Porta" min={1} max={65535} required {...form.getInputProps('port')} />
            </Grid.Col>
          </Grid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Database" required {...form.getInputProps('database')} />
            <TextInput label="Utente" required {...form.getInputProps('user')} />
            <PasswordInput label="Password" autoComplete="new-password" {...form.getInputProps('password')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-6}>
            {choice.canSavePassword
              ? 'La password si salva cifrata dal sistema operativo, mai in chiaro; va inserita di nuovo a ogni salvataggio.'
              : 'In questa modalità la password serve solo alla verifica e non si salva: su questo computer va indicata in PGPASSWORD o nel file ~/.pgpass.'}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Cifratura (sslmode)"
              description={SSL_MODE_LABELS[form.values.sslmode]}
              data={SSL_MODES.map((m) => ({ value: m, label: m }))}
              allowDeselect={false}
              required
              {...form.getInputProps('sslmode')}
            />
            <TextInput
              label="Certificato della CA (file PEM)"
              placeholder="/percorso/ca.pem"
              description="Per verify-ca, o verify-full con una CA propria"
              disabled={form.values.sslmode === 'disable'}
              {...form.getInputProps('caFile')}
            />
          </SimpleGrid>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          {check && <CheckResult check={check} />}
          <Group>
            <Button type="submit" variant="light" loading={verify.isPending}>Verifica connessione</Button>
            <Button onClick={confirmSave} loading={save.isPending}>Salva per il prossimo avvio</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function NextStartCard({ choice }: { choice: DatabaseChoice }) {
  const save = useApiMutation('system.database.save', { success: 'Al prossimo avvio IXL Desk userà il file locale' });
  const { next } = choice;
  const backToLocal = () =>
    modals.openConfirmModal({
      title: 'Tornare al file locale?',
      children: (
        <Text size="sm">
          Alla prossima apertura IXL Desk userà il file di questa postazione e non vedrà più i dati del server condiviso. I dati sul server restano dove sono.
        </Text>
      ),
      labels: { confirm: 'Usa il file locale', cancel: 'Annulla' },
      confirmProps: { color: 'red' },
      onConfirm: () => save.mutate({ kind: 'locale' }),
    });
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="sm">Al prossimo avvio</Title>
      <Stack gap="xs">
        {choice.override && (
          <Alert color="yellow">
            Ora il database è scelto da IXL_DB o da --db (<Code>{choice.override}</Code>): questa impostazione vale quando non sono indicati.
          </Alert>
        )}
        <Text size="sm">
          {next.engine === 'sqlite' ? 'Il file locale di questa postazione:' : 'Il server condiviso:'} <Code style={{ wordBreak: 'break-all' }}>{next.location}</Code>
        </Text>
        {next.engine === 'postgres' && (
          <>
            <Text size="sm" c="dimmed">
              {next.passwordSaved ? 'Password salvata, cifrata dal sistema.' : 'Password non salvata: si legge da PGPASSWORD o da ~/.pgpass.'}
            </Text>
            <Group>
              <Button variant="default" onClick={backToLocal} loading={save.isPending}>Torna al file locale</Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function CurrentCard({ choice }: { choice: DatabaseChoice }) {
  const { current } = choice;
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="sm">Database in uso</Title>
      <Group gap="sm" mb="xs">
        <Badge variant="light">{current.engine === 'sqlite' ? 'SQLite, file di questa postazione' : 'PostgreSQL, server condiviso'}</Badge>
        <Badge variant="dot" color={current.link === 'disconnected' ? 'red' : 'green'}>{LINK_LABELS[current.link]}</Badge>
      </Group>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{current.location}</Code>
    </Card>
  );
}

export function DatabasePanel() {
  const choice = useApiQuery('system.database.choice', {});
  return (
    <QueryState query={choice}>
      {(c) => (
        <Stack>
          <CurrentCard choice={c} />
          <NextStartCard choice={c} />
          <ServerFormCard choice={c} />
        </Stack>
      )}
    </QueryState>
  );
}
