import { z } from 'zod';
import { method, type InputRoles } from './define';
import type { JobStarted } from './jobs';
import { ANY_ROLE, CASE_COORDINATORS, CASE_WRITERS, DATA_COPY_ROLES, PERSONAL_DATA_ROLES, ROLE_LABELS } from './roles';
import { id, isoDate, noInput, optionalText, requiredText, version } from './common';
import type { CaseStatus } from '../domain/caseStatus';
import type { Band } from '../domain/bands';
import { caseOpeningFields, type CaseView } from './cases';
import type { AssessmentView } from './assessments';
import { CASE_STATUSES } from '../domain/caseStatus';
import { BANDS } from '../domain/bands';

/**
 * People (Persone): registration, duplicates, lists, the person page. Personal data (codice fiscale,
 * phone, email, address) come back as null to roles that may not see them (see canSeePersonalData);
 * `personalDataHidden` says so, so the UI can tell "hidden" from "missing".
 */

/** A past or current job; the end, when given, is not before the start. */
export const workExperienceInput = z
  .object({
    employer: optionalText(120),
    role: requiredText('Mansione', 120),
    startDate: isoDate.nullish().transform((v) => v ?? null),
    endDate: isoDate.nullish().transform((v) => v ?? null),
    description: optionalText(1000),
  })
  .refine((e) => !e.startDate || !e.endDate || e.endDate >= e.startDate, { message: 'La data di fine non può essere prima della data di inizio', path: ['endDate'] });

export const personInput = z.object({
  lastName: requiredText('Cognome', 80),
  firstName: requiredText('Nome', 80),
  sex: z.enum(['M', 'F'], { error: 'Indicare il sesso' }),
  birthDate: isoDate,
  /** Cadastral (Belfiore) code from the birth places list; or a free text for a place not in the list. */
  birthPlaceCode: z.string().regex(/^[A-Z]\d{3}$/, 'Luogo di nascita non valido').nullish().transform((v) => v ?? null),
  birthPlaceText: optionalText(120),
  /** Checked with the check letter and omocodia; lowercase and spaces tolerated. */
  taxCode: optionalText(20),
  taxCodeMissingReason: optionalText(200),
  citizenship: optionalText(80),
  nationalityGroup: z.enum(['IT', 'UE', 'EXTRA_UE']).nullish().transform((v) => v ?? null),
  /** ISTAT code of one of the 55 comuni, or null with outsideMetro for a domicile outside the area. */
  domicileIstat: z.string().regex(/^037\d{3}$/, 'Comune di domicilio non valido').nullish().transform((v) => v ?? null),
  domicileStreet: optionalText(120),
  domicileNumber: optionalText(20),
  outsideMetro: z.boolean().default(false),
  outsideMetroCity: optionalText(120),
  phone: optionalText(40),
  email: z.union([z.literal(''), z.email('Indirizzo email non valido')]).nullish().transform((v) => (v ? v.toLowerCase() : null)),
  educationIsced: z.number().int().min(0).max(8).nullish().transform((v) => v ?? null),
  languages: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  drivingLicence: optionalText(40),
  skills: z.array(z.string().trim().min(1).max(60)).max(40).default([]),
  workExperiences: z.array(workExperienceInput).max(30, 'Massimo 30 esperienze lavorative').default([]),
});
export type PersonInput = z.input<typeof personInput>;

/**
 * The privacy notice at registration (DOMAIN.md §11): the day the person signed it (the notice is the
 * one in force that day, unless privacyNoticeId names another), or else why it is missing.
 */
export const registrationPrivacyFields = {
  privacyAcknowledgedOn: isoDate.nullish().transform((v) => v ?? null),
  privacyNoticeId: id.nullish().transform((v) => v ?? null),
  privacyMissingReason: optionalText(200),
};
export type RegistrationPrivacy = z.input<z.ZodObject<typeof registrationPrivacyFields>>;

function checkRegistrationPrivacy(
  v: { privacyAcknowledgedOn: string | null; privacyNoticeId: number | null; privacyMissingReason: string | null },
  ctx: z.RefinementCtx,
): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.privacyAcknowledgedOn === null && v.privacyNoticeId !== null) issue('privacyAcknowledgedOn', 'Indicare la data in cui la persona ha firmato l’informativa');
  else if (v.privacyAcknowledgedOn === null && v.privacyMissingReason === null) {
    issue('privacyMissingReason', 'Informativa privacy: indicare la data in cui la persona l’ha firmata, oppure perché manca');
  } else if (v.privacyAcknowledgedOn !== null && v.privacyMissingReason !== null) {
    issue('privacyMissingReason', 'L’informativa risulta firmata: il motivo della mancanza non va indicato');
  }
}

export interface PersonSummary {
  id: number;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  taxCode: string | null;
  comune: string | null;
}

export interface DuplicateCandidate {
  person: PersonSummary;
  /** Italian reasons, e.g. "stessa data di nascita e nome simile", "stesso telefono". */
  reasons: string[];
  /** Whether the person has an open case, and who holds it: `heldBy` as the warnings say it (organisation and referent, else the channel). */
  openCase: { id: number; status: CaseStatus; heldBy: string | null; organisation: string | null; referent: string | null } | null;
}
export interface DuplicateCheck {
  /** A person with the same codice fiscale, in any form (plain or omocodic): open it instead of creating another. */
  sameTaxCode: PersonSummary | null;
  /** That person's open case and who holds it. */
  sameTaxCodeCase: DuplicateCandidate['openCase'];
  likely: DuplicateCandidate[];
}

/** One record of a pair of possible doubles, with its open case and who holds it. */
export type DuplicatePairPerson = PersonSummary & { openCase: DuplicateCandidate['openCase'] };
export interface DuplicatePairView {
  id: number;
  /** Italian reasons, as in DuplicateCandidate. */
  reasons: string[];
  foundAt: string;
  /** the older record first */
  first: DuplicatePairPerson;
  second: DuplicatePairPerson;
}
export interface DuplicatePairsPage {
  rows: DuplicatePairView[];
  total: number;
  /** The last search over the whole network, and who ran it. */
  lastSearch: { at: string; by: string } | null;
}

/** A merge that can still be undone (within 30 days of it): on the kept person's page. */
export interface MergeView {
  mergedId: number;
  lastName: string;
  firstName: string;
  mergedAt: string;
  mergedBy: string | null;
  /** Last day the merge can be undone, 'YYYY-MM-DD'. */
  undoUntil: string;
}

export interface WorkExperience {
  id: number;
  employer: string | null;
  role: string;
  startDate: string | null;
  endDate: string | null;
  description: string | null;
}

/** A version of the privacy notice the person signed, on a day. */
export interface PrivacyAcknowledgement {
  id: number;
  noticeId: number;
  version: string;
  acknowledgedOn: string;
  /** Who recorded it (null: loaded with the data or by the system). */
  recordedBy: string | null;
  recordedAt: string;
}

export interface PersonDetail {
  id: number;
  lastName: string;
  firstName: string;
  sex: 'M' | 'F';
  birthDate: string | null;
  birthPlaceCode: string | null;
  birthPlaceName: string | null;
  taxCode: string | null;
  taxCodeMissingReason: string | null;
  citizenship: string | null;
  nationalityGroup: 'IT' | 'UE' | 'EXTRA_UE' | null;
  domicileIstat: string | null;
  domicileComune: string | null;
  district: string | null;
  domicileStreet: string | null;
  domicileNumber: string | null;
  outsideMetro: boolean;
  outsideMetroCity: string | null;
  phone: string | null;
  email: string | null;
  educationIsced: number | null;
  languages: string[];
  drivingLicence: string | null;
  skills: string[];
  /** Newest first. Not personal identifiers: every role sees them. */
  workExperiences: WorkExperience[];
  /** The document that is the person's current CV (in PersonPage.documents). */
  cvDocumentId: number | null;
  /** The privacy notices the person signed, newest first; none: «Informativa non firmata». */
  privacyAcknowledgements: PrivacyAcknowledgement[];
  /** Why the person was registered without the signed notice; null once they sign. */
  privacyMissingReason: string | null;
  mergedIntoId: number | null;
  /** Set when the person was anonymised: only the fields the reports count are left (birth date = 1 January of the birth year). */
  anonymisedAt: string | null;
  /** Raised by every save: people.update sends back the one it read. */
  version: number;
  createdAt: string;
  updatedAt: string;
  personalDataHidden: boolean;
}


/** A note on the person's record: sensitive, read through people.notes.list (audited). */
export interface NoteView {
  id: number;
  caseId: number | null;
  body: string;
  createdAt: string;
  by: string | null;
}

export interface DocumentView {
  id: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string | null;
  note: string | null;
  /** The person's current CV. */
  isCv: boolean;
}

export type TimelineKind = 'stato' | 'valutazione' | 'percorso' | 'patto' | 'documento' | 'nota' | 'mancata_presentazione' | 'registrazione';
export interface TimelineEntry {
  kind: TimelineKind;
  /** 'YYYY-MM-DD' or ISO timestamp */
  at: string;
  title: string;
  detail: string | null;
  by: string | null;
  caseId: number | null;
}

export interface PersonPage {
  person: PersonDetail;
  cases: CaseView[];
  assessments: AssessmentView[];
  documents: DocumentView[];
  timeline: TimelineEntry[];
  /** Records merged into this one that can still be separated (people.unmerge). */
  merges: MergeView[];
}

export const SORTABLE_COLUMNS = ['name', 'birthDate', 'applicationDate', 'status', 'statusDate', 'comune'] as const;
export const peopleFilter = z
  .object({
    /** Surname prefix (or "surname first-name"), codice fiscale (or its prefix), or phone. */
    search: z.string().trim().max(80).default(''),
    statuses: z.array(z.enum(CASE_STATUSES)).default([]),
    bands: z.array(z.enum(BANDS)).default([]),
    channels: z.array(z.string().max(40)).default([]),
    districts: z.array(z.string().max(10)).default([]),
    referentUserId: id.nullish().transform((v) => v ?? null),
    appliedFrom: isoDate.nullish().transform((v) => v ?? null),
    appliedTo: isoDate.nullish().transform((v) => v ?? null),
    /** Cases without a first interview date (the Monday list). */
    withoutInterview: z.boolean().default(false),
    /** People who have not signed any privacy notice («Senza informativa»); anonymised people are left out. */
    withoutPrivacyNotice: z.boolean().default(false),
  })
  .strict();
export type PeopleFilter = z.input<typeof peopleFilter>;

export interface PersonListRow {
  id: number;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  taxCode: string | null;
  phone: string | null;
  comune: string | null;
  district: string | null;
  caseId: number | null;
  status: CaseStatus | null;
  statusDate: string | null;
  applicationDate: string | null;
  channelName: string | null;
  referentName: string | null;
  band: Band | null;
  /** The person was anonymised: the list shows «Anonimizzato». */
  anonymised: boolean;
  /** The person signed a privacy notice (any version). */
  privacySigned: boolean;
}
export interface PeoplePage {
  rows: PersonListRow[];
  total: number;
  personalDataHidden: boolean;
}

export interface SavedFilter {
  id: number;
  name: string;
  filter: PeopleFilter;
}


/** Ordering by birth date tells it (who is older than whom): only for the roles that see personal data. */
function orderingRoles(sort: { column: (typeof SORTABLE_COLUMNS)[number] } | undefined): InputRoles | null {
  if (sort?.column !== 'birthDate') return null;
  return { roles: PERSONAL_DATA_ROLES, message: (role) => `Il ruolo «${ROLE_LABELS[role]}» non vede la data di nascita: non può ordinare l’elenco per questo campo` };
}

export const peopleContract = {
  'people.checkDuplicates': method<DuplicateCheck>()({
    summary: 'Prima di salvare: persona con lo stesso codice fiscale e possibili doppioni (data di nascita e nome simile, stesso telefono o email).',
    input: z.object({
      taxCode: z.string().max(20).nullish(),
      lastName: z.string().max(80).default(''),
      firstName: z.string().max(80).default(''),
      birthDate: isoDate.nullish(),
      phone: z.string().max(40).nullish(),
      email: z.string().max(200).nullish(),
      excludeId: id.nullish(),
    }),
    roles: CASE_WRITERS,
  }),
  'people.create': method<{ created: boolean; personId: number }>()({
    summary:
      'Registra una persona senza aprire una presa in carico (dal modulo si usa people.register). ' +
      'Serve la data in cui ha firmato l’informativa privacy (quella in vigore quel giorno, se non se ne indica un’altra) oppure il motivo per cui manca. ' +
      'Se il codice fiscale esiste già non crea nulla e restituisce la persona esistente (created: false). ' +
      'I possibili doppioni vanno confermati come persone diverse in acknowledgedDuplicates.',
    input: personInput.extend({ acknowledgedDuplicates: z.array(id).default([]), ...registrationPrivacyFields }).superRefine(checkRegistrationPrivacy),
    roles: CASE_WRITERS,
  }),
  'people.register': method<{ created: boolean; personId: number; caseId: number | null }>()({
    summary:
      'Registra una persona e apre la sua presa in carico, in un’unica operazione: se una delle due non riesce non si scrive nulla. ' +
      'Serve la data in cui ha firmato l’informativa privacy (quella in vigore quel giorno, se non se ne indica un’altra) oppure il motivo per cui manca. ' +
      'Se il codice fiscale esiste già non crea nulla e restituisce la persona esistente (created: false, caseId: null). ' +
      'I possibili doppioni vanno confermati come persone diverse in acknowledgedDuplicates.',
    input: personInput
      .extend({ acknowledgedDuplicates: z.array(id).default([]), ...registrationPrivacyFields, ...caseOpeningFields })
      .superRefine(checkRegistrationPrivacy),
    roles: CASE_WRITERS,
  }),
  'people.update': method<PersonDetail>()({
    summary: 'Modifica i dati di una persona. version è quella letta con la scheda: se nel frattempo un altro utente l’ha modificata, rifiuta (CONFLICT, fields.version).',
    input: personInput.extend({ id, version }),
    roles: CASE_WRITERS,
  }),
  'people.get': method<PersonPage>()({ summary: 'La scheda di una persona: dati, casi, valutazioni, documenti e cronologia.', input: z.object({ id }).strict(), roles: ANY_ROLE }),
  'people.list': method<PeoplePage>()({
    summary: 'Elenco di persone e casi, paginato, ordinato e filtrato sul server.',
    input: z
      .object({
        filter: peopleFilter.prefault({}),
        sort: z.object({ column: z.enum(SORTABLE_COLUMNS), direction: z.enum(['asc', 'desc']) }).default({ column: 'applicationDate', direction: 'desc' }),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(10).max(200).default(50),
      })
      .strict(),
    roles: ANY_ROLE,
    rolesFor: (input) => orderingRoles(input.sort),
  }),
  'people.export': method<JobStarted>()({
    summary: 'Esporta in Excel l’elenco filtrato corrente, con le sole colonne che il ruolo può vedere.',
    input: z.object({ filter: peopleFilter.prefault({}), sort: z.object({ column: z.enum(SORTABLE_COLUMNS), direction: z.enum(['asc', 'desc']) }).optional() }).strict(),
    roles: ANY_ROLE,
    rolesFor: (input) => orderingRoles(input.sort),
  }),
  'people.merge': method<{ personId: number }>()({
    summary: 'Unisce due schede della stessa persona: casi, documenti e cronologia passano a quella conservata.',
    input: z.object({ keepId: id, mergeId: id }).strict().refine((v) => v.keepId !== v.mergeId, { message: 'Scegliere due persone diverse', path: ['mergeId'] }),
    roles: CASE_COORDINATORS,
  }),
  'people.unmerge': method<{ personId: number; restoredId: number }>()({
    summary:
      'Separa una scheda unita ad un’altra (entro 30 giorni dall’unione): le due schede tornano come erano prima, con i loro casi, note, documenti e valutazioni. ' +
      'Rifiuta, dicendo perché, dopo 30 giorni o se nel frattempo le schede sono cambiate in modo che non si possano separare esattamente.',
    input: z.object({ mergedId: id }).strict(),
    roles: CASE_COORDINATORS,
  }),
  'people.duplicates.list': method<DuplicatePairsPage>()({
    summary: 'Possibili doppioni in tutta la rete: coppie di schede con il motivo, ancora da decidere, paginate.',
    input: z.object({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(10).max(200).default(50) }).strict(),
    roles: CASE_COORDINATORS,
  }),
  'people.duplicates.search': method<{ pairs: number; added: number }>()({
    summary: 'Cerca i possibili doppioni in tutta la rete e aggiunge all’elenco le coppie nuove (quelle segnate «non è un doppione» non tornano).',
    input: noInput,
    roles: CASE_COORDINATORS,
  }),
  'people.duplicates.dismiss': method<{ ok: true }>()({
    summary: '«Non è un doppione»: la coppia esce dall’elenco e non vi torna.',
    input: z.object({ id, note: optionalText(500) }).strict(),
    roles: CASE_COORDINATORS,
  }),
  'people.savedFilters.list': method<SavedFilter[]>()({ summary: 'I filtri salvati dell’utente.', input: noInput, roles: ANY_ROLE }),
  'people.savedFilters.save': method<SavedFilter>()({
    summary: 'Salva (o sostituisce, con lo stesso nome) un filtro dell’elenco persone.',
    input: z.object({ name: requiredText('Nome del filtro', 60), filter: peopleFilter }).strict(),
    roles: ANY_ROLE,
  }),
  'people.savedFilters.delete': method<{ ok: true }>()({ summary: 'Elimina un filtro salvato.', input: z.object({ id }).strict(), roles: ANY_ROLE }),
  'people.documents.upload': method<DocumentView>()({
    summary: 'Allega un documento (CV, copia firmata…) a una persona; si conserva con la sua impronta SHA-256.',
    input: z
      .object({
        personId: id,
        fileName: requiredText('Nome del file', 200),
        mimeType: z.string().max(100).default('application/octet-stream'),
        contentBase64: z.string().min(1, 'File vuoto').max(28_000_000, 'File troppo grande (massimo 20 MB)'),
        note: optionalText(500),
        isCv: z.boolean().default(false),
      })
      .strict(),
    roles: CASE_WRITERS,
  }),
  'people.documents.download': method<{ fileName: string; mimeType: string; contentBase64: string }>()({
    summary: 'Scarica un documento allegato.',
    input: z.object({ id }).strict(),
    roles: PERSONAL_DATA_ROLES,
  }),
  'people.notes.add': method<{ id: number }>()({
    summary: 'Aggiunge una nota alla scheda della persona.',
    input: z.object({ personId: id, caseId: id.nullish(), body: requiredText('Nota', 4000) }).strict(),
    roles: CASE_WRITERS,
  }),
  'people.notes.list': method<NoteView[]>()({
    summary: 'Le note della persona, dalla più recente: la lettura resta nel registro modifiche.',
    input: z.object({ personId: id }).strict(),
    roles: PERSONAL_DATA_ROLES,
  }),
  'people.privacy.acknowledge': method<PrivacyAcknowledgement>()({
    summary: 'Registra che la persona ha firmato l’informativa privacy in un giorno: quella in vigore quel giorno, se non se ne indica un’altra.',
    input: z.object({ personId: id, acknowledgedOn: isoDate, noticeId: id.nullish().transform((v) => v ?? null) }).strict(),
    roles: CASE_WRITERS,
  }),
  'people.dataCopy': method<JobStarted>()({
    summary:
      'Copia dei dati di una persona (art. 15 e 20 del Regolamento UE 2016/679): un archivio .zip con un PDF da consegnarle e dati.json con tutto ciò che il database contiene su di lei. Resta nel registro modifiche.',
    input: z.object({ personId: id }).strict(),
    roles: DATA_COPY_ROLES,
  }),
};
