import { Alert, Button, Card, Group, Kbd, Paper, Stack, Text, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { QueryState } from '../../../components/QueryState';
import { formatDate } from '../../../format';

/**
 * Note: what was said and decided about the person, newest first, and a box to add one. The notes are
 * read when the tab opens, and that read is recorded in the audit log (sensitive data).
 */
export function NotesPanel({ personId, openCaseId, canWrite }: { personId: number; openCaseId: number | null; canWrite: boolean }) {
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const add = useApiMutation('people.notes.add', { success: 'Nota aggiunta', quietErrors: true });
  const list = useApiQuery('people.notes.list', { personId });
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
      <QueryState query={list}>
        {(notes) =>
          notes.length === 0 ? (
            <Alert color="gray">Nessuna nota.{canWrite ? ' Scriverne una qui sopra.' : ''}</Alert>
          ) : (
            notes.map((n) => (
              <Paper key={n.id} withBorder p="sm" radius="md" data-testid="note">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {formatDate(n.createdAt, true)}
                  {n.by ? ` · ${n.by}` : ''}
                </Text>
              </Paper>
            ))
          )
        }
      </QueryState>
    </Stack>
  );
}
