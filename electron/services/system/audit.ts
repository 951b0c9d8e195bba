import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema';
import type { JobStarted } from '../../contract/jobs';
import type { AuditListRow, AuditOptions, AuditPage, AuditRow, auditFilter } from '../../contract/system';
import { startFileJob } from '../../jobs/start';
import { XLSX_MIME } from '../../writers/excelFormats';
import type { ServiceContext } from '../context';
import { actionLabel, ACTION_LABELS, auditChanges, entityLabel, ENTITY_LABELS } from './auditLabels';

/**
 * The audit log for the administrator (Impostazioni → Registro modifiche): one page, newest first
 * (ORDER BY at DESC, id DESC), filtered by user, entity and record, action and days. Every filter
 * has an index that also gives the order (migration 014), and a page is read in two steps: the ids
 * of the page from the index, then those rows with their JSON.
 */
export type AuditFilterValues = z.output<typeof auditFilter>;

/** The newest rows of the audit log, unfiltered (the old panel; kept for the API). */
export async function recentAudit(ctx: ServiceContext, input: { limit: number }): Promise<AuditRow[]> {
  const rows = await ctx.store.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'username', 'action', 'entity', 'entity_id'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, username: r.username, action: r.action, entity: r.entity, entityId: r.entity_id }));
}

/** A day of the office's calendar ('YYYY-MM-DD') → the instant it starts, as the `at` column holds it. */
export function dayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString();
}

type AuditQuery = SelectQueryBuilder<DB, 'audit_log', object>;

function filtered(db: Kysely<DB>, f: AuditFilterValues): AuditQuery {
  let q: AuditQuery = db.selectFrom('audit_log');
  if (f.username !== null) q = q.where('username', '=', f.username);
  if (f.entity !== null) q = q.where('entity', '=', f.entity);
  if (f.entityId !== null) q = q.where('entity_id', '=', f.entityId);
  if (f.action !== null) q = q.where('action', '=', f.action);
  if (f.from !== null) q = q.where('at', '>=', dayStart(f.from));
  if (f.to !== null) q = q.where('at', '<', dayStart(f.to, 1));
  return q;
}

interface StoredRow {
  id: number;
  at: string;
  username: string | null;
  full_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export function toListRow(r: StoredRow): AuditListRow {
  return {
    id: r.id,
    at: r.at,
    username: r.username,
    userFullName: r.full_name,
    action: r.action,
    actionLabel: actionLabel(r.action),
    entity: r.entity,
    entityLabel: entityLabel(r.entity),
    entityId: r.entity_id,
    changes: auditChanges(r.entity, r.before_json, r.after_json),
  };
}

/** The rows with these ids, newest first, with the user's name. */
async function rowsByIds(db: Kysely<DB>, ids: number[]): Promise<StoredRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.username', 'u.full_name', 'a.action', 'a.entity', 'a.entity_id', 'a.before_json', 'a.after_json'])
    .where('a.id', 'in', ids)
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

/** The ids of one page, newest first: read from the filter's index alone (see the test of the plans). */
export function pageKeysQuery(db: Kysely<DB>, input: { filter: AuditFilterValues; page: number; pageSize: number }) {
  return filtered(db, input.filter)
    .select('id')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
}

/** One page of the filtered log and the count of all its rows. */
export async function auditPage(db: Kysely<DB>, input: { filter: AuditFilterValues; page: number; pageSize: number }): Promise<AuditPage> {
  const [keys, count] = await Promise.all([
    pageKeysQuery(db, input).execute(),
    filtered(db, input.filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const rows = await rowsByIds(db, keys.map((k) => k.id));
  return { rows: rows.map(toListRow), total: Number(count.n) };
}

export function listAudit(ctx: ServiceContext, input: { filter: AuditFilterValues; page: number; pageSize: number }): Promise<AuditPage> {
  return auditPage(ctx.store.db, input);
}

/**
 * Every row of the filtered log, newest first, in batches, for the export: keyset paging on
 * (at, id), so that the millionth row costs what the first does.
 */
export async function* allAuditRows(db: Kysely<DB>, filter: AuditFilterValues, batchSize: number, onTotal?: (total: number) => void): AsyncGenerator<AuditListRow[]> {
  const count = await filtered(db, filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  onTotal?.(Number(count.n));
  let last: { at: string; id: number } | null = null;
  for (;;) {
    let q = filtered(db, filter).select(['id', 'at']);
    if (last) {
      const { at, id } = last;
      q = q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
    }
    const keys = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(batchSize).execute();
    if (keys.length === 0) return;
    const lastKey = keys[keys.length - 1]!;
    last = { at: lastKey.at, id: lastKey.id };
    yield (await rowsByIds(db, keys.map((k) => k.id))).map(toListRow);
    if (keys.length < batchSize) return;
  }
}

/** What the filters offer: the users (and «sistema»), the entities and the actions, in Italian. */
export async function auditOptions(ctx: ServiceContext): Promise<AuditOptions> {
  const users = await ctx.store.db.selectFrom('users').select(['username', 'full_name']).orderBy('full_name').execute();
  const byLabel = (map: Record<string, string>) => Object.entries(map).map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'it'));
  return {
    users: [...users.map((u) => ({ username: u.username, fullName: u.full_name })), { username: 'sistema', fullName: 'Sistema' }],
    entities: byLabel(ENTITY_LABELS),
    actions: byLabel(ACTION_LABELS),
  };
}

/** Starts the Excel export of the filtered log; its own audit row is written when the file is complete. */
export async function exportAudit(ctx: ServiceContext, { filter }: { filter: AuditFilterValues }): Promise<JobStarted> {
  return startFileJob(
    ctx,
    'system.audit',
    { filter },
    { fileName: `registro-modifiche-${ctx.clock.today()}.xlsx`, mimeType: XLSX_MIME },
    ({ rows }) => ({ read: true, action: 'esporta', entity: 'registro', after: { rows, filter } }),
  );
}
