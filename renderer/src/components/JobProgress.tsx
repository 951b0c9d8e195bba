import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { JobEvent } from '../../../electron/contract/jobs';

/** A job's progress bar, what it is doing and the button that cancels it. */
export function JobProgress({ progress, onCancel }: { progress: JobEvent; onCancel: () => void }) {
  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  return (
    <Stack gap={4}>
      <Progress value={percent} animated striped size="lg" aria-label="Avanzamento dell’operazione" />
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" data-testid="job-stato">
          {progress.label}
          {progress.total > 0 ? ` (${percent}%)` : ''}
        </Text>
        <Button size="xs" variant="default" onClick={onCancel}>
          Annulla
        </Button>
      </Group>
    </Stack>
  );
}
