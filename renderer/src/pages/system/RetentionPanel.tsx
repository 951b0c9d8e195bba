import { Alert, Button, Card, Group, Modal, NumberInput, Pagination, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ANONYMISATION_CONFIRMATION, type AnonymisationPreview } from '../../../../electron/contract/system';
import { call, type ApiError } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryState } from '../../components/QueryState';
import { PAGER_PROPS } from '../../components/ServerTable';
import { formatDate } from '../../format';

const PAGE_SIZE = 20;

function RetentionSetting({ years }: { years: number }) {
  const [value, setValue] = useState<number | string>(years);
  const [error, setError] = useState<string | null>(null);
  const save = useApiMutation('system.settings.update', { success: 'Periodo di conservazione salvato', quietErrors: true });
  const submit = () => {
    setError(null);
    save.mutate({ retentionYears: typeof value === 'number' ? value : Number.NaN }, { onError: (e) => setError(e.fields?.retentionYears ?? e.message) });
  };
  return (
    <Group align="flex-end" wrap="wrap">
      <NumberInput
        label="Anni di conservazione"
        description="Contati dalla data di chiusura dell’ultimo caso della persona"
        min={1}
        max={50}
        w={300}
        value={value}
        onChange={setValue}
        error={error}
        allowDecimal={false}
      />
      <Button onClick={submit} loading={save.isPending} disabled={value === years}>
        Salva
      </Button>
    </Group>
  );
}

function PreviewTable({ preview, page, onPage }: { preview: AnonymisationPreview; page: number; onPage: (p: number) => void }) {
  if (preview.total === 0) {
    return <Alert color="gray">Nessuna persona da anonimizzare: nessuno ha l’ultimo caso chiuso entro il {formatDate(preview.cutoff)} senza casi aperti.</Alert>;
  }
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={520}>
        <Table striped highlightOnHover aria-label="Persone da anonimizzare">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Scheda</Table.Th>
              <Table.Th>Cognome e nome</Table.Th>
              <Table.Th w={190}>Ultimo caso chiuso il</Table.Th>
              <Table.Th w={70} ta="right">Casi</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((r) => (
              <Table.Tr key={r.personId}>
                <Table.Td>n. {r.personId}</Table.Td>
                <Table.Td>
                  {r.lastName} {r.firstName}
                </Table.Td>
                <Table.Td>{r.lastClosedOn ? formatDate(r.lastClosedOn) : `nessun caso (registrata il ${formatDate(r.registeredOn)})`}</Table.Td>
                <Table.Td ta="right">{r.cases}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {preview.total > PAGE_SIZE && <Pagination total={Math.ceil(preview.total / PAGE_SIZE)} value={page} onChange={onPage} size="sm" aria-label="Pagine dell’anteprima" getItemProps={PAGER_PROPS.getPaginationItemProps} getControlProps={PAGER_PROPS.getPaginationControlProps} />}
    </Stack>
  );
}

/**
 * The confirmation dialog and the run, batch after batch with its progress: the first call takes the
 * backup, the next ones name it. Mounted only while open, so each opening starts afresh.
 */
function RunDialog({ total, onClose }: { total: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = progress !== null && error === null;

  const run = async () => {
    setError(null);
    setProgress({ done: 0, total });
    let done = 0;
    let backup: string | undefined;
    try {
      for (;;) {
        const result = await call('system.anonymisation.run', { confirm: ANONYMISATION_CONFIRMATION, batchSize: 500, ...(backup && { backupFileName: backup }) });
        backup = result.backup;
        done += result.anonymised;
        setProgress({ done, total: done + result.remaining });
        if (result.remaining === 0 || result.anonymised === 0) break;
      }
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: `${done === 1 ? 'Anonimizzata 1 persona' : `Anonimizzate ${done} persone`}. Backup eseguito prima: ${backup}` });
      onClose();
    } catch (e) {
      setError((e as ApiError).message);
      await queryClient.invalidateQueries();
    }
  };

  return (
    <Modal opened onClose={running ? () => undefined : onClose} title="Anonimizzare i dati scaduti?" size="lg" closeOnClickOutside={!running} withCloseButton={!running}>
      <Stack>
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Operazione irreversibile">
          Di {total} {total === 1 ? 'persona' : 'persone'} saranno cancellati nomi, codice fiscale, data e luogo di nascita (resta l’anno), recapiti, indirizzo,
          note, testi liberi, competenze, esperienze e documenti. Restano solo i dati che servono ai report (sesso, anno di nascita, comune, titolo di
          studio, cittadinanza, fascia, date degli eventi). Prima viene eseguito un backup del database.
        </Alert>
        <TextInput
          label={`Per confermare scrivere ${ANONYMISATION_CONFIRMATION}`}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          disabled={running}
          autoComplete="off"
        />
        {progress && (
          <Stack gap={4}>
            <Progress value={progress.total === 0 ? 100 : (100 * progress.done) / progress.total} animated={running} aria-label="Avanzamento dell’anonimizzazione" />
            <Text size="sm" c="dimmed">
              {progress.done} di {progress.total} persone anonimizzate
            </Text>
          </Stack>
        )}
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={running}>
            Annulla
          </Button>
          <Button color="red" onClick={() => void run()} loading={running} disabled={typed !== ANONYMISATION_CONFIRMATION}>
            Anonimizza {total} {total === 1 ? 'persona' : 'persone'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Impostazioni → Conservazione dei dati: the retention period, who it would anonymise today, and the run. */
export function RetentionPanel() {
  const settings = useApiQuery('system.settings.get', {});
  const [page, setPage] = useState(1);
  const preview = useApiQuery('system.anonymisation.preview', { page, pageSize: PAGE_SIZE });
  const [confirming, setConfirming] = useState(false);
  return (
    <Card withBorder radius="md">
      <Group gap="xs" mb="sm">
        <IconShieldLock size={20} />
        <Title order={4}>Conservazione dei dati</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md" maw={820}>
        Trascorso il periodo di conservazione dalla chiusura dell’ultimo caso, i dati personali vengono anonimizzati: la scheda resta solo per i report,
        che danno gli stessi numeri di prima. Chi ha un caso aperto non viene mai anonimizzato. Una persona che lo chiede (ad esempio con una richiesta
        di cancellazione) si anonimizza dalla sua scheda.
      </Text>
      <Stack>
        <QueryState query={settings}>{(s) => <RetentionSetting key={s.retentionYears} years={s.retentionYears} />}</QueryState>
        <QueryState query={preview}>
          {(p) => (
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600} data-testid="anonymisation-total">
                  {p.total === 1 ? '1 persona da anonimizzare' : `${p.total} persone da anonimizzare`}
                  <Text span c="dimmed" fw={400} size="sm">
                    {' '}
                    — ultimo caso chiuso entro il {formatDate(p.cutoff)} ({p.retentionYears} {p.retentionYears === 1 ? 'anno' : 'anni'})
                  </Text>
                </Text>
                <Button color="red" leftSection={<IconShieldLock size={16} />} disabled={p.total === 0} onClick={() => setConfirming(true)}>
                  Anonimizza…
                </Button>
              </Group>
              <PreviewTable preview={p} page={page} onPage={setPage} />
              {confirming && (
                <RunDialog
                  total={p.total}
                  onClose={() => {
                    setConfirming(false);
                    setPage(1);
                  }}
                />
              )}
            </Stack>
          )}
        </QueryState>
      </Stack>
    </Card>
  );
}
