import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../contract/auth';

/**
 * Logged-in sessions, in memory: a random token per login, forgotten at logout, after 8 idle hours,
 * and in any case 12 hours after the login (issue 11: a session left open on a shared desk ends the
 * same day). `now` is the clock in milliseconds (the core passes the services' clock, tests fix it).
 */
export const IDLE_MS = 8 * 60 * 60 * 1000;
export const LIFETIME_MS = 12 * 60 * 60 * 1000;

export class SessionStore {
  private readonly sessions = new Map<string, { user: SessionUser; stamp: string; createdAt: number; lastSeen: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `stamp`: the account as it was at login (accountStamp), which the session stays valid for. */
  create(user: SessionUser, stamp: string): string {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    this.sessions.set(token, { user, stamp, createdAt: now, lastSeen: now });
    return token;
  }

  /** The session's user and the account stamp it was made with; null when unknown or expired. */
  get(token: string | null | undefined): { user: SessionUser; stamp: string } | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    const now = this.now();
    if (now - session.lastSeen > IDLE_MS || now - session.createdAt > LIFETIME_MS) {
      this.sessions.delete(token);
      return null;
    }
    session.lastSeen = now;
    return { user: session.user, stamp: session.stamp };
  }

  /** The session goes on with the account as it is now (its user changed their own password). */
  restamp(token: string, stamp: string): void {
    const session = this.sessions.get(token);
    if (session) session.stamp = stamp;
  }

  delete(token: string): void {
    this.sessions.delete(token);
  }

  /**
   * Forgets every session of a user (role changed, deactivated, password changed: `except` keeps the
   * one that changed it) — or all of them (database restored).
   */
  revoke(userId?: number, except?: string | null): void {
    for (const [token, session] of this.sessions) {
      if (token !== except && (userId === undefined || session.user.id === userId)) this.sessions.delete(token);
    }
  }
}
