import type { Migration } from './types';

/**
 * The audit viewer (Impostazioni → Registro modifiche, electron/services/system/audit.ts) pages the
 * log newest first — ORDER BY at DESC, id DESC — filtered by user, entity (and record), action and a
 * date range. The log grows to millions of rows, so each filter gets an index that also gives the
 * order: (filter column(s), at, id). SQLite then walks one index backwards and stops at the page;
 * PostgreSQL does the same with a backward index scan. The two indexes of 001 are replaced by wider
 * ones with the same leading columns: (entity, entity_id) by (entity, entity_id, at, id), (at) by (at, id).
 * Plain DDL that reads the same on both engines.
 */
export const m014_audit_index: Migration = {
  id: '014_audit_index',
  up: (db) => {
    db.exec('DROP INDEX ix_audit_entity');
    db.exec('DROP INDEX ix_audit_at');
    db.exec('CREATE INDEX ix_audit_at_id ON audit_log(at, id)');
    db.exec('CREATE INDEX ix_audit_user_at ON audit_log(username, at, id)');
    db.exec('CREATE INDEX ix_audit_entity_at ON audit_log(entity, at, id)');
    db.exec('CREATE INDEX ix_audit_record_at ON audit_log(entity, entity_id, at, id)');
    db.exec('CREATE INDEX ix_audit_action_at ON audit_log(action, at, id)');
  },
};
