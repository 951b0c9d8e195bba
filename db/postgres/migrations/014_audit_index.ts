import type { PgMigration } from './types';

/**
 * SQLite's 014_audit_index, the same DDL: the audit viewer's filters each with an index that also
 * gives the order (at DESC, id DESC), read backwards; the two indexes of 001 replaced by wider ones.
 */
export const p014_audit_index: PgMigration = {
  id: '014_audit_index',
  up: async (c) => {
    await c.query(`
DROP INDEX ix_audit_entity;
DROP INDEX ix_audit_at;
CREATE INDEX ix_audit_at_id ON audit_log(at, id);
CREATE INDEX ix_audit_user_at ON audit_log(username, at, id);
CREATE INDEX ix_audit_entity_at ON audit_log(entity, at, id);
CREATE INDEX ix_audit_record_at ON audit_log(entity, entity_id, at, id);
CREATE INDEX ix_audit_action_at ON audit_log(action, at, id);
`);
  },
};
