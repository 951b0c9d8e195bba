import { openSqlite } from '../../../db/connection';
import type { TaskEnv, TaskResult } from '../../jobs/tasks';
import { writeCopy } from './backup';

/**
 * «Salva una copia» (worker side): an online backup of the database from the worker's own read-only
 * connection, streamed to the job's file, encrypted when the service passed the passphrase.
 */
export async function backupCopyTask(env: TaskEnv, input: { passphrase: string | null }): Promise<TaskResult> {
  const raw = openSqlite(env.location, { readonly: true });
  try {
    env.progress(0, 0, 'Copia del database…');
    await writeCopy(raw, env.out, input.passphrase, (done, total) => env.progress(done, total, input.passphrase ? 'Copia e cifratura del database' : 'Copia del database'));
  } finally {
    raw.close();
  }
  return { rows: 0 };
}
