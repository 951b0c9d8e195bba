import type { ChangeFeed } from '../../db/changes';
import { Store } from '../../db/connection';
import { SessionStore } from './sessions';
import { dispatch, type DispatchResult } from './dispatch';
import { scheduleBackups } from '../services/system/backup';
import { jobsOf } from '../jobs/runner';
import { systemClock, type Clock } from '../services/context';

/**
 * What every host holds: the open database and the sessions. Hosts (Electron IPC, web host, CLI)
 * only translate their transport into `call`.
 */
export class AppCore {
  readonly sessions = new SessionStore();
  private stopBackups: (() => void) | undefined;

  /** `clock`: the services' time (tests may fix it). */
  constructor(
    readonly store: Store,
    readonly clock: Clock = systemClock,
  ) {}

  static async open(location: string, clock: Clock = systemClock): Promise<AppCore> {
    return new AppCore(await Store.open(location), clock);
  }

  call(method: string, input: unknown, token: string | null): Promise<DispatchResult> {
    // restored by another window or process: the sessions belong to the database as it was
    if (this.store.replacedElsewhere()) this.sessions.revoke();
    return dispatch(method, input, { store: this.store, sessions: this.sessions, token, clock: this.clock });
  }

  /** A call made by the CLI, as the system administrator, without logging in. */
  callAsSystem(method: string, input: unknown): Promise<DispatchResult> {
    return dispatch(method, input, { store: this.store, sessions: this.sessions, token: null, asSystem: true, clock: this.clock });
  }

  /** What other desks change, and whether the shared server is reachable (see Store.changes). */
  changes(): ChangeFeed {
    return this.store.changes();
  }

  /** Starts the automatic backups (at start and daily). */
  startBackups(): void {
    this.stopBackups ??= scheduleBackups(this.store, (error) => console.error('[ixl] backup automatico non riuscito:', error));
  }

  async close(): Promise<void> {
    this.stopBackups?.();
    await jobsOf(this.store).close();
    await this.store.close();
  }
}
