import { describe, expect, it } from 'vitest';
import { openSqlite } from '../connection';
import { migrate } from '../migrate';

describe('migration 008: indexes of the Patti lists', () => {
  const db = openSqlite(':memory:');
  migrate(db);
  const plan = (query: string) => (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

  it('finds the pacts signed in a month by the signature date', () => {
    expect(plan("SELECT count(*) FROM pacts pa WHERE pa.signed_on >= '2026-11-01' AND pa.signed_on <= '2026-11-30' AND +pa.status IN ('firmato', 'archiviato')")).toContain(
      'ix_pacts_signed_on',
    );
  });

  it('pages all the pacts by date without sorting them', () => {
    const detail = plan('SELECT id FROM pacts pa ORDER BY pa.pact_date DESC, pa.id DESC LIMIT 50');
    expect(detail).toContain('ix_pacts_date');
    expect(detail).not.toContain('TEMP B-TREE');
  });
});
