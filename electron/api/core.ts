import os from 'node:os';
import type { ChangeFeed } from '../../db/changes';
import { Store } from '../../db/connection';
import { SessionStore } from './sessions';
import { dispatch, type DispatchResult } from './dispatch';
import { scheduleBackups } from '../services/system/backup';
import { jobsOf } from '../jobs/runner';
import { systemClock, type Clock } from '../services/context';
import type { DatabaseSettingsPlace } from '../shared/savedDatabase';
import { databaseSettingsOf, keepDatabaseSettings } from '../services/system/databaseChoice';

/**
 * Where calls come from when the host does not say otherwise: this computer, by its name. The Electron
 * window and the CLI run here; the web host names the address of each request. The login throttle
 * counts failures per host, and the audit log records it.
 */
export const THIS_COMPUTER = `computer ${os.hostname()}`;

/**
 * What every host holds: the open database and the sessions. Hosts (Electron IPC, web host, CLI)
 * only translate their transport into `call`.
 */
export class AppCore {
  readonly sessions = new SessionStore(() => this.clock.now().getTime());
  private stopBackups: (() => void) | undefined;

  /** `clock`: the services' time (tests may fix it). */
  constructor(
    readonly store: Store,
    readonly clock: Clock = systemClock,
  ) {}

  static async open(location: string, clock: Clock = systemClock): Promise<AppCore> {
    return new AppCore(await Store.open(location), clock);
  }

  /** `host`: the computer or address the call comes from. */
  call(method: string, input: unknown, token: string | null, host: string = THIS_COMPUTER): Promise<DispatchResult> {
    // restored by another window or process: the sessions belong to the database as it was
    if (this.store.replacedElsewhere()) this.sessions.revoke();
    return dispatch(method, input, { store: this.store, sessions: this.sessions, token, clock: this.clock, host });
  }

  /** A call made by the CLI, as the system administrator, without logging in. */
  callAsSystem(method: string, input: unknown): Promise<DispatchResult> {
    return dispatch(method, input, { store: this.store, sessions: this.sessions, token: null, asSystem: true, clock: this.clock, host: THIS_COMPUTER });
  }

  /** Where the host keeps the database chosen for the next start (Impostazioni → Database); null where it cannot. */
  get databaseSettings(): DatabaseSettingsPlace | null {
    return databaseSettingsOf(this.store);
  }
  set databaseSettings(place: DatabaseSettingsPlace | null) {
    keepDatabaseSettings(this.store, place);
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
