import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types';

/** Every money column (integer cents), by table; the nullable ones may stay NULL. */
const MONEY: readonly (readonly [table: string, columns: readonly string[], nullable: boolean])[] = [
  ['interventions', ['monthly_indemnity_cents', 'grant_cents', 'loan_cents'], true],
  ['funds', ['amount_cents'], false],
  ['allocations', ['amount_cents'], false],
  ['commitments', ['amount_cents'], false],
  ['payments', ['amount_cents'], false],
  ['allocation_totals', ['committed_cents', 'paid_cents'], false],
  ['commitment_totals', ['net_cents', 'paid_cents'], false],
  ['allocation_months', ['committed_cents', 'paid_cents'], false],
  ['budget_overrides', ['left_before_cents', 'excess_cents'], false],
  ['payment_allocations', ['amount_cents'], false],
];

/** The table constraint of a money column; its name is what SQLite's error shows. */
const integerCheck = (table: string, column: string, nullable: boolean) =>
  `CONSTRAINT "${table}.${column}: centesimi interi" CHECK (${nullable ? `${column} IS NULL OR ` : ''}typeof(${column}) = 'integer')`;

/** The CREATE TABLE text of `table` renamed to `newName`, with `constraints` added after its last definition. */
function withConstraints(sql: string, table: string, newName: string, constraints: string[]): string {
  const head = new RegExp(`^CREATE TABLE "?${table}"?\\s*\\(`).exec(sql);
  const close = sql.lastIndexOf(')');
  if (!head || !/^\)\s*(WITHOUT ROWID)?$/.test(sql.slice(close))) throw new Error(`Definizione inattesa della tabella ${table}`);
  return `CREATE TABLE ${newName} (${sql.slice(head[0].length, close).trimEnd()},\n  ${constraints.join(',\n  ')}\n${sql.slice(close)}`;
}

/** Rounds the REAL values of a money column to the cent, each change written in the audit log. */
function roundReals(db: BetterSqlite3.Database, table: string, column: string, withoutRowid: boolean): void {
  const key = withoutRowid
    ? (db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as { name: string }[]).map((c) => c.name).join(" || '|' || ")
    : 'rowid';
  const rows = db.prepare(`SELECT ${key} AS k, ${column} AS v, CAST(round(${column}) AS INTEGER) AS r FROM ${table} WHERE typeof(${column}) = 'real'`).all() as {
    k: number | string;
    v: number;
    r: number;
  }[];
  if (rows.length === 0) return;
  const audit = db.prepare(
    "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, 'sistema', 'arrotondamento', ?, ?, ?, ?)",
  );
  const at = new Date().toISOString();
  for (const { k, v, r } of rows) audit.run(at, table, String(k), JSON.stringify({ [column]: v }), JSON.stringify({ [column]: r }));
  db.exec(`UPDATE ${table} SET ${column} = CAST(round(${column}) AS INTEGER) WHERE typeof(${column}) = 'real'`);
}

/**
 * Money columns refuse non-integers in the database itself: an INTEGER column of SQLite stores
 * 1250.5 as a REAL, so each *_cents column gets CHECK (typeof(x) = 'integer'), which after the
 * column's affinity lets 1250 and '1250' in and refuses 1250.5 and '12,50'.
 *
 * SQLite adds a CHECK only by rebuilding the table (the 12-step ALTER: new table, copy, drop, rename,
 * indexes and triggers again; the runner turns foreign keys off around it and runs foreign_key_check
 * before committing). A rebuild was chosen over BEFORE INSERT/UPDATE triggers for every table: none
 * is unsafe to copy (no views; the copy runs with no trigger in place, so the ledger's append-only
 * rules and the running totals are neither fired nor bypassed), a CHECK also guards writers that go
 * around the services (seed, bulk loads) at no cost per row beyond the test, and it sits in the
 * table's definition where the next reader looks. The trigger-kept totals tables get the CHECK too.
 *
 * Every trigger of the database is dropped first and created again at the end with its own text, in
 * its order: renaming a table makes SQLite re-read every trigger, and one that names a table dropped a
 * moment before stops the rename. Indexes of each table are created again with their own text.
 * A REAL value already stored (only a write around the services could put one) is rounded to the
 * cent and written in the audit log; any other non-integer (text) makes the copy fail and the
 * migration stop, leaving the database as it was.
 */
export const m010_money_integers: Migration = {
  id: '010_money_integers',
  rebuildsTables: true,
  up: (db) => {
    const master = (type: string, table?: string) =>
      db
        .prepare(`SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ${table ? 'AND tbl_name = ?' : ''} ORDER BY rowid`)
        .all(...(table ? [type, table] : [type])) as { name: string; sql: string }[];
    const triggers = master('trigger');
    const views = master('view');
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    for (const v of views) db.exec(`DROP VIEW ${v.name}`);

    for (const [table, columns, nullable] of MONEY) {
      const [definition] = master('table').filter((t) => t.name === table);
      if (!definition) throw new Error(`Tabella ${table} assente`);
      const withoutRowid = /WITHOUT ROWID$/.test(definition.sql);
      for (const column of columns) roundReals(db, table, column, withoutRowid);
      const indexes = master('index', table);
      const names = (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string }[]).map((c) => c.name).join(', ');
      db.exec(withConstraints(definition.sql, table, `new_${table}`, columns.map((c) => integerCheck(table, c, nullable))));
      db.exec(`INSERT INTO new_${table} (${names}) SELECT ${names} FROM ${table}`);
      db.exec(`DROP TABLE ${table}`);
      db.exec(`ALTER TABLE new_${table} RENAME TO ${table}`);
      for (const i of indexes) db.exec(i.sql);
    }

    for (const v of views) db.exec(v.sql);
    for (const t of triggers) db.exec(t.sql);
    const analysed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").get();
    if (analysed) for (const [table] of MONEY) db.exec(`ANALYZE ${table}`);
  },
};
