import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { templateDefinition } from '../../contract/assessments';
import { AppError } from '../../contract/errors';
import type { JobStarted } from '../../contract/jobs';
import { nameKey } from '../../domain/text';
import { startFileJob } from '../../jobs/start';
import type { ServiceContext } from '../context';
import { personDetailQuery } from './people';
import { auditRowsAbout, linkedRecords } from './records';

/**
 * The copy of a person's data (GDPR art. 15 and 20, DOMAIN.md §11): everything the database holds
 * about them, gathered here through kysely (either engine), then written by a job as a .zip with
 * `dati.json` (every row, machine-readable) and `dati.pdf` (the same, readable, to hand to them):
 * see dataCopyFile.ts.
 * The documents are listed, not copied. Audited (`copia_dati`) when the file is complete.
 */

/** A database row with its columns in camelCase, plus the names of what it refers to. */
export type DataRow = Record<string, unknown>;

export interface PersonDataCopy {
  descrizione: string;
  /** ISO timestamp, and who prepared it. */
  generataIl: string;
  generataDa: string;
  persona: DataRow & { competenze: string[]; esperienzeLavorative: DataRow[] };
  /** Records of the same person merged into this one. */
  schedeUnite: DataRow[];
  informativaPrivacy: { firme: DataRow[]; motivoMancanza: string | null };
  casi: (DataRow & { storicoStati: DataRow[]; mancatePresentazioni: DataRow[] })[];
  valutazioni: (DataRow & { risposte: DataRow[] })[];
  percorsi: DataRow[];
  patti: (DataRow & { storicoStati: DataRow[] })[];
  impegni: DataRow[];
  liquidazioni: DataRow[];
  documenti: DataRow[];
  note: DataRow[];
  /** Who read or changed the person's records: the audit rows about them, with their before/after. */
  registro: DataRow[];
}

export const DATA_COPY_ACTION = 'copia_dati';
const DESCRIPTION =
  'Copia dei dati personali conservati da IXL Desk per il progetto «Insieme per il lavoro» (artt. 15 e 20 del Regolamento UE 2016/679): ' +
  'dati anagrafici e recapiti, informativa privacy, prese in carico, valutazioni L.R. 14/2015 con le risposte, percorsi, patti, impegni e ' +
  'liquidazioni, elenco dei documenti (senza il loro contenuto), note, e gli accessi e le modifiche registrati sulla scheda.';

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
function camelRow(row: object, omit: readonly string[] = []): DataRow {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !omit.includes(k)).map(([k, v]) => [camel(k), v]));
}
function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function personSection(db: Kysely<DB>, personId: number) {
  const person = await personDetailQuery(db).where('p.id', '=', personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  const [skills, experiences, merged] = await Promise.all([
    db.selectFrom('person_skills').select('skill').where('person_id', '=', personId).orderBy('skill').execute(),
    db.selectFrom('work_experiences').selectAll().where('person_id', '=', personId).orderBy('start_date').orderBy('id').execute(),
    personDetailQuery(db).where('p.merged_into_id', '=', personId).orderBy('p.id').execute(),
  ]);
  return {
    row: person,
    persona: { ...camelRow(person), competenze: skills.map((s) => s.skill), esperienzeLavorative: experiences.map((e) => camelRow(e)) },
    schedeUnite: merged.map((m) => camelRow(m)),
  };
}

async function casesSection(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  const [cases, history, noShows] = await Promise.all([
    db
      .selectFrom('cases as c')
      .innerJoin('channels as ch', 'ch.code', 'c.channel_code')
      .leftJoin('organisations as o', 'o.id', 'c.referring_org_id')
      .leftJoin('users as u', 'u.id', 'c.referent_user_id')
      .selectAll('c')
      .select(['ch.name as channel_name', 'o.name as referring_org_name', 'u.full_name as referent_name'])
      .where('c.id', 'in', ids)
      .orderBy('c.application_date')
      .orderBy('c.id')
      .execute(),
    db.selectFrom('case_status_history as h').leftJoin('users as u', 'u.id', 'h.user_id').selectAll('h').select('u.full_name as user_name').where('h.case_id', 'in', ids).orderBy('h.id').execute(),
    db.selectFrom('case_no_shows as n').leftJoin('users as u', 'u.id', 'n.user_id').selectAll('n').select('u.full_name as user_name').where('n.case_id', 'in', ids).orderBy('n.id').execute(),
  ]);
  return cases.map((c) => ({
    ...camelRow(c),
    storicoStati: history.filter((h) => h.case_id === c.id).map((h) => camelRow(h)),
    mancatePresentazioni: noShows.filter((n) => n.case_id === c.id).map((n) => camelRow(n)),
  }));
}

/** Each assessment with its answers, the question and the chosen answer in the words of its questionnaire's version. */
async function assessmentsSection(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  const [assessments, answers] = await Promise.all([
    db
      .selectFrom('assessments as a')
      .innerJoin('assessment_templates as t', 't.id', 'a.template_id')
      .leftJoin('users as u', 'u.id', 'a.assessor_user_id')
      .selectAll('a')
      .select(['t.title as template_title', 't.version as template_version', 't.definition_json', 'u.full_name as assessor_name'])
      .where('a.id', 'in', ids)
      .orderBy('a.assessed_on')
      .orderBy('a.id')
      .execute(),
    db.selectFrom('assessment_answers').selectAll().where('assessment_id', 'in', ids).execute(),
  ]);
  return assessments.map((a) => {
    const items = new Map(templateDefinition.parse(JSON.parse(a.definition_json)).dimensions.flatMap((d) => d.items.map((item, order) => [item.code, { item, dimension: d.label, order }])));
    const risposte = answers
      .filter((r) => r.assessment_id === a.id)
      .map((r) => {
        const known = items.get(r.item_code);
        return {
          dimensione: known?.dimension ?? null,
          domanda: known?.item.text ?? r.item_code,
          risposta: known?.item.options.find((o) => o.code === r.option_code)?.label ?? r.option_code,
          punti: r.points,
          itemCode: r.item_code,
          optionCode: r.option_code,
        };
      });
    return { ...camelRow(a, ['definition_json']), risposte };
  });
}

async function interventionsSection(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('interventions as i')
    .innerJoin('instruments as ins', 'ins.code', 'i.instrument_code')
    .leftJoin('companies as co', 'co.id', 'i.company_id')
    .leftJoin('organisations as o', 'o.id', 'i.provider_org_id')
    .selectAll('i')
    .select(['ins.name as instrument_name', 'co.name as company_name', 'o.name as provider_name'])
    .where('i.id', 'in', ids)
    .orderBy('i.start_date')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => camelRow(r));
}

async function pactsSection(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  const [pacts, history] = await Promise.all([
    db.selectFrom('pacts as p').innerJoin('companies as co', 'co.id', 'p.company_id').selectAll('p').select('co.name as company_name').where('p.id', 'in', ids).orderBy('p.pact_date').orderBy('p.id').execute(),
    db.selectFrom('pact_status_history as h').leftJoin('users as u', 'u.id', 'h.user_id').selectAll('h').select('u.full_name as user_name').where('h.pact_id', 'in', ids).orderBy('h.id').execute(),
  ]);
  return pacts.map((p) => ({ ...camelRow(p), storicoStati: history.filter((h) => h.pact_id === p.id).map((h) => camelRow(h)) }));
}

async function moneySection(db: Kysely<DB>, commitmentIds: number[], paymentIds: number[]) {
  const [commitments, payments] = await Promise.all([
    commitmentIds.length === 0
      ? []
      : db
          .selectFrom('commitments as c')
          .innerJoin('allocations as al', 'al.id', 'c.allocation_id')
          .innerJoin('funds as f', 'f.id', 'al.fund_id')
          .innerJoin('spending_lines as l', 'l.code', 'al.line_code')
          .selectAll('c')
          .select(['f.name as fund_name', 'al.year', 'l.name as line_name'])
          .where('c.id', 'in', commitmentIds)
          .orderBy('c.committed_on')
          .orderBy('c.id')
          .execute(),
    paymentIds.length === 0 ? [] : db.selectFrom('payments').selectAll().where('id', 'in', paymentIds).orderBy('paid_on').orderBy('id').execute(),
  ]);
  return { impegni: commitments.map((c) => camelRow(c)), liquidazioni: payments.map((p) => camelRow(p)) };
}

/** Gathers everything about the person; NOT_FOUND when there is no such record. */
export async function gatherPersonData(ctx: ServiceContext, personId: number): Promise<PersonDataCopy> {
  const db = ctx.store.db;
  const { row, persona, schedeUnite } = await personSection(db, personId);
  if (row.merged_into_id !== null) throw new AppError('CONFLICT', `Questa scheda è stata unita alla scheda n. ${row.merged_into_id}: fare la copia dei dati da quella`);
  const linked = await linkedRecords(db, [personId, ...schedeUnite.map((m) => m.id as number)]);
  const [firme, casi, valutazioni, percorsi, patti, money, documenti, note, registro] = await Promise.all([
    db
      .selectFrom('privacy_acknowledgements as a')
      .innerJoin('privacy_notices as n', 'n.id', 'a.notice_id')
      .leftJoin('users as u', 'u.id', 'a.recorded_by')
      .selectAll('a')
      .select(['n.version', 'n.valid_from', 'u.full_name as recorded_by_name'])
      .where('a.person_id', 'in', linked.people)
      .orderBy('a.acknowledged_on')
      .orderBy('a.id')
      .execute(),
    casesSection(db, linked.cases),
    assessmentsSection(db, linked.assessments),
    interventionsSection(db, linked.interventions),
    pactsSection(db, linked.pacts),
    moneySection(db, linked.commitments, linked.payments),
    linked.documents.length === 0
      ? []
      : db
          .selectFrom('attachments as a')
          .leftJoin('users as u', 'u.id', 'a.uploaded_by')
          .select(['a.id', 'a.owner_type', 'a.owner_id', 'a.file_name', 'a.mime_type', 'a.size_bytes', 'a.sha256', 'a.note', 'a.uploaded_at', 'a.uploaded_by', 'u.full_name as uploaded_by_name'])
          .where('a.id', 'in', linked.documents)
          .orderBy('a.uploaded_at')
          .orderBy('a.id')
          .execute(),
    linked.notes.length === 0
      ? []
      : db.selectFrom('notes as n').leftJoin('users as u', 'u.id', 'n.user_id').selectAll('n').select('u.full_name as user_name').where('n.id', 'in', linked.notes).orderBy('n.created_at').orderBy('n.id').execute(),
    auditRowsAbout(db, linked).leftJoin('users as u', 'u.id', 'audit_log.user_id').selectAll('audit_log').select('u.full_name as user_name').execute(),
  ]);
  return {
    descrizione: DESCRIPTION,
    generataIl: ctx.clock.nowIso(),
    generataDa: ctx.caller.fullName,
    persona,
    schedeUnite,
    informativaPrivacy: { firme: firme.map((f) => camelRow(f)), motivoMancanza: row.privacy_missing_reason },
    casi,
    valutazioni,
    percorsi,
    patti,
    ...money,
    documenti: documenti.map((d) => camelRow(d)),
    note: note.map((n) => camelRow(n)),
    registro: registro.map(({ before_json, after_json, ...r }) => ({ ...camelRow(r), before: parseJson(before_json), after: parseJson(after_json) })),
  };
}

/** people.dataCopy: gathers the person's data now, and writes the .zip as a job; audited when the file is complete. */
export async function startDataCopy(ctx: ServiceContext, { personId }: { personId: number }): Promise<JobStarted> {
  const copy = await gatherPersonData(ctx, personId);
  const name = [copy.persona.lastName, copy.persona.firstName].map((part) => nameKey(String(part))).filter(Boolean).join('-') || `scheda-${personId}`;
  return startFileJob(ctx, 'people.dataCopy', { copy }, { fileName: `copia-dati-${name}-${ctx.clock.today()}.zip`, mimeType: 'application/zip' }, ({ rows }) => ({
    action: DATA_COPY_ACTION,
    entity: 'persona',
    entityId: personId,
    after: { records: rows, accessRows: copy.registro.length },
  }));
}
