import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../contract/auth';

/** Logged-in sessions, in memory: a random token per login, forgotten after 8 idle hours or at logout. */
const IDLE_MS = 8 * 60 * 60 * 1000;

export class SessionStore {
  private readonly sessions = new Map<string, { user: SessionUser; lastSeen: number }>();

  create(user: SessionUser): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { user, lastSeen: Date.now() });
    return token;
  }

  get(token: string | null | undefined): SessionUser | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (Date.now() - session.lastSeen > IDLE_MS) {
      this.sessions.delete(token);
      return null;
    }
    session.lastSeen = Date.now();
    return session.user;
  }

  delete(token: string): void {
    this.sessions.delete(token);
  }

  /** Forgets every session of a user (role changed, deactivated) — or all of them (database restored). */
  revoke(userId?: number): void {
    for (const [token, session] of this.sessions) if (userId === undefined || session.user.id === userId) this.sessions.delete(token);
  }
}
