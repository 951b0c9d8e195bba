import { Alert, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { PersonPage } from '../../../../../electron/contract/people';
import { ANONYMISATION_CONFIRMATION } from '../../../../../electron/contract/system';
import { BAND_LABELS } from '../../../../../electron/domain/bands';
import { CASE_STATUS_LABELS } from '../../../../../electron/domain/caseStatus';
import { useApiMutation } from '../../../api/hooks';
import { formatDate } from '../../../format';
import { ISCED_LEVELS, NATIONALITY_GROUPS } from '../personForm';

function Kept({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </div>
  );
}

/** An anonymised person: only what the reports count is left, and the dates of their cases. */
export function AnonymisedPerson({ page }: { page: PersonPage }) {
  const p = page.person;
  const isced = ISCED_LEVELS.find((l) => l.value === String(p.educationIsced))?.label ?? null;
  const nationality = NATIONALITY_GROUPS.find((n) => n.value === p.nationalityGroup)?.label ?? null;
  const latest = [...page.assessments].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || b.id - a.id)[0];
  const band = latest ? BAND_LABELS[latest.band].label : null;
  return (
    <Stack>
      <Alert color="gray" icon={<IconShieldLock size={18} />} title="Anonimizzato">
        I dati personali di questa scheda sono stati cancellati il {formatDate(p.anonymisedAt)}: restano solo i dati che servono ai report.
      </Alert>
      <Card withBorder radius="md">
        <Group gap="xs" mb="sm">
          <Title order={3}>Anonimizzato</Title>
          <Text c="dimmed" ff="monospace">
            {p.firstName}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <Kept label="Sesso" value={p.sex === 'F' ? 'Donna' : 'Uomo'} />
          <Kept label="Anno di nascita" value={p.birthDate ? p.birthDate.slice(0, 4) : null} />
          <Kept label="Comune di domicilio" value={p.outsideMetro ? 'Fuori dalla Città metropolitana' : p.domicileComune} />
          <Kept label="Titolo di studio" value={isced} />
          <Kept label="Cittadinanza" value={nationality} />
          <Kept label="Fascia" value={band} />
        </SimpleGrid>
      </Card>
      <Card withBorder radius="md">
        <Title order={4} mb="sm">
          Casi
        </Title>
        {page.cases.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nessun caso
          </Text>
        ) : (
          <Table striped aria-label="Casi della persona anonimizzata">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Domanda</Table.Th>
                <Table.Th>Canale</Table.Th>
                <Table.Th>Primo colloquio</Table.Th>
                <Table.Th>Stato</Table.Th>
                <Table.Th>Chiuso il</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDate(c.applicationDate)}</Table.Td>
                  <Table.Td>{c.channelName}</Table.Td>
                  <Table.Td>{formatDate(c.firstInterviewDate)}</Table.Td>
                  <Table.Td>{CASE_STATUS_LABELS[c.status]}</Table.Td>
                  <Table.Td>{formatDate(c.closedOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}

/** Administrators (mounted while open): anonymise this person now, on a valid request (e.g. a GDPR erasure request), with the reason. */
export function RequestAnonymisationModal({ personId, name, onClose }: { personId: number; name: string; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const run = useApiMutation('system.anonymisation.person', { success: (r) => `Persona anonimizzata (${r.code}). Backup eseguito prima: ${r.backup}` });
  return (
    <Modal opened onClose={onClose} title="Anonimizzare su richiesta?" size="lg">
      <Stack>
        <Alert color="red" title="Operazione irreversibile">
          Di {name} saranno cancellati nomi, codice fiscale, data e luogo di nascita (resta l’anno), recapiti, indirizzo, note, testi liberi e documenti,
          anche prima della scadenza del periodo di conservazione. Prima viene eseguito un backup del database.
        </Alert>
        <Textarea
          label="Motivo"
          description="Ad esempio: richiesta di cancellazione (art. 17 GDPR) del… Non scrivere il nome né altri dati della persona."
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={500}
        />
        <TextInput label={`Per confermare scrivere ${ANONYMISATION_CONFIRMATION}`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} autoComplete="off" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annulla
          </Button>
          <Button
            color="red"
            loading={run.isPending}
            disabled={typed !== ANONYMISATION_CONFIRMATION || reason.trim() === ''}
            onClick={() => run.mutate({ personId, reason, confirm: ANONYMISATION_CONFIRMATION }, { onSuccess: onClose })}
          >
            Anonimizza
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
