import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/client';

/**
 * The server's refusal of a save made on an old version of the record (CONFLICT with fields.version:
 * another user saved it after this form was loaded), as its message; null for any other error.
 */
export function staleRecordMessage(error: unknown): string | null {
  return error instanceof ApiError && error.code === 'CONFLICT' && error.fields.version ? error.message : null;
}

/**
 * In a form whose save was refused because another user saved the record meanwhile: who and when,
 * and «Ricarica», which loads the saved data into the form. What was typed stays in the form until
 * then; when there is some, «Ricarica» asks first, since it is replaced.
 */
export function StaleRecordAlert({ message, dirty, onReload }: { message: string; dirty: boolean; onReload: () => void }) {
  const reload = () => {
    if (!dirty) return onReload();
    modals.openConfirmModal({
      title: 'Ricaricare i dati salvati?',
      children: <Text size="sm">Quello che è stato scritto in questo modulo sarà sostituito dai dati salvati dall’altro utente: annotare prima le modifiche da rifare.</Text>,
      labels: { confirm: 'Ricarica', cancel: 'Continua a modificare' },
      confirmProps: { color: 'orange' },
      onConfirm: onReload,
    });
  };
  return (
    <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Salvato da un altro utente nel frattempo" role="alert" p="xs">
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {message}
        </Text>
        <Text size="sm">Le modifiche scritte qui non sono state salvate e restano nel modulo finché non si ricarica.</Text>
        {/* on the left, as the save bar's buttons: notifications appear bottom right */}
        <Group>
          <Button size="xs" color="orange" leftSection={<IconRefresh size={14} />} onClick={reload}>
            Ricarica
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Says that the form now shows the record as saved. */
export function notifyReloaded(): void {
  notifications.show({ color: 'blue', message: 'Dati ricaricati: ora si vedono le modifiche dell’altro utente' });
}

/**
 * «Ricarica» for an edit page: refetches what the screens show, then raises `loads`, which the page
 * puts in its form's key so that a new form is filled from the record as saved now.
 */
export function useRecordReload(): { loads: number; reload: () => void } {
  const queryClient = useQueryClient();
  const [loads, setLoads] = useState(0);
  const reload = () =>
    void queryClient.invalidateQueries().then(() => {
      setLoads((n) => n + 1);
      notifyReloaded();
    });
  return { loads, reload };
}
