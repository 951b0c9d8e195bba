import pg from 'pg';
import { isPostgresLocation } from './location';
import { pgConfig } from './postgres/config';

/**
 * The changes other desks make, as they happen. On PostgreSQL every audited write notifies the
 * channel `ixl_changes` with its entity, inside its transaction (services/context.ts `audit`), so the
 * notification goes out when — and only if — it commits; this feed LISTENs on a connection of its
 * own and tells its subscribers (the web host's event stream, Electron's IPC) which entities changed,
 * a batch at a time. It also says whether the shared server is reachable: when the connection drops
 * it reports `disconnected` and tries again every few seconds; once back, `connected` and a change of
 * everything (what was written meanwhile was not heard). A SQLite desk has no other desks: its feed
 * is always connected and never reports a change.
 */
export const CHANGES_CHANNEL = 'ixl_changes';

export type DatabaseLink = 'local' | 'connected' | 'disconnected';

export type ChangeEvent = { type: 'change'; entities: string[] } | { type: 'link'; link: DatabaseLink };

export interface ChangeFeed {
  readonly link: DatabaseLink;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  /** Resolves once the first connection was tried (a test writes after it, to be heard). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Notifications are gathered this long, then handed on together (a write touches several entities). */
const BATCH_MS = 150;
const RETRY_MS = [1000, 2000, 5000];

export function openChangeFeed(location: string): ChangeFeed {
  return isPostgresLocation(location) ? new ListeningFeed(location) : LOCAL_FEED;
}

const LOCAL_FEED: ChangeFeed = {
  link: 'local',
  subscribe: () => () => undefined,
  ready: async () => undefined,
  close: async () => undefined,
};

class ListeningFeed implements ChangeFeed {
  link: DatabaseLink = 'connected';
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private client: pg.Client | null = null;
  private pending = new Set<string>();
  private batch: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private attempts = 0;
  private closed = false;
  private readonly connecting: Promise<void>;

  constructor(private readonly location: string) {
    this.connecting = this.connect();
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ready(): Promise<void> {
    return this.connecting;
  }

  private emit(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private setLink(link: DatabaseLink): void {
    if (this.link === link) return;
    this.link = link;
    this.emit({ type: 'link', link });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...pgConfig(this.location), application_name: 'IXL Desk (aggiornamenti)' });
    client.on('notification', (message) => this.heard(message.payload ?? '*'));
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch {
      this.dropped(client);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    const wasDown = this.link === 'disconnected';
    this.client = client;
    this.attempts = 0;
    this.setLink('connected');
    if (wasDown) this.heard('*');
  }

  private dropped(client: pg.Client): void {
    if (this.closed) return;
    if (this.client === client) this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.setLink('disconnected');
    if (this.retry) return;
    const wait = RETRY_MS[Math.min(this.attempts++, RETRY_MS.length - 1)]!;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, wait);
    this.retry.unref();
  }

  private heard(entity: string): void {
    this.pending.add(entity);
    this.batch ??= setTimeout(() => {
      this.batch = null;
      const entities = [...this.pending];
      this.pending = new Set();
      this.emit({ type: 'change', entities });
    }, BATCH_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.batch) clearTimeout(this.batch);
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
