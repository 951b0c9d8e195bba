import { notifications } from '@mantine/notifications';
import { useEffect, useId } from 'react';
import type { JobStarted } from '../../../electron/contract/jobs';
import { useJob } from '../api/jobs';
import { formatNumber } from '../format';
import { JobProgress } from './JobProgress';

/**
 * An export button's behaviour: runs the file job (useJob) with its progress bar and «Annulla» in a
 * notification that stays while it runs, then says where the file went or why it failed.
 */
export function useFileExport() {
  const job = useJob();
  const id = `esportazione-${useId()}`;
  const { progress, cancel } = job;

  useEffect(() => {
    if (!progress) {
      notifications.hide(id);
      return;
    }
    const shown = { id, title: 'Esportazione in corso', message: <JobProgress progress={progress} onCancel={cancel} />, autoClose: false, withCloseButton: false };
    // show() does nothing for an id already shown, update() nothing for one not shown yet
    notifications.update(shown);
    notifications.show(shown);
  }, [progress, cancel, id]);

  const run = async (start: () => Promise<JobStarted>) => {
    try {
      const outcome = await job.run(start);
      if (!outcome) return;
      const rows = outcome.rows ?? 0;
      notifications.show({ color: 'green', title: 'Esportazione completata', message: `${formatNumber(rows)} ${rows === 1 ? 'riga esportata' : 'righe esportate'} in ${outcome.where}` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Esportazione non riuscita', message: (error as Error).message });
    }
  };
  return { exporting: job.running, run };
}
