import { notifications } from '@mantine/notifications';
import { useEffect, useId } from 'react';
import type { JobStarted } from '../../../electron/contract/jobs';
import type { ApiError } from '../api/client';
import { useJob, type JobOutcome } from '../api/jobs';
import { formatNumber } from '../format';
import { JobProgress } from './JobProgress';

/**
 * An export button's behaviour: runs the file job (useJob) with its progress bar and «Annulla» in a
 * notification that stays while it runs, then says where the file went or why it failed.
 */
export function useFileExport(labels: { running?: string; done?: string; failed?: string; message?: (outcome: JobOutcome) => string } = {}) {
  const job = useJob();
  const id = `esportazione-${useId()}`;
  const { progress, cancel } = job;

  useEffect(() => {
    if (!progress) {
      notifications.hide(id);
      return;
    }
    const shown = { id, title: labels.running ?? 'Esportazione in corso', message: <JobProgress progress={progress} onCancel={cancel} />, autoClose: false, withCloseButton: false };
    // show() does nothing for an id already shown, update() nothing for one not shown yet
    notifications.update(shown);
    notifications.show(shown);
  }, [progress, cancel, id, labels.running]);

  /** `handled`: a refusal the caller shows itself (a field of its form) returns true, and no notification is shown. */
  const run = async (start: () => Promise<JobStarted>, handled?: (error: ApiError) => boolean) => {
    try {
      const outcome = await job.run(start);
      if (!outcome) return;
      const rows = outcome.rows ?? 0;
      const message = labels.message?.(outcome) ?? `${formatNumber(rows)} ${rows === 1 ? 'riga esportata' : 'righe esportate'} in ${outcome.where}`;
      notifications.show({ color: 'green', title: labels.done ?? 'Esportazione completata', message });
    } catch (error) {
      if (handled?.(error as ApiError)) return;
      notifications.show({ color: 'red', title: labels.failed ?? 'Esportazione non riuscita', message: (error as Error).message });
    }
  };
  return { exporting: job.running, run };
}
