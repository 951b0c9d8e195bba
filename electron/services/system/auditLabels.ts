import type { AuditChange } from '../../contract/system';
import { COMMITMENT_KIND_LABELS, PAYMENT_KIND_LABELS } from '../../contract/budget';
import { NEED_STATUS_LABELS, SIZE_BAND_LABELS } from '../../contract/companies';
import { ROLE_LABELS } from '../../contract/roles';
import { BAND_LABELS } from '../../domain/bands';
import { CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, OUT_OF_TARGET_LABELS } from '../../domain/caseStatus';
import { formatEuro } from '../../domain/money';
import { PACT_MODE_LABELS, PACT_STATUS_LABELS } from '../../domain/pacts';
import { CONTRACT_TYPE_LABELS, HIRE_KIND_LABELS, INSTRUMENT_LABELS, INTERVENTION_STATUS_LABELS, REPAYMENT_STATUS_LABELS, TRAINEE_CATEGORY_LABELS } from '../../domain/paths';

/**
 * The one place that turns the audit log into Italian: the names of the entities and actions the
 * services write (services/context.ts `audit`), the field names of their before/after JSON (camelCase
 * from the services, snake_case from table columns: both are looked up as camelCase), and how a value
 * reads (amounts in euro, dates dd/mm/yyyy, statuses by their label). The viewer, its filters and the
 * Excel export all go through it. A key with no label reads as its words ("seatCity" → "Seat city"),
 * so a field added later is still shown, only less nicely, until it gets its line here.
 */

export const ENTITY_LABELS: Record<string, string> = {
  persona: 'Persona',
  persone: 'Elenco persone',
  caso: 'Presa in carico',
  nota: 'Nota',
  documento: 'Documento',
  filtro_salvato: 'Filtro salvato',
  valutazione: 'Valutazione L.R. 14',
  questionario: 'Questionario L.R. 14',
  azienda: 'Azienda',
  referente_azienda: 'Referente aziendale',
  periodo_board: 'Periodo Board',
  fabbisogno: 'Fabbisogno',
  intervento: 'Percorso',
  patto: 'Patto per il buon lavoro',
  fondo: 'Fondo',
  assegnazioni: 'Assegnazioni del fondo',
  impegno: 'Impegno',
  liquidazione: 'Liquidazione',
  movimenti_bilancio: 'Movimenti di bilancio',
  quadro_bilancio: 'Quadro del bilancio',
  report: 'Report',
  utente: 'Utente',
  impostazioni: 'Impostazioni',
  database: 'Database',
  backup: 'Backup',
  registro: 'Registro modifiche',
  informativa: 'Informativa privacy',
};

export const ACTION_LABELS: Record<string, string> = {
  crea: 'Creazione',
  modifica: 'Modifica',
  elimina: 'Eliminazione',
  cambia_stato: 'Cambio di stato',
  stato: 'Cambio di stato',
  mancata_presentazione: 'Mancata presentazione',
  unisci: 'Unione di schede',
  proponi: 'Proposta',
  carica: 'Caricamento',
  scarica: 'Scaricamento',
  scarica_pdf: 'Stampa PDF',
  scarica_copia_firmata: 'Scaricamento copia firmata',
  stampa: 'Stampa',
  firma: 'Firma',
  archivia: 'Archiviazione',
  annulla: 'Annullamento',
  esporta: 'Esportazione',
  assegna: 'Assegnazione',
  impegno: 'Impegno',
  impegno_in_deroga: 'Impegno in deroga',
  riduzione: 'Riduzione',
  riduzione_in_deroga: 'Riduzione in deroga',
  annullamento: 'Annullamento',
  annullamento_in_deroga: 'Annullamento in deroga',
  rettifica: 'Rettifica',
  rettifica_in_deroga: 'Rettifica in deroga',
  liquidazione: 'Liquidazione',
  liquidazione_in_deroga: 'Liquidazione in deroga',
  storno: 'Storno',
  storno_in_deroga: 'Storno in deroga',
  accesso: 'Accesso',
  accesso_fallito: 'Accesso non riuscito',
  accesso_rifiutato: 'Accesso rifiutato',
  sblocca: 'Sblocco',
  cambia_password: 'Cambio password',
  backup: 'Backup',
  copia: 'Copia del backup',
  ripristino: 'Ripristino',
  imposta_passphrase: 'Passphrase impostata',
  cambia_passphrase: 'Passphrase cambiata',
  rimuovi_passphrase: 'Passphrase rimossa',
  seed: 'Dati dimostrativi',
  arrotondamento: 'Arrotondamento',
  // reads of sensitive data and the privacy notice (DOMAIN.md §11)
  consulta: 'Consultazione',
  informativa: 'Firma dell’informativa',
  copia_dati: 'Copia dei dati (artt. 15 e 20 GDPR)',
};

/** Field names, by the camelCase form of the key. */
export const FIELD_LABELS: Record<string, string> = {
  // people
  lastName: 'Cognome',
  surname: 'Cognome',
  firstName: 'Nome',
  sex: 'Sesso',
  birthDate: 'Data di nascita',
  birthPlaceCode: 'Luogo di nascita (codice)',
  birthPlaceText: 'Luogo di nascita',
  taxCode: 'Codice fiscale',
  taxCodeMissingReason: 'Motivo del codice fiscale mancante',
  citizenship: 'Cittadinanza',
  nationalityGroup: 'Nazionalità',
  domicileIstat: 'Comune di domicilio (ISTAT)',
  domicileStreet: 'Via del domicilio',
  domicileNumber: 'Numero civico',
  outsideMetro: 'Domicilio fuori area metropolitana',
  outsideMetroCity: 'Comune fuori area',
  phone: 'Telefono',
  email: 'Email',
  educationIsced: 'Titolo di studio (ISCED)',
  languages: 'Lingue',
  drivingLicence: 'Patente',
  skills: 'Competenze',
  workExperiences: 'Esperienze lavorative',
  privacyAcceptedOn: 'Informativa privacy accettata il',
  privacyVersion: 'Versione dell’informativa',
  privacyAcknowledgedOn: 'Informativa firmata il',
  privacyMissingReason: 'Motivo dell’informativa mancante',
  acknowledgedOn: 'Firmata il',
  noticeId: 'Informativa (n.)',
  validFrom: 'In vigore dal',
  text: 'Testo',
  confirmedDifferentFrom: 'Confermata diversa dalle schede',
  keepId: 'Scheda conservata',
  mergeId: 'Scheda unita',
  moved: 'Elementi spostati',
  filledFields: 'Campi completati',
  personId: 'Persona (n.)',
  personName: 'Persona',
  // cases
  channelCode: 'Canale',
  channelName: 'Canale',
  referringOrgId: 'Ente inviante (n.)',
  referringOrgName: 'Ente inviante',
  referringPoint: 'Punto di invio',
  applicationDate: 'Data della domanda',
  interviewScheduledOn: 'Colloquio fissato il',
  firstInterviewDate: 'Data del primo colloquio',
  referentUserId: 'Referente (n.)',
  referentName: 'Referente',
  status: 'Stato',
  statusDate: 'Data dello stato',
  outOfTargetReason: 'Motivo fuori target',
  outcome: 'Esito',
  closedOn: 'Chiuso il',
  noShowCount: 'Mancate presentazioni',
  scheduledOn: 'Appuntamento del',
  caseId: 'Presa in carico (n.)',
  caseStatus: 'Stato della presa in carico',
  note: 'Nota',
  length: 'Lunghezza (caratteri)',
  band: 'Fascia',
  total: 'Punteggio',
  score: 'Punteggio',
  assessedOn: 'Data della valutazione',
  totalPoints: 'Punteggio totale',
  assessorName: 'Valutatore',
  templateVersion: 'Versione del questionario',
  routing: 'Indirizzamento',
  // documents, filters, questionnaires
  fileName: 'Nome del file',
  mimeType: 'Tipo di file',
  sizeBytes: 'Dimensione (byte)',
  sha256: 'Impronta SHA-256',
  isCv: 'Curriculum',
  ownerType: 'Allegato a',
  ownerId: 'Allegato a (n.)',
  attachmentId: 'Allegato (n.)',
  name: 'Nome',
  filter: 'Filtro',
  code: 'Codice',
  version: 'Versione',
  title: 'Titolo',
  items: 'Domande',
  rows: 'Righe',
  personalData: 'Con dati personali',
  records: 'Dati nella copia',
  accessRows: 'Accessi e modifiche nella copia',
  // companies
  companyId: 'Azienda (n.)',
  companyName: 'Azienda',
  vatNumber: 'Partita IVA',
  legalForm: 'Forma giuridica',
  atecoSection: 'Settore ATECO',
  seatCity: 'Comune della sede',
  seatIstat: 'Comune della sede (ISTAT)',
  seatStreet: 'Indirizzo della sede',
  sizeBand: 'Dimensione',
  employerOrgId: 'Associazione datoriale (n.)',
  legalRepresentative: 'Legale rappresentante',
  website: 'Sito web',
  notes: 'Note',
  boardSince: 'Nel Board dal',
  since: 'Dal',
  until: 'Al',
  role: 'Ruolo',
  positions: 'Posti',
  instrumentCode: 'Strumento',
  instrumentName: 'Strumento',
  periodFrom: 'Periodo dal',
  periodTo: 'Periodo al',
  requirements: 'Requisiti',
  districtCode: 'Distretto',
  needId: 'Fabbisogno (n.)',
  needRole: 'Mansione del fabbisogno',
  // interventions
  startDate: 'Data di inizio',
  endDate: 'Data di fine',
  contractType: 'Tipo di contratto',
  hireKind: 'Tipo di assunzione',
  weeklyHours: 'Ore settimanali',
  tutorName: 'Tutor',
  monthlyIndemnityCents: 'Indennità mensile',
  months: 'Mesi',
  inclusiveTraineeship: 'Tirocinio inclusivo',
  traineeCategory: 'Categoria del tirocinante',
  courseName: 'Corso',
  providerOrgId: 'Ente di formazione (n.)',
  providerName: 'Ente di formazione',
  courseHours: 'Ore del corso',
  completed: 'Completato',
  certificate: 'Attestato',
  businessIdea: 'Idea d’impresa',
  grantCents: 'Contributo',
  lender: 'Finanziatore',
  loanCents: 'Prestito',
  repaymentStatus: 'Stato del rimborso',
  projectName: 'Progetto',
  projectRole: 'Ruolo nel progetto',
  daysFromFirstInterview: 'Giorni dal primo colloquio',
  pacts: 'Patti',
  interventionId: 'Percorso (n.)',
  createdAt: 'Creato il',
  updatedAt: 'Modificato il',
  // pacts
  number: 'Numero',
  modes: 'Modalità',
  modeAltroText: 'Altra modalità',
  signerName: 'Firmatario',
  signerRole: 'Ruolo del firmatario',
  pactDate: 'Data del patto',
  pactPlace: 'Luogo del patto',
  signedOn: 'Firmato il',
  archivedOn: 'Archiviato il',
  cancelledReason: 'Motivo dell’annullamento',
  reason: 'Motivo',
  // budget
  amountCents: 'Importo',
  netCents: 'Importo netto',
  paidCents: 'Liquidato',
  allocationId: 'Assegnazione (n.)',
  committedOn: 'Data dell’impegno',
  paidOn: 'Data della liquidazione',
  actNumber: 'Numero dell’atto',
  description: 'Descrizione',
  payee: 'Beneficiario',
  documentNumber: 'Numero del documento',
  commitmentId: 'Impegno (n.)',
  kind: 'Tipo',
  year: 'Anno',
  lineCode: 'Voce di spesa',
  lineName: 'Voce di spesa',
  fundName: 'Fondo',
  overrideReason: 'Motivo della deroga',
  override: 'Deroga',
  left: 'Disponibile',
  startYear: 'Anno di inizio',
  endYear: 'Anno di fine',
  // users and system
  username: 'Nome utente',
  fullName: 'Nome e cognome',
  organisationId: 'Ente (n.)',
  active: 'Attivo',
  password: 'Password',
  host: 'Postazione',
  failures: 'Tentativi non riusciti di seguito',
  waitSeconds: 'Attesa (secondi)',
  locked: 'Bloccato',
  lockedAt: 'Bloccato il',
  backupKeep: 'Backup da conservare',
  databaseAtNextStart: 'Database al prossimo avvio',
  passwordSaved: 'Password salvata (cifrata)',
  bandFragileAbove: 'Soglia fragile (oltre)',
  bandStrongBelow: 'Soglia profilo forte (sotto)',
  reasonCode: 'Motivo',
  restoredFrom: 'Ripristinato da',
  safetyCopy: 'Copia di sicurezza',
  encrypted: 'Cifrato',
  id: 'Numero',
  value: 'Valore',
};

/** Values that have a label, by the camelCase field name; `status` depends on the entity. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  sex: { M: 'Maschio', F: 'Femmina' },
  nationalityGroup: { IT: 'Italiana', UE: 'Unione europea', EXTRA_UE: 'Extra UE' },
  outOfTargetReason: OUT_OF_TARGET_LABELS,
  caseStatus: CASE_STATUS_LABELS,
  instrumentCode: INSTRUMENT_LABELS,
  contractType: CONTRACT_TYPE_LABELS,
  hireKind: HIRE_KIND_LABELS,
  repaymentStatus: REPAYMENT_STATUS_LABELS,
  traineeCategory: TRAINEE_CATEGORY_LABELS,
  sizeBand: SIZE_BAND_LABELS,
  modes: PACT_MODE_LABELS,
  role: ROLE_LABELS,
  band: Object.fromEntries(Object.entries(BAND_LABELS).map(([k, v]) => [k, v.label])),
  kind: { ...COMMITMENT_KIND_LABELS, ...PAYMENT_KIND_LABELS },
};
const STATUS_BY_ENTITY: Record<string, Record<string, string>> = {
  caso: CASE_STATUS_LABELS,
  intervento: INTERVENTION_STATUS_LABELS,
  patto: PACT_STATUS_LABELS,
  fabbisogno: NEED_STATUS_LABELS,
};
const OUTCOME_BY_ENTITY: Record<string, Record<string, string>> = { caso: CASE_OUTCOME_LABELS };

export const entityLabel = (entity: string) => ENTITY_LABELS[entity] ?? words(entity);
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? words(action);

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** "seatCity" / "seat_city" → "Seat city": the fallback for a key without a label. */
function words(key: string): string {
  const text = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The Italian name of a before/after key (`surname` → Cognome, `amount_cents` → Importo). */
export function fieldLabel(key: string): string {
  return FIELD_LABELS[camel(key)] ?? words(key);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value as it reads in Italian, for the field `key` of `entity`. */
export function formatValue(entity: string, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const field = camel(key);
  if (typeof value === 'boolean') return value ? 'Sì' : 'No';
  if (typeof value === 'number' && /Cents$/.test(field) && Number.isSafeInteger(value)) return formatEuro(value);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => formatValue(entity, key, v)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => !(v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || v === false))
      .map(([k, v]) => `${fieldLabel(k)}: ${formatValue(entity, k, v)}`)
      .join('; ') || '—';
  }
  const text = String(value);
  const labels = field === 'status' ? STATUS_BY_ENTITY[entity] : field === 'outcome' ? OUTCOME_BY_ENTITY[entity] : VALUE_LABELS[field];
  if (labels?.[text]) return labels[text];
  const date = ISO_DATE.exec(text);
  if (date) return `${date[3]}/${date[2]}/${date[1]}`;
  if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) {
    // an instant, shown in the office's time
    const t = new Date(text);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(t.getDate())}/${pad(t.getMonth() + 1)}/${t.getFullYear()} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
  }
  return text;
}

function parse(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The difference between an audit row's before and after, field by field, in Italian: unchanged
 * fields left out; a field only after (or empty before) is `aggiunto`, only before `rimosso`, else
 * `modificato`. A before or after that is not an object (a list, a value) is one field, «Valore».
 */
export function auditChanges(entity: string, beforeJson: string | null, afterJson: string | null): AuditChange[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const b: Record<string, unknown> = isRecord(before) ? before : before === undefined ? {} : { value: before };
  const a: Record<string, unknown> = isRecord(after) ? after : after === undefined ? {} : { value: after };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const was = b[key];
    const is = a[key];
    if (JSON.stringify(was ?? null) === JSON.stringify(is ?? null)) continue;
    if (isEmpty(was) && isEmpty(is)) continue;
    const kind = isEmpty(was) ? 'aggiunto' : isEmpty(is) ? 'rimosso' : 'modificato';
    changes.push({
      field: fieldLabel(key),
      kind,
      before: kind === 'aggiunto' ? null : formatValue(entity, key, was),
      after: kind === 'rimosso' ? null : formatValue(entity, key, is),
    });
  }
  return changes;
}

/** The changes as one line of text (the Excel export): «Cognome: Rossi → Bianchi; Telefono: aggiunto 051 …». */
export function changesText(changes: readonly AuditChange[]): string {
  return changes
    .map((c) => (c.kind === 'aggiunto' ? `${c.field}: ${c.after ?? ''}` : c.kind === 'rimosso' ? `${c.field}: rimosso (era ${c.before ?? ''})` : `${c.field}: ${c.before ?? ''} → ${c.after ?? ''}`))
    .join('; ');
}
