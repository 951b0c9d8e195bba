import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Text, Timeline, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowLeft, IconDownload, IconEdit, IconPrinter, IconSignature, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PactDetail } from '../../../../electron/contract/pacts';
import { canSeePersonalData, CASE_WRITERS } from '../../../../electron/contract/roles';
import { PACT_STATUS_LABELS } from '../../../../electron/domain/pacts';
import { call } from '../../api/client';
import { saveBase64File } from '../../api/download';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../auth/AuthProvider';
import { QueryState } from '../../components/QueryState';
import { formatBytes, formatDate } from '../../format';
import { CancelModal, SignModal } from './PactDialogs';
import { modesText, openPendingTab, PACT_STATUS_COLORS, showPdfForPrinting } from './pactUi';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={190} fw={500} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

const or = (value: string | null | undefined) => (value ? value : '—');

/** The street as recorded ("Via Lame", "Piazza della Pace") and the number. */
function address(street: string | null, number: string | null): string | null {
  if (!street) return null;
  return `${street}${number ? `, ${number}` : ''}`;
}

function Content({ pact }: { pact: PactDetail }) {
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="xs">Contenuto del patto</Title>
      <Table verticalSpacing={6} fz="sm">
        <Table.Tbody>
          <Row label="Il sottoscritto">
            {pact.signerName} <Text span c="dimmed" size="sm">({pact.signerRole})</Text>
          </Row>
          <Row label="Azienda">{pact.companyName}</Row>
          <Row label="Sede">{[pact.seatCity, address(pact.seatStreet, pact.seatNumber)].filter(Boolean).join(', ')}</Row>
          <Row label="Modalità">{modesText(pact.modes, pact.modeAltroText)}</Row>
          <Row label="Persona">
            <Anchor component={Link} to={`/persone/${pact.personId}`} size="sm">
              {pact.personFirstName} {pact.personLastName}
            </Anchor>
          </Row>
          {!pact.personalDataHidden && (
            <>
              <Row label="Nato a / il">
                {or(pact.personBirthPlace)}
                {pact.personBirthDate ? `, ${formatDate(pact.personBirthDate)}` : ''}
              </Row>
              <Row label="Domiciliato a">{or([pact.personCity, address(pact.personStreet, pact.personNumber)].filter(Boolean).join(', '))}</Row>
            </>
          )}
          <Row label="Referente per le parti">
            {pact.referentFirstName} {pact.referentLastName}
          </Row>
          <Row label="Data e luogo">
            {formatDate(pact.pactDate)}, {pact.pactPlace}
          </Row>
          <Row label="Percorso collegato">{or(pact.interventionLabel)}</Row>
        </Table.Tbody>
      </Table>
      {pact.personalDataHidden && (
        <Text size="xs" c="dimmed" mt="xs">
          Luogo e data di nascita e domicilio della persona non sono visibili con il proprio ruolo.
        </Text>
      )}
    </Card>
  );
}

function SignedCopy({ pact, canDownload, canWrite }: { pact: PactDetail; canDownload: boolean; canWrite: boolean }) {
  const [downloading, setDownloading] = useState(false);
  const copy = pact.signedCopy;
  const download = async () => {
    setDownloading(true);
    try {
      const file = await call('pacts.signedCopy', { id: pact.id });
      const where = await saveBase64File(file.fileName, file.contentBase64, file.mimeType);
      if (where) notifications.show({ color: 'green', message: `Copia firmata salvata: ${where}` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Copia firmata non scaricata', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="xs">Copia firmata</Title>
      {copy ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>{copy.fileName}</Text>
          <Text size="xs" c="dimmed">
            {formatBytes(copy.sizeBytes)} · allegata il {formatDate(copy.uploadedAt, true)}
            {copy.uploadedBy ? ` da ${copy.uploadedBy}` : ''}
          </Text>
          <Tooltip label={`SHA-256 ${copy.sha256}`} openDelay={400}>
            <Text size="xs" c="dimmed" ff="monospace" w="fit-content">
              impronta {copy.sha256.slice(0, 16)}…
            </Text>
          </Tooltip>
          {canDownload && (
            <Group mt="xs">
              <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} loading={downloading} onClick={() => void download()}>
                Scarica copia firmata
              </Button>
            </Group>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {pact.status === 'annullato'
            ? 'Il patto è stato annullato senza copia firmata.'
            : canWrite
              ? 'Nessuna copia firmata. Quando il patto torna firmato, scansionarlo e allegarlo con «Segna come firmato».'
              : 'Nessuna copia firmata allegata.'}
        </Text>
      )}
    </Card>
  );
}

function History({ pact }: { pact: PactDetail }) {
  const entries = [...pact.history].reverse();
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="sm">Storia</Title>
      <Timeline active={entries.length} bulletSize={14} lineWidth={2}>
        {entries.map((h, i) => (
          <Timeline.Item key={i} color={PACT_STATUS_COLORS[h.toStatus]} title={<Text size="sm" fw={600}>{h.fromStatus === null ? 'Creato in bozza' : PACT_STATUS_LABELS[h.toStatus]}</Text>}>
            <Text size="xs" c="dimmed">
              {formatDate(h.changedAt, true)}
              {h.by ? ` · ${h.by}` : ''}
            </Text>
            {h.note && <Text size="sm">{h.note}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

function Pact({ pact }: { pact: PactDetail }) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const canWrite = CASE_WRITERS.includes(user.role);
  const personal = canSeePersonalData(user.role);
  const [dialog, setDialog] = useState<'sign' | 'cancel' | null>(null);
  const [printing, setPrinting] = useState(false);
  const archive = useApiMutation('pacts.archive', { success: (p) => `Patto ${p.number} archiviato` });
  const { status } = pact;

  const print = async (tab: Window | null) => {
    setPrinting(true);
    try {
      const file = await call('pacts.pdf', { id: pact.id });
      const outcome = await showPdfForPrinting(file, tab);
      if (outcome === 'cancelled') return;
      if (outcome === 'opened') notifications.show({ color: 'blue', message: 'Il PDF del patto è aperto in una nuova scheda: stamparlo da lì' });
      if (outcome === 'downloaded') notifications.show({ color: 'blue', message: `Il browser ha bloccato la nuova scheda: PDF scaricato (${file.fileName})` });
      if (status === 'bozza') {
        await call('pacts.markPrinted', { id: pact.id });
        await queryClient.invalidateQueries();
        notifications.show({ color: 'green', message: `Patto ${pact.number} segnato come stampato` });
      }
    } catch (error) {
      tab?.close();
      notifications.show({ color: 'red', title: 'Stampa non riuscita', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setPrinting(false);
    }
  };
  const askPrint = () => {
    if (status !== 'bozza') return void print(openPendingTab());
    modals.openConfirmModal({
      title: `Stampare il patto ${pact.number}?`,
      children: <Text size="sm">Dopo la stampa il patto non si potrà più modificare: controllare i dati prima di procedere.</Text>,
      labels: { confirm: 'Stampa', cancel: 'Annulla' },
      // the tab for the PDF opens on this click: browsers block tabs opened later
      onConfirm: () => void print(openPendingTab()),
    });
  };
  const askArchive = () =>
    modals.openConfirmModal({
      title: `Archiviare il patto ${pact.number}?`,
      children: <Text size="sm">Il patto firmato passa in archivio: resta consultabile con la sua copia firmata.</Text>,
      labels: { confirm: 'Archivia', cancel: 'Annulla' },
      onConfirm: () => archive.mutate({ id: pact.id }),
    });

  const actions: ReactNode[] = [];
  if (canWrite && status === 'bozza') {
    actions.push(
      <Button key="edit" component={Link} to={`/patti/${pact.id}/modifica`} variant="default" leftSection={<IconEdit size={16} />}>
        Modifica
      </Button>,
    );
  }
  if (canWrite && personal && (status === 'bozza' || status === 'stampato')) {
    actions.push(
      <Button key="print" variant={status === 'bozza' ? 'filled' : 'default'} leftSection={<IconPrinter size={16} />} loading={printing} onClick={askPrint}>
        {status === 'bozza' ? 'Stampa' : 'Ristampa'}
      </Button>,
    );
  }
  if (canWrite && status === 'stampato') {
    actions.push(
      <Button key="sign" color="green" leftSection={<IconSignature size={16} />} onClick={() => setDialog('sign')}>
        Segna come firmato
      </Button>,
    );
  }
  if (canWrite && status === 'firmato') {
    actions.push(
      <Button key="archive" variant="default" leftSection={<IconArchive size={16} />} loading={archive.isPending} onClick={askArchive}>
        Archivia
      </Button>,
    );
  }
  if (canWrite && (status === 'bozza' || status === 'stampato' || status === 'firmato')) {
    actions.push(
      <Button key="cancel" variant="subtle" color="red" leftSection={<IconX size={16} />} onClick={() => setDialog('cancel')}>
        Annulla patto
      </Button>,
    );
  }

  return (
    <>
      <Group justify="space-between" align="flex-end" mb="md" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={2}>Patto {pact.number}</Title>
            <Badge size="lg" variant="light" color={PACT_STATUS_COLORS[status]} tt="none" data-testid="pact-status">
              {PACT_STATUS_LABELS[status]}
            </Badge>
          </Group>
          <Text c="dimmed" size="sm">
            {pact.personLastName} {pact.personFirstName} — {pact.companyName}
            {pact.signedOn ? ` · firmato il ${formatDate(pact.signedOn)}` : pact.printedAt ? ` · stampato il ${formatDate(pact.printedAt)}` : ''}
            {pact.archivedOn ? ` · archiviato il ${formatDate(pact.archivedOn)}` : ''}
          </Text>
        </Stack>
        <Group gap="xs">{actions}</Group>
      </Group>
      {status === 'annullato' && (
        <Alert color="red" title="Patto annullato" mb="md">
          Motivo: {pact.cancelledReason ?? '—'}
        </Alert>
      )}
      {status === 'stampato' && canWrite && (
        <Alert color="blue" mb="md">
          Il patto è stampato e attende le firme: quando torna firmato, scansionarlo e usare «Segna come firmato».
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Content pact={pact} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <SignedCopy pact={pact} canDownload={personal} canWrite={canWrite} />
            <History pact={pact} />
          </Stack>
        </Grid.Col>
      </Grid>
      {canWrite && (
        <>
          <SignModal pact={pact} opened={dialog === 'sign'} onClose={() => setDialog(null)} />
          <CancelModal pact={pact} opened={dialog === 'cancel'} onClose={() => setDialog(null)} />
        </>
      )}
    </>
  );
}

/** La scheda del patto (/patti/:id): content, status with its actions, signed copy, history. */
export function PactPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const pactId = Number(id);
  const valid = Number.isSafeInteger(pactId) && pactId > 0;
  const pact = useApiQuery('pacts.get', { id: pactId }, { enabled: valid });
  return (
    <>
      <Group mb="xs">
        <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('/patti')}>
          Elenco patti
        </Button>
      </Group>
      {valid ? (
        <QueryState query={pact}>{(data) => <Pact key={data.id} pact={data} />}</QueryState>
      ) : (
        <Alert color="red" title="Patto non trovato">L’indirizzo non indica un patto valido. Tornare all’elenco dei patti.</Alert>
      )}
    </>
  );
}
