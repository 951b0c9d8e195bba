import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { DuplicateCheck, PersonSummary } from '../../../../electron/contract/people';
import { CASE_STATUS_LABELS } from '../../../../electron/domain/caseStatus';
import { formatDate } from '../../format';

export interface AlreadyRegistered {
  person: PersonSummary;
  openCase: DuplicateCheck['sameTaxCodeCase'];
}

/**
 * The registration stops: the codice fiscale (in the form typed, or its plain or omocodic other form)
 * belongs to a person already registered. Their record, and who holds their case, instead of a second one.
 */
export function AlreadyRegisteredModal({ existing, onOpen, onClose }: { existing: AlreadyRegistered | null; onOpen: (id: number) => void; onClose: () => void }) {
  const p = existing?.person;
  return (
    <Modal opened={existing !== null} onClose={onClose} title="Persona già registrata" size="lg">
      {p && (
        <Stack>
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="already-registered">
            <Text size="sm">
              Il codice fiscale è già registrato, nella stessa forma o in quella omocodica/ordinaria, per{' '}
              <Anchor component={Link} to={`/persone/${p.id}`} fw={700} onClick={() => onOpen(p.id)}>
                {p.lastName} {p.firstName} (scheda n. {p.id})
              </Anchor>
              {p.birthDate ? `, nata/o il ${formatDate(p.birthDate)}` : ''}
              {p.comune ? `, ${p.comune}` : ''}. È la stessa persona: non si registra una seconda volta.
            </Text>
          </Alert>
          <Text size="sm" c={existing.openCase ? 'blue.8' : 'dimmed'}>
            {existing.openCase
              ? `Caso aperto: ${CASE_STATUS_LABELS[existing.openCase.status]}, seguito da ${existing.openCase.heldBy ?? '—'}.`
              : 'Nessun caso aperto: dalla scheda si può aprire una nuova presa in carico.'}
          </Text>
          <Group justify="space-between">
            <Button variant="default" onClick={onClose}>
              Torna al modulo
            </Button>
            <Button onClick={() => onOpen(p.id)}>Apri la scheda esistente</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
