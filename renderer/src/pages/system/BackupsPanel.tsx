import { Alert, Badge, Button, Card, FileButton, Group, Modal, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconDeviceFloppy, IconKey, IconLock, IconUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { fileToBase64 } from '../../api/files';
import { QueryState } from '../../components/QueryState';
import { useFileExport } from '../../components/useFileExport';
import { formatBytes, formatDate } from '../../format';

/** The first bytes of an encrypted backup copy (electron/services/system/backupCrypto.ts). */
const ENCRYPTED_MAGIC = 'IXLBKENC';

async function isEncrypted(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, ENCRYPTED_MAGIC.length).arrayBuffer());
  return String.fromCharCode(...head) === ENCRYPTED_MAGIC;
}

interface PendingRestore {
  label: string;
  /** A listed backup, or an uploaded file. */
  input: { fileName: string } | { uploadName: string; contentBase64: string };
  encrypted: boolean;
}

/** Restore, confirmed first; an encrypted copy asks for its passphrase, and a wrong one keeps the dialog open. */
function RestoreDialog({ pending, onClose }: { pending: PendingRestore | null; onClose: () => void }) {
  const restore = useApiMutation('system.backup.restore', {
    success: (r) => `Database ripristinato da ${r.restoredFrom}. Copia del database precedente: ${r.safetyCopy}. Accedere di nuovo.`,
    quietErrors: true,
  });
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const encrypted = pending?.encrypted || needsPassphrase;
  const close = () => {
    setPassphrase('');
    setError(null);
    setNeedsPassphrase(false);
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pending) return;
    if (encrypted && !passphrase) return setError('Inserire la passphrase del backup');
    setError(null);
    restore.mutate(encrypted && 'uploadName' in pending.input ? { ...pending.input, passphrase } : pending.input, {
      onSuccess: close,
      onError: (err) => {
        if (err instanceof ApiError && err.fields.passphrase) {
          setNeedsPassphrase(true);
          setError(passphrase ? err.message : err.fields.passphrase);
          return;
        }
        close();
        notifications.show({ color: 'red', title: 'Ripristino non riuscito', message: err.message, autoClose: false });
      },
    });
  };
  return (
    <Modal opened={pending !== null} onClose={close} title="Ripristinare il database?" size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            I dati attuali saranno sostituiti da quelli di <b>{pending?.label}</b>. Prima del ripristino il file viene verificato e il database attuale viene
            conservato come copia di sicurezza. Tutti gli utenti dovranno accedere di nuovo.
          </Text>
          {encrypted && (
            <>
              <Alert color="blue" icon={<IconLock size={18} />}>
                Il file è un backup cifrato: inserire la passphrase con cui è stato salvato. Con una passphrase errata non cambia nulla.
              </Alert>
              <PasswordInput label="Passphrase del backup" data-autofocus required value={passphrase} error={error} onChange={(e) => setPassphrase(e.currentTarget.value)} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Annulla
            </Button>
            <Button type="submit" color="red" loading={restore.isPending}>
              Ripristina
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type PassphraseMode = 'imposta' | 'cambia' | 'rimuovi';

/** Set, change or remove the backup passphrase; changing and removing need the current one. */
function PassphraseDialog({ mode, onClose }: { mode: PassphraseMode | null; onClose: () => void }) {
  const set = useApiMutation('system.backup.setPassphrase', { success: 'Passphrase dei backup salvata: le copie salvate da ora in poi saranno cifrate', quietErrors: true });
  const remove = useApiMutation('system.backup.removePassphrase', { success: 'Passphrase rimossa: le copie successive non saranno cifrate', quietErrors: true });
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = () => {
    setCurrent('');
    setNext('');
    setRepeat('');
    setErrors({});
    onClose();
  };
  const failed = (err: ApiError) => setErrors(Object.keys(err.fields).length > 0 ? err.fields : { next: err.message });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'rimuovi') {
      if (!current) return setErrors({ current: 'Inserire la passphrase attuale' });
      modals.openConfirmModal({
        title: 'Rimuovere la passphrase?',
        children: <Text size="sm">Le copie salvate da ora in poi non saranno cifrate: chi ottiene un file ne legge tutti i dati. Le copie già salvate restano cifrate con la loro passphrase.</Text>,
        labels: { confirm: 'Rimuovi', cancel: 'Annulla' },
        confirmProps: { color: 'red' },
        onConfirm: () => remove.mutate({ current }, { onSuccess: close, onError: failed }),
      });
      return;
    }
    if (next.length < 12) return setErrors({ next: 'La passphrase deve avere almeno 12 caratteri' });
    if (next !== repeat) return setErrors({ repeat: 'Le due passphrase non coincidono' });
    set.mutate(mode === 'cambia' ? { current, next } : { next }, { onSuccess: close, onError: failed });
  };
  const title = mode === 'imposta' ? 'Imposta la passphrase dei backup' : mode === 'cambia' ? 'Cambia la passphrase dei backup' : 'Rimuovi la passphrase dei backup';
  return (
    <Modal opened={mode !== null} onClose={close} title={title}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {mode !== 'rimuovi' && (
            <Text size="sm">
              Le copie salvate fuori dall’applicazione saranno cifrate (AES-256) con questa passphrase. Conservarla con cura: senza, una copia cifrata non si può
              ripristinare. Si conserva solo un verificatore, mai la passphrase.
            </Text>
          )}
          {mode !== 'imposta' && <PasswordInput label="Passphrase attuale" data-autofocus required value={current} error={errors.current} onChange={(e) => setCurrent(e.currentTarget.value)} />}
          {mode !== 'rimuovi' && (
            <>
              <PasswordInput
                label="Nuova passphrase"
                description="Almeno 12 caratteri; meglio alcune parole"
                data-autofocus={mode === 'imposta' || undefined}
                required
                value={next}
                error={errors.next}
                onChange={(e) => setNext(e.currentTarget.value)}
              />
              <PasswordInput label="Ripeti la nuova passphrase" required value={repeat} error={errors.repeat} onChange={(e) => setRepeat(e.currentTarget.value)} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Annulla
            </Button>
            <Button type="submit" color={mode === 'rimuovi' ? 'red' : undefined} loading={set.isPending || remove.isPending}>
              {mode === 'rimuovi' ? 'Rimuovi…' : 'Salva'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** «Salva una copia»: the passphrase first when one is set (the copy is then encrypted). */
function SaveCopyDialog({ opened, onClose, onSave }: { opened: boolean; onClose: () => void; onSave: (passphrase: string, fail: (message: string) => void) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setPassphrase('');
    setError(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Salva una copia cifrata">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!passphrase) return setError('Inserire la passphrase dei backup');
          onSave(passphrase, setError);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">È impostata una passphrase: la copia sarà cifrata e si potrà ripristinare solo con la stessa passphrase.</Text>
          <PasswordInput label="Passphrase dei backup" data-autofocus required value={passphrase} error={error} onChange={(e) => setPassphrase(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Annulla
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />}>
              Salva la copia
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Backups: list, back up now, save a copy outside the app (encrypted when a passphrase is set), the
 * passphrase itself, restore from a listed backup or from a file, each restore confirmed first.
 */
export function BackupsPanel() {
  const list = useApiQuery('system.backup.list', {});
  const status = useApiQuery('system.backup.status', {});
  const backupNow = useApiMutation('system.backup.now', { success: (b) => `Backup eseguito: ${b.fileName}` });
  const [reading, setReading] = useState(false);
  const [pending, setPending] = useState<PendingRestore | null>(null);
  const [passphraseMode, setPassphraseMode] = useState<PassphraseMode | null>(null);
  const [askCopy, setAskCopy] = useState(false);
  const copier = useFileExport({ running: 'Copia del database in corso', done: 'Copia salvata', failed: 'Copia non riuscita', message: (o) => `Copia del database salvata in ${o.where}` });
  const passphraseSet = status.data?.passphraseSet ?? false;

  const restoreFile = async (file: File | null) => {
    if (!file) return;
    setReading(true);
    try {
      const [encrypted, contentBase64] = await Promise.all([isEncrypted(file), fileToBase64(file)]);
      setPending({ label: file.name, input: { uploadName: file.name, contentBase64 }, encrypted });
    } finally {
      setReading(false);
    }
  };

  const saveCopy = (passphrase?: string, fail?: (message: string) => void) =>
    void copier.run(
      () =>
        call('system.backup.saveCopy', passphrase ? { passphrase } : {}).then((job) => {
          setAskCopy(false);
          return job;
        }),
      (error) => {
        if (!fail || !error.fields?.passphrase) return false;
        fail(error.fields.passphrase);
        return true;
      },
    );

  return (
    <Stack gap="md">
      <Card withBorder radius="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>Backup del database</Title>
          <Group>
            <FileButton onChange={(f) => void restoreFile(f)} accept=".sqlite,.db,.ixlbak,application/octet-stream">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={reading}>
                  Ripristina da file…
                </Button>
              )}
            </FileButton>
            <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} loading={copier.exporting} onClick={() => (passphraseSet ? setAskCopy(true) : saveCopy())}>
              Salva una copia…
            </Button>
            <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => backupNow.mutate({})} loading={backupNow.isPending}>
              Esegui backup ora
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          Un backup viene eseguito a ogni avvio e ogni giorno nella cartella dell’applicazione; si conservano i più recenti secondo le impostazioni generali. «Salva una
          copia» scarica il database per conservarlo altrove{passphraseSet ? ', cifrato con la passphrase' : ''}.
        </Text>
        <QueryState query={list}>
          {(backups) =>
            backups.length === 0 ? (
              <Alert color="gray">Nessun backup ancora: premere «Esegui backup ora» per crearne uno.</Alert>
            ) : (
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>File</Table.Th>
                    <Table.Th>Data</Table.Th>
                    <Table.Th ta="right">Dimensione</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {backups.map((b) => (
                    <Table.Tr key={b.fileName}>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {b.fileName}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatDate(b.createdAt, true)}</Table.Td>
                      <Table.Td ta="right">{formatBytes(b.sizeBytes)}</Table.Td>
                      <Table.Td ta="right">
                        <Button size="xs" variant="light" color="red" onClick={() => setPending({ label: b.fileName, input: { fileName: b.fileName }, encrypted: false })}>
                          Ripristina
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Card>

      <Card withBorder radius="md">
        <Group justify="space-between" mb="xs">
          <Group gap="xs">
            <Title order={4}>Passphrase delle copie</Title>
            <Badge variant="light" color={passphraseSet ? 'green' : 'gray'} tt="none">
              {passphraseSet ? 'Impostata' : 'Non impostata'}
            </Badge>
          </Group>
          <Group>
            {passphraseSet ? (
              <>
                <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setPassphraseMode('cambia')}>
                  Cambia passphrase…
                </Button>
                <Button variant="light" color="red" onClick={() => setPassphraseMode('rimuovi')}>
                  Rimuovi passphrase…
                </Button>
              </>
            ) : (
              <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setPassphraseMode('imposta')}>
                Imposta passphrase…
              </Button>
            )}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {passphraseSet
            ? 'Le copie salvate fuori dall’applicazione (qui con «Salva una copia», o con ixl backup --to) sono cifrate con AES-256: per ripristinarle serve la passphrase.'
            : 'Senza passphrase le copie salvate fuori dall’applicazione sono file di database leggibili da chiunque li ottenga. Impostarne una per cifrarle.'}
        </Text>
      </Card>

      <RestoreDialog pending={pending} onClose={() => setPending(null)} />
      <PassphraseDialog mode={passphraseMode} onClose={() => setPassphraseMode(null)} />
      <SaveCopyDialog opened={askCopy} onClose={() => setAskCopy(false)} onSave={(p, fail) => saveCopy(p, fail)} />
    </Stack>
  );
}
