import { Alert, Badge, Tooltip } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { DatabaseInfo } from '../../../electron/contract/system';
import { useApiQuery } from '../api/hooks';
import { onDatabaseEvent } from '../api/transport';

/** Changes heard within this time refresh the screen once. */
const REFRESH_AFTER_MS = 250;

/**
 * On a shared database: keeps the screen up to date with what other desks write (every shown read is
 * refreshed, as after one's own writes) and follows whether the server is reachable. Nothing on SQLite.
 */
export function useDatabaseLink(): DatabaseInfo['link'] | null {
  const queryClient = useQueryClient();
  const info = useApiQuery('system.database', {}, { staleTime: Infinity });
  const [link, setLink] = useState<DatabaseInfo['link'] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const shared = info.data?.engine === 'postgres';

  useEffect(() => {
    if (!shared) return;
    const unsubscribe = onDatabaseEvent((event) => {
      if (event.type === 'link') {
        setLink(event.link);
        return;
      }
      timer.current ??= setTimeout(() => {
        timer.current = null;
        void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'system.database' });
      }, REFRESH_AFTER_MS);
    });
    return () => {
      unsubscribe();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [shared, queryClient]);

  if (!info.data) return null;
  return shared ? (link ?? info.data.link) : 'local';
}

/** The header's indicator of the shared database (nothing on a desk's own file). */
export function DatabaseLinkBadge({ link }: { link: DatabaseInfo['link'] | null }) {
  if (link === null || link === 'local') return null;
  return link === 'connected' ? (
    <Tooltip label="Le modifiche delle altre postazioni compaiono da sole">
      <Badge variant="dot" color="green" data-testid="database-link">Database condiviso</Badge>
    </Tooltip>
  ) : (
    <Badge variant="dot" color="red" data-testid="database-link">Non connesso</Badge>
  );
}

/** The banner shown while the shared server cannot be reached. */
export function DatabaseLinkBanner({ link }: { link: DatabaseInfo['link'] | null }) {
  if (link !== 'disconnected') return null;
  return (
    <Alert color="red" variant="filled" icon={<IconPlugConnectedX size={18} />} title="Connessione al database condiviso interrotta" mb="md" role="alert">
      Le modifiche non possono essere salvate finché la connessione non torna: nessuna viene tenuta in sospeso. Nuovo tentativo in corso…
    </Alert>
  );
}
