import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { call } from '../api/client';

/** Carries out the desktop menu's commands that need the logged-in user (File → Backup ora). */
export function MenuCommands() {
  useEffect(
    () =>
      window.ixl?.onMenu((command) => {
        if (command !== 'backup') return;
        call('system.backup.now', {}).then(
          (b) => notifications.show({ color: 'green', message: `Backup eseguito: ${b.fileName}` }),
          (e: Error) => notifications.show({ color: 'red', title: 'Backup non eseguito', message: e.message }),
        );
      }),
    [],
  );
  return null;
}
