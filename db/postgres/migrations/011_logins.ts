import type { PgMigration } from './types';

/** SQLite's 011_logins, the same DDL: `users.locked_at` and the login throttle's table. */
export const p011_logins: PgMigration = {
  id: '011_logins',
  up: async (c) => {
    await c.query(`
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
