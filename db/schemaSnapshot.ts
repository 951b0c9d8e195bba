import Database from 'better-sqlite3';
import { migrate } from './migrate';

/**
 * The whole schema of a SQLite database as comparable lines: every table, index, view and trigger
 * with its SQL (white space folded), SQLite's own objects left out. Two databases at the same
 * migration level must give the same lines; a table, column, index or trigger dropped or altered
 * by hand shows up as a difference.
 */
export function schemaSnapshot(db: Database.Database): string[] {
  const rows = db
    .prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; tbl: string; sql: string | null }[];
  return rows.map((r) => `${r.type} ${r.name} (${r.tbl}): ${(r.sql ?? '').replace(/\s+/g, ' ').trim()}`);
}

let expected: string[] | undefined;

/** The schema this version of the app creates: a new database with every migration applied. */
export function expectedSchema(): string[] {
  if (!expected) {
    const db = new Database(':memory:');
    try {
      migrate(db);
      expected = schemaSnapshot(db);
    } finally {
      db.close();
    }
  }
  return expected;
}

/** What differs between two snapshots: the lines only one of them has, each marked with the side it is on. */
export function schemaDifferences(actual: readonly string[], wanted: readonly string[] = expectedSchema()): string[] {
  const have = new Set(actual);
  const want = new Set(wanted);
  return [...wanted.filter((l) => !have.has(l)).map((l) => `manca: ${l}`), ...actual.filter((l) => !want.has(l)).map((l) => `in più: ${l}`)];
}
