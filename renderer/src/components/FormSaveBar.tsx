import { Button, Group, Kbd, Paper, Text } from '@mantine/core';

/**
 * The save bar under a long form, kept in view while scrolling: the submit button and "Annulla" on the
 * left (notifications appear bottom right) and the keyboard hints.
 */
export function FormSaveBar({ submitLabel, saving, onCancel }: { submitLabel: string; saving: boolean; onCancel: () => void }) {
  return (
    <Paper withBorder shadow="sm" p="sm" mt="md" radius="md" pos="sticky" bottom={8} style={{ zIndex: 5 }}>
      <Group justify="space-between">
        <Group>
          <Button type="submit" loading={saving}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Annulla
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">S</Kbd> salva · <Kbd size="xs">Esc</Kbd> annulla · i campi con * sono obbligatori
        </Text>
      </Group>
    </Paper>
  );
}
