import { PDFDocument } from 'pdf-lib';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../domain/caseStatus';
import { PACT_STATUS_LABELS, type PactStatus } from '../../domain/pacts';
import { embedFonts } from '../../writers/pdf/fonts';
import { A4, CONTENT_WIDTH, drawRight, Flow, INK, LIGHT, MARGIN, MUTED, withGlyphCache, wrapText, type TextStyle } from '../../writers/pdf/layout';
import { actionLabel, auditChanges, changesText, entityLabel, fieldLabel, formatValue } from '../system/auditLabels';
import type { DataRow, PersonDataCopy } from './dataCopy';

/**
 * The copy of a person's data as an A4 PDF in Italian, to hand to them: who they are, the notice they
 * signed, then every kind of record in its own section, the documents by name and the accesses and
 * changes recorded. Field names and values read as in the audit viewer (system/auditLabels.ts), so a
 * field is named the same everywhere. DejaVu Sans: every letter of every name.
 */

const LABEL_WIDTH = 150;
const VALUE_X = MARGIN.left + LABEL_WIDTH;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH;
const BODY: TextStyle = { size: 9.5 };

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const text = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
/** A date as dd/mm/yyyy, an instant with its time (as the audit viewer shows them). */
const shown = (v: unknown) => formatValue('', '', v);
/** Flags stored as 0/1, read as Sì/No. */
const FLAGS = new Set(['inclusiveTraineeship', 'completed']);

class CopyWriter {
  constructor(readonly flow: Flow) {}

  heading(title: string): void {
    this.flow.ensure(60);
    this.flow.gap(10);
    this.flow.text(title, { size: 13, bold: true });
    this.flow.gap(2);
    this.flow.rule();
    this.flow.gap(8);
  }

  subheading(title: string): void {
    this.flow.ensure(40);
    this.flow.gap(4);
    this.flow.text(title, { size: 10.5, bold: true });
    this.flow.gap(3);
  }

  paragraph(body: string, style: TextStyle = BODY): void {
    this.flow.text(body, style);
    this.flow.gap(4);
  }

  none(what: string): void {
    this.paragraph(what, { ...BODY, color: MUTED });
  }

  /** A label and its value side by side, each wrapped in its column; a long value goes on over the next page. */
  field(label: string, value: string): void {
    const { flow } = this;
    const size = BODY.size!;
    const lineHeight = size * 1.35;
    const labels = wrapText(flow.font(), label, size, LABEL_WIDTH - 10);
    const values = wrapText(flow.font(), value, size, VALUE_WIDTH);
    // the label's lines stay together with the first of the value
    flow.ensure(Math.min(Math.max(labels.length, values.length), 3) * lineHeight);
    for (let i = 0; i < Math.max(labels.length, values.length); i++) {
      flow.ensure(lineHeight);
      const y = flow.y - size;
      if (labels[i]) flow.page.drawText(labels[i]!, { x: MARGIN.left, y, size, font: flow.font(), color: MUTED });
      if (values[i]) flow.page.drawText(values[i]!, { x: VALUE_X, y, size, font: flow.font(), color: INK });
      flow.y -= lineHeight;
    }
    flow.gap(1);
  }

  /** The fields of `row` named in `keys` that have a value, labelled and formatted as in the audit viewer. */
  record(entity: string, row: DataRow, keys: readonly string[]): void {
    for (const key of keys) {
      const value = FLAGS.has(key) && typeof row[key] === 'number' ? row[key] === 1 : row[key];
      if (!isEmpty(value)) this.field(fieldLabel(key), formatValue(entity, key, value));
    }
  }

  /** Lines of a list (a history, the answers), each behind a bullet and wrapped. */
  lines(items: string[]): void {
    for (const item of items) {
      this.flow.text(`• ${item}`, { size: 9 }, MARGIN.left + 8, CONTENT_WIDTH - 8);
      this.flow.gap(1);
    }
  }
}

function cover(w: CopyWriter, copy: PersonDataCopy): void {
  const { flow } = w;
  const page = flow.newPage();
  const p = copy.persona;
  page.drawRectangle({ x: 0, y: A4.height - 150, width: A4.width, height: 150, color: LIGHT });
  page.drawText('Insieme per il lavoro', { x: MARGIN.left, y: A4.height - 58, size: 11, font: flow.font(), color: MUTED });
  page.drawText('Copia dei dati personali', { x: MARGIN.left, y: A4.height - 88, size: 22, font: flow.font(true), color: INK });
  page.drawText('Artt. 15 e 20 del Regolamento (UE) 2016/679', { x: MARGIN.left, y: A4.height - 110, size: 10, font: flow.font(), color: INK });
  flow.y = A4.height - 185;
  flow.text(`${text(p.lastName)} ${text(p.firstName)}`, { size: 18, bold: true });
  flow.gap(4);
  flow.text(`Scheda n. ${text(p.id)} · copia preparata il ${shown(copy.generataIl)} da ${copy.generataDa}`, { size: 9.5, color: MUTED });
  flow.gap(12);
  w.paragraph(copy.descrizione);
  w.paragraph(
    'Questo documento riporta in forma leggibile tutti i dati che il database del progetto contiene sulla persona. ' +
      'Il file «dati.json», consegnato insieme, contiene gli stessi dati in un formato leggibile da dispositivo automatico, per trasmetterli ad altri.',
  );
}

function personalData(w: CopyWriter, copy: PersonDataCopy): void {
  const p = copy.persona;
  w.heading('Dati anagrafici e recapiti');
  w.record('persona', p, ['lastName', 'firstName', 'sex', 'birthDate']);
  const birthPlace = p.birthPlaceName ?? p.birthPlaceText;
  if (!isEmpty(birthPlace)) w.field('Luogo di nascita', text(birthPlace));
  if (!isEmpty(p.taxCode)) w.field(fieldLabel('taxCode'), text(p.taxCode));
  else w.field(fieldLabel('taxCode'), `non disponibile${isEmpty(p.taxCodeMissingReason) ? '' : ` (${text(p.taxCodeMissingReason)})`}`);
  w.record('persona', p, ['citizenship', 'nationalityGroup']);
  const street = [p.domicileStreet, p.domicileNumber].filter((v) => !isEmpty(v)).map(text).join(' ');
  const place = p.outsideMetro === 1 ? `${text(p.outsideMetroCity)} (fuori dalla Città metropolitana)` : [p.comuneName, p.districtName && `distretto ${text(p.districtName)}`].filter(Boolean).map(text).join(', ');
  const domicile = [street, place].filter(Boolean).join(', ');
  if (domicile) w.field('Domicilio', domicile);
  w.record('persona', p, ['phone', 'email']);
  w.field('Registrata il', shown(p.createdAt));
  if (!isEmpty(p.anonymisedAt)) w.field('Anonimizzata il', shown(p.anonymisedAt));
  for (const merged of copy.schedeUnite) w.field('Scheda unita a questa', `n. ${text(merged.id)}: ${text(merged.lastName)} ${text(merged.firstName)}`);

  w.subheading('Profilo');
  w.record('persona', p, ['educationIsced']);
  const languages = typeof p.languages === 'string' && p.languages.startsWith('[') ? (JSON.parse(p.languages) as string[]) : p.languages;
  if (!isEmpty(languages)) w.field(fieldLabel('languages'), Array.isArray(languages) ? languages.join(', ') : text(languages));
  w.record('persona', p, ['drivingLicence']);
  if (p.competenze.length > 0) w.field(fieldLabel('skills'), p.competenze.join(', '));
  if (p.esperienzeLavorative.length > 0) {
    w.field(fieldLabel('workExperiences'), '');
    w.lines(
      p.esperienzeLavorative.map((e) => {
        const period = [e.startDate && `dal ${shown(e.startDate)}`, e.endDate && `al ${shown(e.endDate)}`].filter(Boolean).join(' ');
        return [text(e.role), e.employer && `presso ${text(e.employer)}`, period, e.description && `— ${text(e.description)}`].filter(Boolean).join(' ');
      }),
    );
  }
}

function privacy(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Informativa privacy');
  const { firme, motivoMancanza } = copy.informativaPrivacy;
  if (firme.length === 0) w.none(`Nessuna informativa firmata risulta registrata.${motivoMancanza ? ` Motivo indicato: ${motivoMancanza}` : ''}`);
  w.lines(
    firme.map(
      (f) =>
        `Versione «${text(f.version)}» (in vigore dal ${shown(f.validFrom)}) firmata il ${shown(f.acknowledgedOn)}` +
        (f.recordedByName ? `, registrata da ${text(f.recordedByName)}` : ''),
    ),
  );
}

function historyLine(h: DataRow, labels: Record<string, string>): string {
  const day = shown(h.changedOn ?? h.changedAt);
  const status = labels[text(h.toStatus)] ?? text(h.toStatus);
  return [day, status, h.userName && `(${text(h.userName)})`, h.note && `— ${text(h.note)}`].filter(Boolean).join(' ');
}

function cases(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Prese in carico');
  if (copy.casi.length === 0) w.none('Nessuna presa in carico.');
  for (const c of copy.casi) {
    w.subheading(`Presa in carico n. ${text(c.id)} — ${CASE_STATUS_LABELS[c.status as CaseStatus] ?? text(c.status)}`);
    w.record('caso', c, ['channelName', 'referringOrgName', 'referringPoint', 'applicationDate', 'interviewScheduledOn', 'firstInterviewDate', 'referentName', 'outOfTargetReason', 'outcome', 'closedOn']);
    if (c.storicoStati.length > 0) {
      w.field('Cambi di stato', '');
      w.lines(c.storicoStati.map((h) => historyLine(h, CASE_STATUS_LABELS)));
    }
    if (c.mancatePresentazioni.length > 0) {
      w.field('Mancate presentazioni', '');
      w.lines(c.mancatePresentazioni.map((n) => [shown(n.scheduledOn), n.note && `— ${text(n.note)}`].filter(Boolean).join(' ')));
    }
  }
}

function assessments(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Valutazioni L.R. 14/2015');
  if (copy.valutazioni.length === 0) w.none('Nessuna valutazione.');
  for (const a of copy.valutazioni) {
    w.subheading(`Valutazione del ${shown(a.assessedOn)} (presa in carico n. ${text(a.caseId)})`);
    w.record('valutazione', a, ['totalPoints', 'band', 'assessorName', 'templateVersion', 'routing', 'notes']);
    if (a.risposte.length > 0) {
      w.field('Risposte', '');
      w.lines(a.risposte.map((r) => `${text(r.domanda)} — ${text(r.risposta)} (${text(r.punti)} ${r.punti === 1 ? 'punto' : 'punti'})`));
    }
  }
}

const INTERVENTION_FIELDS = [
  'instrumentName', 'companyName', 'status', 'startDate', 'endDate', 'contractType', 'hireKind', 'weeklyHours', 'tutorName', 'monthlyIndemnityCents', 'months',
  'inclusiveTraineeship', 'traineeCategory', 'courseName', 'providerName', 'courseHours', 'completed', 'certificate', 'businessIdea', 'grantCents', 'lender',
  'loanCents', 'repaymentStatus', 'projectName', 'projectRole', 'outcome', 'notes',
] as const;

function paths(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Percorsi');
  if (copy.percorsi.length === 0) w.none('Nessun percorso.');
  for (const i of copy.percorsi) {
    w.subheading(`Percorso n. ${text(i.id)}: ${text(i.instrumentName)}`);
    w.record('intervento', i, INTERVENTION_FIELDS.slice(1));
  }
}

function pacts(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Patti per il buon lavoro');
  if (copy.patti.length === 0) w.none('Nessun patto.');
  for (const p of copy.patti) {
    w.subheading(`Patto n. ${text(p.number)} con ${text(p.companyName)}`);
    w.record('patto', p, ['status', 'pactDate', 'pactPlace', 'signerName', 'signerRole', 'signedOn', 'archivedOn', 'cancelledReason']);
    if (p.storicoStati.length > 0) {
      w.field('Cambi di stato', '');
      w.lines(p.storicoStati.map((h) => historyLine(h, PACT_STATUS_LABELS as Record<PactStatus, string>)));
    }
  }
}

function money(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Impegni e liquidazioni');
  if (copy.impegni.length === 0) w.none('Nessun impegno di spesa a suo nome.');
  for (const c of copy.impegni) {
    w.subheading(`Impegno n. ${text(c.id)} del ${shown(c.committedOn)}`);
    w.record('impegno', c, ['kind', 'amountCents', 'description', 'fundName', 'year', 'lineName', 'actNumber']);
    const paid = copy.liquidazioni.filter((p) => p.commitmentId === c.id);
    if (paid.length > 0) {
      w.field('Liquidazioni', '');
      w.lines(paid.map((p) => `${shown(p.paidOn)} ${formatValue('liquidazione', 'kind', p.kind)} ${formatValue('liquidazione', 'amountCents', p.amountCents)} a ${text(p.payee)}`));
    }
  }
}

function documents(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Documenti');
  if (copy.documenti.length === 0) w.none('Nessun documento allegato.');
  else w.paragraph('I documenti sono elencati per nome; il loro contenuto si può chiedere a parte.', { ...BODY, color: MUTED });
  w.lines(
    copy.documenti.map(
      (d) => `${text(d.fileName)} (${text(d.mimeType)}), caricato il ${shown(d.uploadedAt)}${d.uploadedByName ? ` da ${text(d.uploadedByName)}` : ''}${d.note ? ` — ${text(d.note)}` : ''}`,
    ),
  );
}

function notes(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Note');
  if (copy.note.length === 0) w.none('Nessuna nota.');
  for (const n of copy.note) {
    w.subheading(`${shown(n.createdAt)}${n.userName ? ` · ${text(n.userName)}` : ''}`);
    w.paragraph(text(n.body));
  }
}

function accessLog(w: CopyWriter, copy: PersonDataCopy): void {
  w.heading('Accessi e modifiche');
  w.paragraph('Chi ha consultato, creato o modificato i dati della persona, dal più vecchio.', { ...BODY, color: MUTED });
  if (copy.registro.length === 0) w.none('Nessuna operazione registrata.');
  w.lines(
    copy.registro.map((r) => {
      const entity = text(r.entity);
      const who = text(r.userName ?? r.username);
      const what = changesText(auditChanges(entity, r.before === null ? null : JSON.stringify(r.before), r.after === null ? null : JSON.stringify(r.after)));
      const line = `${shown(r.at)} · ${who} · ${actionLabel(text(r.action))} · ${entityLabel(entity)} n. ${text(r.entityId)}`;
      // the changes in a line or two: every value is in dati.json
      return what ? `${line}: ${what.length > 240 ? `${what.slice(0, 240)}…` : what}` : line;
    }),
  );
}

function pageFurniture(flow: Flow, copy: PersonDataCopy): void {
  const regular = flow.font();
  const name = `${text(copy.persona.lastName)} ${text(copy.persona.firstName)}`;
  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    page.drawText(`Copia dei dati personali · ${name}`, { x: MARGIN.left, y: 30, size: 7.5, font: regular, color: MUTED });
    drawRight(page, regular, `Pagina ${i + 1} di ${total}`, A4.width - MARGIN.right, 30, 7.5, INK);
  });
}

/** The PDF of a copy of a person's data. */
export async function dataCopyPdf(copy: PersonDataCopy): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const embedded = await embedFonts(doc);
  const fonts = { regular: withGlyphCache(embedded.regular), bold: withGlyphCache(embedded.bold) };
  const name = `${text(copy.persona.lastName)} ${text(copy.persona.firstName)}`;
  doc.setTitle(`Copia dei dati personali – ${name}`);
  doc.setSubject('Artt. 15 e 20 del Regolamento (UE) 2016/679');
  doc.setAuthor('Insieme per il lavoro');
  doc.setCreator('IXL Desk');
  doc.setProducer('IXL Desk (pdf-lib)');
  doc.setLanguage('it-IT');
  doc.setCreationDate(new Date(copy.generataIl));
  doc.setModificationDate(new Date(copy.generataIl));
  const flow = new Flow(doc, fonts);
  const w = new CopyWriter(flow);
  cover(w, copy);
  personalData(w, copy);
  privacy(w, copy);
  cases(w, copy);
  assessments(w, copy);
  paths(w, copy);
  pacts(w, copy);
  money(w, copy);
  documents(w, copy);
  notes(w, copy);
  accessLog(w, copy);
  pageFurniture(flow, copy);
  return doc.save();
}
