import type { Kysely } from 'kysely';
import type { DB, InterventionTable, PactStatus } from '../../../db/schema';
import type { DocumentView, PersonDetail, PersonPage, TimelineEntry, TimelineKind } from '../../contract/people';
import type { CaseView } from '../../contract/cases';
import type { AssessmentView } from '../../contract/assessments';
import type { ServiceContext } from '../context';
import { redact, seesPersonalData } from '../privacy';
import { BAND_LABELS } from '../../domain/bands';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../domain/caseStatus';
import { documentQuery, toDocumentView } from './documents';
import { italianDate } from '../../domain/dates';
import { getPersonDetail } from './people';
import { caseViewQuery, toCaseView } from '../cases/cases';
import { undoableMerges } from './unmerge';

const INTERVENTION_STATUS_LABELS: Record<InterventionTable['status'], string> = { proposto: 'Proposto', attivo: 'Attivo', concluso: 'Concluso', interrotto: 'Interrotto' };
const PACT_STATUS_LABELS: Record<PactStatus, string> = { bozza: 'Bozza', stampato: 'Stampato', firmato: 'Firmato', archiviato: 'Archiviato', annullato: 'Annullato' };

async function personCases(db: Kysely<DB>, personId: number): Promise<CaseView[]> {
  const rows = await caseViewQuery(db).where('c.person_id', '=', personId).orderBy('c.application_date', 'desc').orderBy('c.id', 'desc').execute();
  return rows.map(toCaseView);
}

async function personAssessments(db: Kysely<DB>, personId: number): Promise<AssessmentView[]> {
  const rows = await db
    .selectFrom('assessments as a')
    .innerJoin('assessment_templates as t', 't.id', 'a.template_id')
    .leftJoin('users as u', 'u.id', 'a.assessor_user_id')
    .select(['a.id', 'a.case_id', 'a.assessed_on', 'u.full_name as assessor_name', 'a.total_points', 'a.band', 't.version', 'a.routing'])
    .where('a.person_id', '=', personId)
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    assessedOn: r.assessed_on,
    assessorName: r.assessor_name,
    totalPoints: r.total_points,
    band: r.band,
    templateVersion: r.version,
    routing: r.routing,
  }));
}

/** A timeline entry with what orders it: its day, then the time it was recorded, then its id. */
interface Dated {
  entry: TimelineEntry;
  day: string;
  recordedAt: string;
  seq: number;
}

/** Everything that happened to the person, as timeline entries (sensitive text only for roles that may see it). */
async function timelineEvents(db: Kysely<DB>, person: PersonDetail, documents: { view: DocumentView; id: number }[], sensitive: boolean): Promise<Dated[]> {
  const personId = person.id;
  const [history, noShows, assessments, interventions, pacts, notes] = await Promise.all([
    db
      .selectFrom('case_status_history as h')
      .innerJoin('cases as c', 'c.id', 'h.case_id')
      .leftJoin('users as u', 'u.id', 'h.user_id')
      .select(['h.id', 'h.case_id', 'h.to_status', 'h.changed_on', 'h.changed_at', 'h.note', 'u.full_name'])
      .where('c.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('case_no_shows as n')
      .innerJoin('cases as c', 'c.id', 'n.case_id')
      .leftJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.case_id', 'n.scheduled_on', 'n.recorded_at', 'n.note', 'u.full_name'])
      .where('c.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('assessments as a')
      .leftJoin('users as u', 'u.id', 'a.assessor_user_id')
      .select(['a.id', 'a.case_id', 'a.assessed_on', 'a.created_at', 'a.total_points', 'a.band', 'a.routing', 'u.full_name'])
      .where('a.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('interventions as i')
      .innerJoin('instruments as ins', 'ins.code', 'i.instrument_code')
      .leftJoin('companies as co', 'co.id', 'i.company_id')
      .select(['i.id', 'i.case_id', 'ins.name as instrument', 'co.name as company', 'i.status', 'i.start_date', 'i.end_date', 'i.created_at'])
      .where('i.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('pacts as pa')
      .innerJoin('companies as co', 'co.id', 'pa.company_id')
      .leftJoin('interventions as i', 'i.id', 'pa.intervention_id')
      .leftJoin('users as u', 'u.id', 'pa.referent_user_id')
      .select(['pa.id', 'pa.number', 'pa.status', 'pa.pact_date', 'pa.created_at', 'co.name as company', 'i.case_id', 'u.full_name'])
      .where('pa.person_id', '=', personId)
      .execute(),
    // when and by whom only: the text is read through people.notes.list, which is audited
    sensitive
      ? db
          .selectFrom('notes as n')
          .leftJoin('users as u', 'u.id', 'n.user_id')
          .select(['n.id', 'n.case_id', 'n.created_at', 'u.full_name'])
          .where('n.person_id', '=', personId)
          .execute()
      : [],
  ]);

  const event = (kind: TimelineKind, at: string, recordedAt: string, seq: number, fields: Omit<TimelineEntry, 'kind' | 'at'>): Dated => ({
    entry: { kind, at, ...fields },
    day: at.slice(0, 10),
    recordedAt,
    seq,
  });
  const secret = (text: string | null) => (sensitive ? text : null);
  return [
    // recordedAt '' puts the registration below anything else of its day
    event('registrazione', person.createdAt, '', 0, { title: 'Registrazione della persona', detail: null, by: null, caseId: null }),
    ...history.map((h) =>
      event('stato', h.changed_on, h.changed_at, h.id, {
        title: `Stato: ${CASE_STATUS_LABELS[h.to_status as CaseStatus]}`,
        detail: secret(h.note),
        by: h.full_name,
        caseId: h.case_id,
      }),
    ),
    ...noShows.map((n) =>
      event('mancata_presentazione', n.scheduled_on, n.recorded_at, n.id, {
        title: 'Mancata presentazione al colloquio',
        detail: secret(n.note),
        by: n.full_name,
        caseId: n.case_id,
      }),
    ),
    ...assessments.map((a) =>
      event('valutazione', a.assessed_on, a.created_at, a.id, {
        title: `Valutazione L.R. 14/2015: ${a.total_points} punti — ${BAND_LABELS[a.band].label}`,
        detail: secret(a.routing),
        by: a.full_name,
        caseId: a.case_id,
      }),
    ),
    ...interventions.map((i) => {
      const period = [i.start_date && `dal ${italianDate(i.start_date)}`, i.end_date && `al ${italianDate(i.end_date)}`].filter(Boolean).join(' ');
      return event('percorso', i.start_date ?? i.created_at, i.created_at, i.id, {
        title: i.company ? `${i.instrument} presso ${i.company}` : i.instrument,
        detail: [INTERVENTION_STATUS_LABELS[i.status], period].filter(Boolean).join(', '),
        by: null,
        caseId: i.case_id,
      });
    }),
    ...pacts.map((p) =>
      event('patto', p.pact_date, p.created_at, p.id, {
        title: `Patto per il buon lavoro n. ${p.number}`,
        detail: `${PACT_STATUS_LABELS[p.status]} — ${p.company}`,
        by: p.full_name,
        caseId: p.case_id,
      }),
    ),
    ...documents.map((d) =>
      event('documento', d.view.uploadedAt, d.view.uploadedAt, d.id, {
        title: `Documento caricato: ${d.view.fileName}`,
        detail: d.view.note,
        by: d.view.uploadedBy,
        caseId: null,
      }),
    ),
    ...notes.map((n) => event('nota', n.created_at, n.created_at, n.id, { title: 'Nota', detail: null, by: n.full_name, caseId: n.case_id })),
  ];
}

const newestFirst = (a: Dated, b: Dated): number =>
  b.day.localeCompare(a.day) || b.recordedAt.localeCompare(a.recordedAt) || b.seq - a.seq;

/**
 * The person page: data, cases, assessments, documents and one timeline, newest first. Roles that
 * may not see personal data get it as null, no notes and no free text of status changes, no-shows,
 * assessments and documents. The notes are in the timeline without their text, which is read through
 * people.notes.list (audited). A merged record is returned too, with mergedIntoId set.
 */
export async function personPage(ctx: ServiceContext, { id }: { id: number }): Promise<PersonPage> {
  const db = ctx.store.db;
  const person = await getPersonDetail(ctx, id);
  const sensitive = seesPersonalData(ctx);
  const [cases, assessments, documentRows, merges] = await Promise.all([
    personCases(db, id),
    personAssessments(db, id),
    documentQuery(db).where('a.owner_type', '=', 'person').where('a.owner_id', '=', id).orderBy('a.uploaded_at', 'desc').orderBy('a.id', 'desc').execute(),
    undoableMerges(db, id, ctx.clock.nowIso()),
  ]);
  const documents = documentRows.map((r) => ({ id: r.id, view: redact(ctx, 'document', toDocumentView(r, r.id === person.cvDocumentId)) }));
  const events = await timelineEvents(db, person, documents, sensitive);
  return {
    person,
    cases,
    assessments: assessments.map((a) => redact(ctx, 'assessmentSummary', a)),
    documents: documents.map((d) => d.view),
    timeline: events.sort(newestFirst).map((e) => e.entry),
    merges,
  };
}
