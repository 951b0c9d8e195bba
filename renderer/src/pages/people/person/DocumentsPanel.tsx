import { Alert, Anchor, Badge, Button, Card, Checkbox, FileButton, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import type { DocumentView } from '../../../../../electron/contract/people';
import { call } from '../../../api/client';
import { saveBase64File } from '../../../api/download';
import { useApiMutation } from '../../../api/hooks';
import { formatBytes, formatDate } from '../../../format';
import { fileToBase64 } from '../../../api/files';

const MAX_BYTES = 20 * 1024 * 1024;

/** Downloads a document and saves it; `downloading` is the id being fetched. */
export function useDocumentDownload() {
  const [downloading, setDownloading] = useState<number | null>(null);
  const download = async (id: number) => {
    setDownloading(id);
    try {
      const f = await call('people.documents.download', { id });
      await saveBase64File(f.fileName, f.contentBase64, f.mimeType);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Documento non scaricato', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setDownloading(null);
    }
  };
  return { download, downloading };
}

function UploadModal({ personId, file, currentCv, onClose }: { personId: number; file: File | null; currentCv: string | null; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [isCv, setIsCv] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const upload = useApiMutation('people.documents.upload', { success: (d) => `Documento allegato: ${d.fileName}`, quietErrors: true });
  const close = () => {
    setNote('');
    setIsCv(false);
    setFailure(null);
    onClose();
  };
  const submit = async () => {
    if (!file) return;
    setFailure(null);
    setReading(true);
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } catch {
      setFailure('Impossibile leggere il file scelto');
      return;
    } finally {
      setReading(false);
    }
    upload.mutate(
      { personId, fileName: file.name, mimeType: file.type || 'application/octet-stream', contentBase64, note: note.trim() || null, isCv },
      { onSuccess: close, onError: (e) => setFailure(e.message) },
    );
  };
  const tooBig = file !== null && file.size > MAX_BYTES;
  return (
    <Modal opened={file !== null} onClose={close} title="Allega documento">
      {file && (
        <Stack>
          <Text size="sm">
            <b>{file.name}</b> · {formatBytes(file.size)}
          </Text>
          {tooBig && <Alert color="red">Il file supera i 20 MB: ridurlo (per esempio scansionando a risoluzione più bassa) e riprovare.</Alert>}
          <TextInput label="Nota" placeholder="Facoltativa, es. «copia firmata del patto»" value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
          <Checkbox
            label="È il CV della persona"
            description={currentCv ? `Prenderà il posto del CV attuale (${currentCv}), che resta tra i documenti` : undefined}
            checked={isCv}
            onChange={(e) => setIsCv(e.currentTarget.checked)}
          />
          {failure && <Alert color="red" title="Documento non allegato">{failure}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Annulla</Button>
            <Button onClick={() => void submit()} loading={reading || upload.isPending} disabled={tooBig}>Allega</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Documenti: the files attached to the person (CV, signed pacts…), to download or add. */
export function DocumentsPanel({ personId, documents, canWrite, canDownload }: { personId: number; documents: DocumentView[]; canWrite: boolean; canDownload: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const { download, downloading } = useDocumentDownload();
  const sorted = [...documents].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  return (
    <Card withBorder radius="md">
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">{documents.length === 0 ? 'Nessun documento allegato.' : documents.length === 1 ? '1 documento.' : `${documents.length} documenti.`}
          {canWrite ? ' Si possono allegare CV, copie firmate e altri file fino a 20 MB.' : ''}</Text>
        {canWrite && (
          <FileButton onChange={setFile}>
            {(props) => (
              <Button {...props} leftSection={<IconPaperclip size={16} />}>
                Allega documento
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {sorted.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Nota</Table.Th>
              <Table.Th ta="right">Dimensione</Table.Th>
              <Table.Th>Allegato il</Table.Th>
              <Table.Th>Da</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {canDownload ? (
                    <Anchor component="button" type="button" size="sm" onClick={() => void download(d.id)} disabled={downloading === d.id} title="Scarica il documento">
                      {d.fileName}
                    </Anchor>
                  ) : (
                    <Text size="sm">{d.fileName}</Text>
                  )}
                  {d.isCv && (
                    <Badge ml="xs" size="sm" variant="light" color="teal" title="Il CV attuale della persona">
                      CV
                    </Badge>
                  )}
                  {downloading === d.id && <Badge ml="xs" size="xs" variant="light">scaricamento…</Badge>}
                </Table.Td>
                <Table.Td>{d.note ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatBytes(d.sizeBytes)}</Table.Td>
                <Table.Td>{formatDate(d.uploadedAt)}</Table.Td>
                <Table.Td>{d.uploadedBy ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <UploadModal personId={personId} file={file} currentCv={documents.find((d) => d.isCv)?.fileName ?? null} onClose={() => setFile(null)} />
    </Card>
  );
}
