import type { Migration } from './types';

/**
 * Logins (electron/services/system/loginThrottle.ts, issue 11): the state of the login throttle lives
 * in the database, so every desk sharing one database sees the same failures.
 * - `users.locked_at`: set after too many consecutive failures; only an administrator clears it.
 * - `login_throttle`: one row per account (the user name as typed, known or not) and per host (the
 *   computer or address a login comes from): consecutive failures, the last one, and until when the
 *   next attempt is refused.
 * Portable DDL only (a PostgreSQL version of every migration exists alongside).
 */
export const m011_logins: Migration = {
  id: '011_logins',
  up: (db) => {
    db.exec(`
ALTER TABLE users ADD COLUMN locked_at TEXT;
CREATE TABLE login_throttle (
  kind TEXT NOT NULL CHECK (kind IN ('account', 'host')),
  key TEXT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  last_failure_at TEXT,
  wait_until TEXT,
  PRIMARY KEY (kind, key)
);
`);
  },
};
