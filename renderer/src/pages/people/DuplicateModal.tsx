import { Badge, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import type { DuplicateCandidate } from '../../../../electron/contract/people';
import { CASE_STATUS_LABELS } from '../../../../electron/domain/caseStatus';
import { formatDate } from '../../format';

function openCaseText(c: DuplicateCandidate): string {
  if (!c.openCase) return 'nessun caso aperto';
  const status = CASE_STATUS_LABELS[c.openCase.status];
  return `caso aperto: ${status}${c.openCase.heldBy ? `, seguito da ${c.openCase.heldBy}` : ''}`;
}

/**
 * Before registering: people who may be the same person (same birth date and a similar name, same
 * phone or email). Either it is one of them (open that page, nothing saved) or a different person.
 */
export function DuplicateModal({
  candidates,
  saving,
  onSame,
  onDifferent,
  onClose,
}: {
  candidates: DuplicateCandidate[] | null;
  saving: boolean;
  onSame: (personId: number) => void;
  onDifferent: (ids: number[]) => void;
  onClose: () => void;
}) {
  const list = candidates ?? [];
  return (
    <Modal opened={candidates !== null} onClose={onClose} title="Questa persona potrebbe essere già registrata" size="lg">
      <Stack>
        <Text size="sm">
          {list.length === 1 ? 'C’è una persona simile' : `Ci sono ${list.length} persone simili`} nell’archivio. Prima di registrare, verificare che non sia la stessa:
        </Text>
        {list.map((c) => (
          <Card key={c.person.id} withBorder padding="sm" data-testid="duplicate-candidate">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Text fw={700}>
                  {c.person.lastName} {c.person.firstName}
                </Text>
                <Text size="sm">
                  {[c.person.birthDate ? `nata/o il ${formatDate(c.person.birthDate)}` : null, c.person.comune, c.person.taxCode].filter(Boolean).join(' · ')}
                </Text>
                <Group gap={4}>
                  {c.reasons.map((r) => (
                    <Badge key={r} size="sm" variant="light" color="orange" tt="none">
                      {r}
                    </Badge>
                  ))}
                </Group>
                <Text size="sm" c={c.openCase ? 'blue.8' : 'dimmed'}>
                  {openCaseText(c)}
                </Text>
              </Stack>
              <Button variant="light" onClick={() => onSame(c.person.id)} disabled={saving} style={{ flexShrink: 0 }}>
                È la stessa persona
              </Button>
            </Group>
          </Card>
        ))}
        <Group justify="space-between" mt="xs">
          <Button variant="default" onClick={onClose} disabled={saving}>
            Torna al modulo
          </Button>
          <Button onClick={() => onDifferent(list.map((c) => c.person.id))} loading={saving}>
            È una persona diversa
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
