import { Button, Group, Text } from '@mantine/core';

/** The bottom of a dialog's form: why the last save was refused (if it was), "Annulla" and the submit button. */
export function DialogFooter({ failure, onCancel, saving, submitLabel = 'Salva' }: { failure: string | null; onCancel: () => void; saving: boolean; submitLabel?: string }) {
  return (
    <>
      {failure && (
        <Text size="sm" c="red" role="alert">
          {failure}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Annulla
        </Button>
        <Button type="submit" loading={saving}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
