import { Alert, Button, Card, Group, Kbd, Paper, Stack, Text, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useState } from 'react';
import type { TimelineEntry } from '../../../../../electron/contract/people';
import { useApiMutation } from '../../../api/hooks';
import { formatDate } from '../../../format';

/** Note: what was said and decided about the person, newest first, and a box to add one. */
export function NotesPanel({ personId, openCaseId, timeline, canWrite }: { personId: number; openCaseId: number | null; timeline: TimelineEntry[]; canWrite: boolean }) {
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const add = useApiMutation('people.notes.add', { success: 'Nota aggiunta', quietErrors: true });
  const notes = timeline.filter((e) => e.kind === 'nota');
  const submit = () => {
    if (!body.trim()) {
      setFailure('Scrivere il testo della nota');
      return;
    }
    setFailure(null);
    add.mutate({ personId, caseId: openCaseId, body: body.trim() }, { onSuccess: () => setBody(''), onError: (e) => setFailure(e.message) });
  };
  return (
    <Stack>
      {canWrite && (
        <Card withBorder radius="md">
          <Textarea
            label="Nuova nota"
            placeholder="Che cosa è successo, che cosa si è deciso, che cosa resta da fare"
            autosize
            minRows={3}
            maxRows={10}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={getHotkeyHandler([['mod+Enter', submit]])}
            error={failure}
          />
          <Group justify="space-between" mt="xs">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Invio</Kbd> per salvare. Le note sono visibili solo a chi segue i casi.
            </Text>
            <Button onClick={submit} loading={add.isPending}>Aggiungi nota</Button>
          </Group>
        </Card>
      )}
      {notes.length === 0 ? (
        <Alert color="gray">Nessuna nota.{canWrite ? ' Scriverne una qui sopra.' : ''}</Alert>
      ) : (
        notes.map((n, i) => (
          <Paper key={`${n.at}-${i}`} withBorder p="sm" radius="md" data-testid="note">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{n.detail ?? n.title}</Text>
            <Text size="xs" c="dimmed" mt={4}>
              {formatDate(n.at, n.at.length > 10)}
              {n.by ? ` · ${n.by}` : ''}
            </Text>
          </Paper>
        ))
      )}
    </Stack>
  );
}
