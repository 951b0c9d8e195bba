import { Button, Group, Kbd, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The save bar under a long form, kept in view while scrolling: the submit button and "Annulla" on the
 * left (notifications appear bottom right) and the keyboard hints; `notice` above them, in view too
 * (why the last save was refused, when the form must say more than a notification).
 */
export function FormSaveBar({ submitLabel, saving, onCancel, notice }: { submitLabel: string; saving: boolean; onCancel: () => void; notice?: ReactNode }) {
  return (
    <Paper withBorder shadow="sm" p="sm" mt="md" radius="md" pos="sticky" bottom={8} style={{ zIndex: 5 }}>
      <Stack gap="sm">
        {notice}
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
      </Stack>
    </Paper>
  );
}
