import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowsSplit } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { MergeView } from '../../../../../electron/contract/people';
import { useApiMutation } from '../../../api/hooks';
import { formatDate } from '../../../format';

/** The records merged into this one that can still be separated (within 30 days), with «Separa…» for coordinators. */
export function MergedRecords({ merges, canUnmerge }: { merges: MergeView[]; canUnmerge: boolean }) {
  const unmerge = useApiMutation('people.unmerge', { success: (r) => `Schede separate: la scheda n. ${r.restoredId} è tornata com’era prima dell’unione` });
  if (merges.length === 0) return null;
  const confirm = (m: MergeView) =>
    modals.openConfirmModal({
      title: 'Separare le due schede?',
      children: (
        <Text size="sm">
          La scheda n. {m.mergedId} ({m.lastName} {m.firstName}) torna come era prima dell’unione del {formatDate(m.mergedAt)}: i suoi casi, valutazioni, percorsi,
          note e documenti tornano a lei, i dati che aveva dato a questa scheda vengono tolti. Quanto aggiunto a questa scheda dopo l’unione resta qui.
        </Text>
      ),
      labels: { confirm: 'Separa le schede', cancel: 'Annulla' },
      confirmProps: { color: 'red' },
      onConfirm: () => unmerge.mutate({ mergedId: m.mergedId }),
    });
  return (
    <Stack gap="xs" mb="md">
      {merges.map((m) => (
        <Alert key={m.mergedId} color="blue" variant="light" title="Scheda unita" data-testid={`merged-${m.mergedId}`}>
          <Group justify="space-between" wrap="nowrap" align="center">
            <Text size="sm">
              Il {formatDate(m.mergedAt)}
              {m.mergedBy ? ` ${m.mergedBy} ha unito` : ' è stata unita'} a questa scheda la scheda{' '}
              <Anchor component={Link} to={`/persone/${m.mergedId}`}>
                n. {m.mergedId} ({m.lastName} {m.firstName})
              </Anchor>
              . Si può separare fino al {formatDate(m.undoUntil)}.
            </Text>
            {canUnmerge && (
              <Button size="xs" variant="default" color="red" leftSection={<IconArrowsSplit size={14} />} loading={unmerge.isPending} onClick={() => confirm(m)} style={{ flexShrink: 0 }}>
                Separa…
              </Button>
            )}
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
