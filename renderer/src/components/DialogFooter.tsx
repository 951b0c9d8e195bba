import { Button, Group, Text } from '@mantine/core';

/**
 * The bottom of a dialog's form: why the last save was refused (if it was), "Annulla" and the submit
 * button; `focusSubmit` gives the submit button the focus when the dialog opens (a form whose
 * proposed values are usually right, and whose first field is a date that would open its calendar).
 */
export function DialogFooter({
  failure,
  onCancel,
  saving,
  submitLabel = 'Salva',
  focusSubmit = false,
}: {
  failure: string | null;
  onCancel: () => void;
  saving: boolean;
  submitLabel?: string;
  focusSubmit?: boolean;
}) {
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
        <Button type="submit" loading={saving} data-autofocus={focusSubmit || undefined}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
