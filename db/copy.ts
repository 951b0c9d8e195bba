import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema';
import type { Store } from './connection';

/**
 * Every table of the app in an order where a row's references (mostly) come before it; the copy
 * defers the foreign-key checks to its end anyway (people ↔ cases refer to each other).
 */
export const APP_TABLES = [
  'districts', 'comuni', 'birth_places', 'ateco_sections', 'channels', 'organisations', 'spending_lines', 'instruments',
  'settings', 'users', 'audit_log', 'saved_filters', 'privacy_notices', 'people', 'privacy_acknowledgements', 'person_skills',
  'work_experiences', 'cases', 'case_status_history', 'case_no_shows', 'notes', 'assessment_templates', 'assessments',
  'assessment_answers', 'companies', 'board_memberships', 'company_contacts', 'needs', 'need_skills', 'interventions', 'pacts',
  'pact_status_history', 'attachments', 'funds', 'allocations', 'allocation_totals', 'commitments', 'commitment_totals',
  'allocation_months', 'budget_overrides', 'payments', 'payment_allocations', 'duplicate_pairs', 'person_merges',
] as const;
type Table = (typeof APP_TABLES)[number];

/** Tables that hold work: a database with a row in any of them is not empty and is never overwritten. */
const WORK_TABLES: readonly Table[] = ['users', 'people', 'companies', 'cases', 'commitments', 'payments', 'audit_log'];
/** Money checked on both sides after a copy: table → its amount column. */
const MONEY: readonly [Table, string][] = [
  ['funds', 'amount_cents'], ['allocations', 'amount_cents'], ['commitments', 'amount_cents'], ['payments', 'amount_cents'],
  ['allocation_totals', 'committed_cents'], ['allocation_totals', 'paid_cents'], ['commitment_totals', 'net_cents'],
];

export interface CopyProgress {
  table: string;
  rows: number;
  /** rows copied so far and in all, over every table */
  done: number;
  total: number;
}

export interface CopyReport {
  tables: Record<string, number>;
  money: Record<string, number>;
  ms: number;
}

export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

const ROWS_PER_READ = 2_000;

async function count(db: Kysely<DB>, table: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function migrationIds(db: Kysely<DB>): Promise<string[]> {
  return (await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(db)).rows.map((r) => r.id);
}

/** Row counts of every table and the money sums, as compared after a copy. */
export async function contentSummary(db: Kysely<DB>): Promise<Pick<CopyReport, 'tables' | 'money'>> {
  const tables: Record<string, number> = {};
  for (const t of APP_TABLES) tables[t] = await count(db, t);
  const money: Record<string, number> = {};
  for (const [t, column] of MONEY) {
    const r = await sql<{ s: number | null }>`SELECT sum(${sql.ref(column)}) AS s FROM ${sql.table(t)}`.execute(db);
    money[`${t}.${column}`] = Number(r.rows[0]?.s ?? 0);
  }
  return { tables, money };
}

/** Columns of `table` in the target, in order. */
async function columnsOf(to: Store, table: string): Promise<string[]> {
  if (to.engine === 'sqlite') return (to.raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
  const r = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(to.db);
  return r.rows.map((c) => c.column_name);
}

/**
 * Copies the whole content of `from` into `to` (either engine each way), which must be empty (only
 * what its migrations put there): one transaction on the target, the triggers that keep totals off
 * (the totals are copied as they are) and the foreign keys checked at the end. Afterwards the row
 * count of every table and the money sums must agree on both sides, or the copy is rolled back.
 * `replace` overwrites a target that holds work (only for a target whose content was copied out first).
 */
export async function copyDatabase(
  from: Store,
  to: Store,
  onProgress: (p: CopyProgress) => void = () => undefined,
  options: { replace?: boolean } = {},
): Promise<CopyReport> {
  const started = performance.now();
  const [a, b] = [await migrationIds(from.db), await migrationIds(to.db)];
  if (a.join() !== b.join()) {
    throw new CopyRefusedError('I due database non sono alla stessa versione dello schema: aprirli entrambi con questa versione di IXL Desk, poi ripetere la copia.');
  }
  for (const t of options.replace ? [] : WORK_TABLES) {
    if ((await count(to.db, t)) > 0) {
      throw new CopyRefusedError(`Il database di destinazione non è vuoto (tabella ${t}): la copia si fa solo verso un database nuovo.`);
    }
  }
  const source = await contentSummary(from.db);
  const total = Object.values(source.tables).reduce((s, n) => s + n, 0);
  const columns = new Map<string, string[]>();
  for (const t of APP_TABLES) columns.set(t, await columnsOf(to, t));
  let done = 0;

  const copyTables = async (insert: (table: string, cols: string[], rows: unknown[][]) => Promise<void>) => {
    for (const table of APP_TABLES) {
      const cols = columns.get(table)!;
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await insert(table, cols, batch);
        done += batch.length;
        onProgress({ table, rows: source.tables[table] ?? 0, done, total });
        batch = [];
      };
      for await (const rows of readTable(from, table, cols)) {
        for (const r of rows) batch.push(cols.map((c) => r[c] ?? null));
        if (batch.length >= ROWS_PER_READ) await flush();
      }
      await flush();
    }
  };

  if (to.engine === 'postgres') await copyIntoPostgres(to, copyTables);
  else await copyIntoSqlite(to, copyTables);

  const target = await contentSummary(to.db);
  const differences = [
    ...Object.keys(source.tables).filter((t) => source.tables[t] !== target.tables[t]).map((t) => `${t}: ${source.tables[t]} righe, copiate ${target.tables[t]}`),
    ...Object.keys(source.money).filter((k) => source.money[k] !== target.money[k]).map((k) => `${k}: ${source.money[k]} ≠ ${target.money[k]}`),
  ];
  if (differences.length > 0) throw new Error(`Copia non riuscita, i due database non coincidono: ${differences.join('; ')}`);
  return { ...target, ms: Math.round(performance.now() - started) };
}

/** The rows of `table`, a batch at a time: SQLite's statement iterator, PostgreSQL's cursor. */
async function* readTable(from: Store, table: string, cols: string[]): AsyncGenerator<Record<string, unknown>[]> {
  const text = `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY 1`;
  if (from.engine === 'sqlite') {
    let batch: Record<string, unknown>[] = [];
    for (const row of from.raw.prepare(text).iterate() as Iterable<Record<string, unknown>>) {
      batch.push(row);
      if (batch.length >= ROWS_PER_READ) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    return;
  }
  for await (const result of from.db.getExecutor().stream(sql<Record<string, unknown>>`${sql.raw(text)}`.compile(from.db), ROWS_PER_READ)) {
    yield result.rows;
  }
}

type CopyTables = (insert: (table: string, cols: string[], rows: unknown[][]) => Promise<void>) => Promise<void>;

/** Parameters per INSERT into SQLite (it allows 32,766 per statement). */
const PARAMETERS = 30_000;

/** What a bulk load into PostgreSQL sets aside and puts back at its end: each object's name, table and definition. */
interface SetAside {
  foreignKeys: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/**
 * The foreign keys and the indexes that back no constraint, of the app's tables: a load checks each
 * foreign key once at the end (one join) and builds each index by sorting, instead of checking and
 * inserting row by row. Unique and primary-key indexes stay: they guard the rows as they arrive.
 */
async function setAside(client: pg.PoolClient): Promise<SetAside> {
  const tables = [...APP_TABLES];
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1) ORDER BY c.oid`,
    [tables],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
        AND NOT (SELECT x.indisunique FROM pg_index x WHERE x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
      ORDER BY i.indexname`,
    [tables],
  );
  for (const f of foreignKeys.rows) await client.query(`ALTER TABLE ${f.table} DROP CONSTRAINT ${f.name}`);
  for (const i of indexes.rows) await client.query(`DROP INDEX ${i.name}`);
  return { foreignKeys: foreignKeys.rows, indexes: indexes.rows };
}

/** The type of every column of the app's tables ("table.column" → its SQL type name). */
async function columnTypes(client: pg.PoolClient): Promise<Map<string, string>> {
  const r = await client.query<{ key: string; type: string }>(
    `SELECT c.relname || '.' || a.attname AS key, format_type(a.atttypid, NULL) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  return new Map(r.rows.map((c) => [c.key, c.type]));
}

async function putBack(client: pg.PoolClient, aside: SetAside): Promise<void> {
  for (const i of aside.indexes) await client.query(i.definition);
  for (const f of aside.foreignKeys) await client.query(`ALTER TABLE ${f.table} ADD CONSTRAINT ${f.name} ${f.definition}`);
}

async function copyIntoPostgres(to: Store, copyTables: CopyTables): Promise<void> {
  const client = await to.pool!.connect();
  try {
    await client.query('BEGIN');
    try {
      // triggers off before any row changes: ALTER TABLE refuses a table with pending checks
      for (const t of APP_TABLES) await client.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
      const aside = await setAside(client);
      // the index builds at the end sort in memory rather than on disk
      await client.query("SET LOCAL maintenance_work_mem = '256MB'");
      for (const t of [...APP_TABLES].reverse()) await client.query(`DELETE FROM ${t}`);
      const types = await columnTypes(client);
      // one array per column: a batch is one statement with as many parameters as columns
      await copyTables(async (table, cols, rows) => {
        const arrays = cols.map((_, k) => rows.map((r) => r[k]));
        const unnest = cols.map((c, k) => `$${k + 1}::${types.get(`${table}.${c}`)}[]`).join(', ');
        await client.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${unnest})`, arrays);
      });
      // the indexes built by sorting, the foreign keys checked once each; then the triggers back on
      await putBack(client, aside);
      for (const t of APP_TABLES) await client.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
      // identities continue after the copied ids
      const identities = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'",
      );
      for (const { table_name } of identities.rows) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table_name}', 'id'), coalesce((SELECT max(id) FROM ${table_name}), 0) + 1, false)`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    await client.query('ANALYZE');
  } finally {
    client.release();
  }
}

async function copyIntoSqlite(to: Store, copyTables: CopyTables): Promise<void> {
  const db = to.raw;
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  db.pragma('foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    for (const t of [...APP_TABLES].reverse()) db.exec(`DELETE FROM "${t}"`);
    await copyTables(async (table, cols, rows) => {
      const per = Math.max(1, Math.floor(PARAMETERS / cols.length));
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        const values = part.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ');
        db.prepare(`INSERT INTO "${table}" (${cols.join(', ')}) VALUES ${values}`).run(...part.flat());
      }
    });
    for (const t of triggers) db.exec(t.sql);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`Copia non riuscita: ${broken.length} riferimenti a righe inesistenti`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.pragma('foreign_keys = ON');
  }
  db.exec('ANALYZE');
}
