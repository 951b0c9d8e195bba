import { Alert, Button, Card, FileButton, Group, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconDatabaseExport, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryState } from '../../components/QueryState';
import { formatBytes, formatDate } from '../../format';
import { fileToBase64 } from '../../api/files';


/** Backups: list, back up now, restore from a listed backup or from a file, each restore confirmed first. */
export function BackupsPanel() {
  const list = useApiQuery('system.backup.list', {});
  const backupNow = useApiMutation('system.backup.now', { success: (b) => `Backup eseguito: ${b.fileName}` });
  const restore = useApiMutation('system.backup.restore', {
    success: (r) => `Database ripristinato da ${r.restoredFrom}. Copia del database precedente: ${r.safetyCopy}. Accedere di nuovo.`,
  });
  const [reading, setReading] = useState(false);

  const confirmRestore = (label: string, run: () => void) =>
    modals.openConfirmModal({
      title: 'Ripristinare il database?',
      children: (
        <Text size="sm">
          I dati attuali saranno sostituiti da quelli di <b>{label}</b>. Prima del ripristino il file viene verificato e il database attuale viene
          conservato come copia di sicurezza. Tutti gli utenti dovranno accedere di nuovo.
        </Text>
      ),
      labels: { confirm: 'Ripristina', cancel: 'Annulla' },
      confirmProps: { color: 'red' },
      onConfirm: run,
    });

  const restoreFile = async (file: File | null) => {
    if (!file) return;
    setReading(true);
    try {
      const contentBase64 = await fileToBase64(file);
      confirmRestore(file.name, () => restore.mutate({ uploadName: file.name, contentBase64 }));
    } finally {
      setReading(false);
    }
  };

  return (
    <Card withBorder radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Backup del database</Title>
        <Group>
          <FileButton onChange={(f) => void restoreFile(f)} accept=".sqlite,.db,application/octet-stream">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={reading || restore.isPending}>
                Ripristina da file…
              </Button>
            )}
          </FileButton>
          <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => backupNow.mutate({})} loading={backupNow.isPending}>
            Esegui backup ora
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Un backup viene eseguito a ogni avvio e ogni giorno; si conservano i più recenti secondo le impostazioni generali.
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
                    <Table.Td><Text size="sm" ff="monospace">{b.fileName}</Text></Table.Td>
                    <Table.Td>{formatDate(b.createdAt, true)}</Table.Td>
                    <Table.Td ta="right">{formatBytes(b.sizeBytes)}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="light" color="red" onClick={() => confirmRestore(b.fileName, () => restore.mutate({ fileName: b.fileName }))}>
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
  );
}
