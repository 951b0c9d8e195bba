import type { ClientBase } from 'pg';

/**
 * The two roles of a shared server. The owner owns the schema and runs the migrations
 * (`ixl migrate --db postgres://owner@…`); the application role — the one every desk connects with —
 * reads and writes the data, but cannot change the schema, and cannot change or delete what is
 * appended for good: the ledger (its amounts are also guarded by triggers since 005), the recorded
 * overrides and the audit log. Its rights are granted by the owner after every migration, so the
 * tables of later migrations are covered too.
 */

/**
 * Tables the application only appends to, with the columns it may still set on a row: the links and
 * notes of a commitment or payment (a merge moves them to the kept person), never an amount or a date.
 */
const APPEND_ONLY: Record<string, readonly string[]> = {
  commitments: ['act_number', 'description', 'intervention_id', 'person_id', 'company_id'],
  payments: ['payee', 'document_number', 'description'],
  budget_overrides: [],
  audit_log: [],
};

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class RoleSetupError extends Error {
  override name = 'RoleSetupError';
}

/** Whether the connected role may change the schema: it owns the migrated schema (or, on an empty database, may create in it). */
export async function maySchema(client: ClientBase): Promise<boolean> {
  const result = await client.query<{ ok: number | boolean }>(
    `SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN has_schema_privilege(current_schema(), 'CREATE')
       ELSE pg_has_role((SELECT relowner FROM pg_class WHERE oid = to_regclass('schema_migrations')), 'MEMBER') END AS ok`,
  );
  return Boolean(result.rows[0]?.ok);
}

/** The roles already holding the application's rights (granted by an earlier `ixl migrate --app-role`). */
export async function appRoles(client: ClientBase): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT DISTINCT r.rolname AS name FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
     WHERE c.oid = to_regclass('audit_log') AND a.privilege_type = 'INSERT' AND a.grantee <> c.relowner ORDER BY 1`,
  );
  return result.rows.map((r) => r.name);
}

/**
 * Gives `role` the application's rights on every table of the schema, as they are now. Run by the
 * owner, inside the caller's transaction; running it again changes nothing.
 */
export async function grantAppRole(client: ClientBase, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new RoleSetupError(`Nome di ruolo non valido: «${role}» (lettere minuscole, cifre e _)`);
  const found = await client.query<{ super: boolean | number; owner: boolean | number }>(
    `SELECT rolsuper AS super, pg_has_role(oid, (SELECT relowner FROM pg_class WHERE oid = to_regclass('schema_migrations')), 'MEMBER') AS owner
     FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  const row = found.rows[0];
  if (!row) throw new RoleSetupError(`Il ruolo «${role}» non esiste sul server: crearlo prima (CREATE ROLE ${role} LOGIN PASSWORD '…')`);
  if (row.super || row.owner) {
    throw new RoleSetupError(`Il ruolo «${role}» è un superutente o il proprietario dello schema: per l’applicazione serve un ruolo distinto, senza altri privilegi`);
  }
  const r = client.escapeIdentifier(role);
  const schemaName = (await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
  const schema = client.escapeIdentifier(schemaName);
  await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${r}`);
  await client.query(`REVOKE CREATE ON SCHEMA ${schema} FROM ${r}`);
  await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${r}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${r}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${r}`);
  // revoking at table level also revokes every column's: the allowed columns are granted after
  for (const [table, columns] of Object.entries(APPEND_ONLY)) {
    await client.query(`REVOKE UPDATE, DELETE ON ${table} FROM ${r}`);
    if (columns.length > 0) await client.query(`GRANT UPDATE (${columns.join(', ')}) ON ${table} TO ${r}`);
  }
  await client.query(`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${r}`);
}

/** What the connected role may do, for Impostazioni → Database. */
export interface RoleRights {
  /** It owns the schema: it can migrate (and so change anything). */
  owner: boolean;
  /** It can read and write the data (append to the audit log). */
  write: boolean;
  /** It cannot change or delete audit and ledger rows, nor the schema: the application role as intended. */
  restricted: boolean;
}

export async function roleRights(client: ClientBase): Promise<RoleRights> {
  const owner = await maySchema(client);
  const result = await client.query<{ write: boolean | number; edits: boolean | number }>(
    `SELECT has_table_privilege('audit_log', 'INSERT') AND has_table_privilege('people', 'INSERT') AS write,
            has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE')
            OR has_table_privilege('commitments', 'DELETE') OR has_table_privilege('payments', 'DELETE') AS edits`,
  );
  const row = result.rows[0]!;
  return { owner, write: Boolean(row.write), restricted: !owner && !row.edits };
}
