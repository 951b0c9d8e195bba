import { z } from 'zod';
import { method } from './define';
import { ADMIN_ONLY, ANY_ROLE } from './roles';
import { id, isoDate, noInput, requiredText } from './common';
import type { JobStarted } from './jobs';

export interface ReferenceData {
  comuni: { istatCode: string; name: string; districtCode: string }[];
  districts: { code: string; name: string }[];
  birthPlaces: { code: string; name: string; province: string | null; kind: 'comune' | 'estero'; nationalityGroup: 'IT' | 'UE' | 'EXTRA_UE' | null }[];
  channels: { code: string; name: string }[];
  organisations: { id: number; code: string; name: string; kind: string }[];
  instruments: { code: string; name: string }[];
  atecoSections: { code: string; name: string }[];
  /** Active users who can be a case's referent. */
  referents: { id: number; fullName: string; role: string }[];
  /** Skills already used, most frequent first, for suggestions. */
  skills: string[];
}

export interface BackupInfo {
  fileName: string;
  sizeBytes: number;
  createdAt: string;
}
export interface RestoreResult {
  restoredFrom: string;
  safetyCopy: string;
}
export interface Settings {
  backupKeep: number;
  bandFragileAbove: number;
  bandStrongBelow: number;
  /** Years a person's data is kept after the close of their last case, then anonymised (Impostazioni → Conservazione dei dati). */
  retentionYears: number;
}
export interface AuditRow {
  id: number;
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
}

/** One field of an audit row's before/after, in Italian (electron/services/system/auditLabels.ts). */
export interface AuditChange {
  /** The field's Italian name («Cognome», «Importo»). */
  field: string;
  kind: 'aggiunto' | 'rimosso' | 'modificato';
  /** The value as it reads (euro, dd/mm/yyyy, status labels); null when added. */
  before: string | null;
  /** null when removed. */
  after: string | null;
}
export interface AuditListRow extends AuditRow {
  userFullName: string | null;
  actionLabel: string;
  entityLabel: string;
  /** Only the fields that changed. */
  changes: AuditChange[];
}
export interface AuditPage {
  rows: AuditListRow[];
  total: number;
}
export interface AuditOptions {
  users: { username: string; fullName: string }[];
  entities: { value: string; label: string }[];
  actions: { value: string; label: string }[];
}

/**
 * The audit viewer's filter: user (user name, «sistema» for the command line), entity and record,
 * action, and the days from/to ('YYYY-MM-DD', both included, in the office's calendar). A record
 * number means something only within an entity: it needs the entity.
 */
export const auditFilter = z
  .object({
    username: z.string().trim().max(80).nullish().transform((v) => v || null),
    entity: z.string().trim().max(40).nullish().transform((v) => v || null),
    entityId: z.string().trim().max(40).nullish().transform((v) => v || null),
    action: z.string().trim().max(40).nullish().transform((v) => v || null),
    from: isoDate.nullish().transform((v) => v ?? null),
    to: isoDate.nullish().transform((v) => v ?? null),
  })
  .strict()
  .refine((f) => !f.entityId || f.entity, { message: 'Per cercare un numero di record scegliere prima l’oggetto', path: ['entityId'] })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'La data iniziale è dopo la data finale', path: ['to'] });
export type AuditFilter = z.input<typeof auditFilter>;

/** The database in use: the desk's own file or the shared server, and whether the server is reachable. */
export interface DatabaseInfo {
  engine: 'sqlite' | 'postgres';
  /** Where it is (the file, or the server without its password): administrators only, null for the others. */
  location: string | null;
  /** 'local' on SQLite; on PostgreSQL whether this host hears the server now. */
  link: 'local' | 'connected' | 'disconnected';
}

export interface BackupStatus {
  /** A passphrase is set: copies saved outside the app's folder are encrypted with it. */
  passphraseSet: boolean;
}

/** A backup passphrase: long enough to resist guessing (the file can be attacked offline). */
const passphrase = z.string().min(1, 'Inserire la passphrase').max(200, 'Passphrase troppo lunga');
const newPassphrase = z.string().min(12, 'La passphrase deve avere almeno 12 caratteri').max(200, 'Passphrase troppo lunga');
/** Someone whose data the retention rule would anonymise: the name every role sees, and when their last case closed. */
export interface AnonymisationCandidate {
  personId: number;
  lastName: string;
  firstName: string;
  /** The close date of the last case; null for a person registered without any case (counted from the registration). */
  lastClosedOn: string | null;
  registeredOn: string;
  cases: number;
}
export interface AnonymisationPreview {
  retentionYears: number;
  /** People whose last case closed on or before this day (and with none open) are anonymised. */
  cutoff: string;
  total: number;
  rows: AnonymisationCandidate[];
}
export interface AnonymisationRun {
  /** The backup taken before the first person was touched. */
  backup: string;
  anonymised: number;
  /** Still to do after this call (the interface calls again, passing the backup, until 0). */
  remaining: number;
}
/** The word typed in the confirmation dialog. */
export const ANONYMISATION_CONFIRMATION = 'ANONIMIZZA';
const confirmation = z.literal(ANONYMISATION_CONFIRMATION, { error: `Per confermare scrivere ${ANONYMISATION_CONFIRMATION}` });

/** A version of the privacy notice (Impostazioni → Informativa privacy). */
export interface PrivacyNotice {
  id: number;
  version: string;
  text: string;
  /** 'YYYY-MM-DD': in force from this day until the next version's. */
  validFrom: string;
  /** In force today, taking effect later, or replaced by a later version. */
  status: 'in_vigore' | 'futura' | 'sostituita';
  createdAt: string;
  createdBy: string | null;
  /** How many signatures of this version are recorded. */
  acknowledgements: number;
}

const backupFileName = z.string().regex(/^[\w.-]+\.sqlite$/, 'Nome del file di backup non valido');

export const systemContract = {
  'system.reference': method<ReferenceData>()({ summary: 'Dati di riferimento per i moduli: comuni, distretti, luoghi di nascita, canali, enti, referenti, competenze.', input: noInput, roles: ANY_ROLE }),
  'system.database': method<DatabaseInfo>()({ summary: 'Il database in uso: motore, posizione (solo amministratori) e stato della connessione al server condiviso.', input: noInput, roles: ANY_ROLE }),
  'system.settings.get': method<Settings>()({ summary: 'Impostazioni correnti.', input: noInput, roles: ANY_ROLE }),
  'system.settings.update': method<Settings>()({
    summary: 'Modifica le impostazioni.',
    input: z
      .object({
        backupKeep: z.number().int().min(1, 'Conservare almeno 1 backup').max(365, 'Al massimo 365 backup').optional(),
        bandFragileAbove: z.number().int().min(1).max(200).optional(),
        bandStrongBelow: z.number().int().min(0).max(200).optional(),
        retentionYears: z.number({ error: 'Indicare gli anni di conservazione' }).int('Un numero intero di anni').min(1, 'Conservare i dati almeno 1 anno').max(50, 'Al massimo 50 anni').optional(),
      })
      .strict(),
    roles: ADMIN_ONLY,
  }),
  'system.backup.list': method<BackupInfo[]>()({ summary: 'Backup disponibili, dal più recente.', input: noInput, roles: ADMIN_ONLY }),
  'system.backup.now': method<BackupInfo>()({ summary: 'Esegue subito un backup del database.', input: noInput, roles: ADMIN_ONLY }),
  'system.backup.restore': method<RestoreResult>()({
    summary: 'Ripristina il database da un backup dell’elenco o da un file caricato; verifica prima l’integrità e conserva una copia del database sostituito.',
    input: z.union([
      z.object({ fileName: backupFileName }).strict(),
      z.object({ uploadName: z.string().min(1).max(200), contentBase64: z.string().min(1, 'File vuoto'), passphrase: passphrase.optional() }).strict(),
    ]),
    roles: ADMIN_ONLY,
  }),
  'system.backup.status': method<BackupStatus>()({ summary: 'Se è impostata la passphrase dei backup.', input: noInput, roles: ADMIN_ONLY }),
  'system.backup.setPassphrase': method<BackupStatus>()({
    summary: 'Imposta o cambia la passphrase con cui si cifrano le copie dei backup salvate fuori dall’applicazione; per cambiarla serve quella attuale. Si conserva solo un verificatore (scrypt), mai la passphrase.',
    input: z.object({ current: passphrase.optional(), next: newPassphrase }).strict(),
    roles: ADMIN_ONLY,
  }),
  'system.backup.removePassphrase': method<BackupStatus>()({
    summary: 'Rimuove la passphrase dei backup (serve quella attuale): le copie successive non saranno cifrate.',
    input: z.object({ current: passphrase }).strict(),
    roles: ADMIN_ONLY,
  }),
  'system.backup.saveCopy': method<JobStarted>()({
    summary: 'Salva una copia del database fuori dall’applicazione (scaricamento, o dove l’utente sceglie): cifrata con AES-256-GCM se è impostata una passphrase, che va indicata.',
    input: z.object({ passphrase: passphrase.optional() }).strict(),
    roles: ADMIN_ONLY,
  }),
  'system.anonymisation.preview': method<AnonymisationPreview>()({
    summary: 'Chi verrebbe anonimizzato oggi per la scadenza del periodo di conservazione: numero e elenco paginato con la data di chiusura dell’ultimo caso.',
    input: z.object({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(5).max(200).default(20) }).strict(),
    roles: ADMIN_ONLY,
  }),
  'system.anonymisation.run': method<AnonymisationRun>()({
    summary:
      'Anonimizza le persone oltre il periodo di conservazione, senza casi aperti: prima un backup, poi a blocchi (una transazione e le righe di registro per blocco). ' +
      'Senza backupFileName esegue il backup; le chiamate successive lo indicano per proseguire. Irreversibile.',
    input: z
      .object({
        confirm: confirmation,
        batchSize: z.number().int().min(1).max(5000).default(500),
        backupFileName: backupFileName.optional(),
      })
      .strict(),
    roles: ADMIN_ONLY,
  }),
  'system.anonymisation.person': method<{ backup: string; personId: number; code: string }>()({
    summary: 'Anonimizza subito una persona su richiesta valida (ad esempio una richiesta di cancellazione GDPR), con il motivo; prima un backup. Irreversibile.',
    input: z.object({ personId: id, reason: requiredText('Motivo', 500), confirm: confirmation }).strict(),
    roles: ADMIN_ONLY,
  }),
  'system.privacyNotices.list': method<PrivacyNotice[]>()({
    summary: 'Le versioni dell’informativa privacy, dalla più recente, con la data da cui valgono e quante firme ciascuna ha.',
    input: noInput,
    roles: ANY_ROLE,
  }),
  'system.privacyNotices.create': method<PrivacyNotice>()({
    summary: 'Aggiunge una nuova versione dell’informativa privacy, in vigore da un giorno successivo all’ultima; le versioni non si modificano.',
    input: z
      .object({ version: requiredText('Versione', 40), validFrom: isoDate, text: requiredText('Testo dell’informativa', 20_000) })
      .strict(),
    roles: ADMIN_ONLY,
  }),
  'system.audit.recent': method<AuditRow[]>()({
    summary: 'Ultime operazioni registrate nel registro delle modifiche.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    roles: ADMIN_ONLY,
  }),
  // Administrators only: the log mixes every area — personal data, money, user accounts and logins,
  // backups — while each role sees only its part elsewhere (a person's history is on the person page).
  'system.audit.list': method<AuditPage>()({
    summary: 'Registro delle modifiche: pagina filtrata per utente, oggetto e numero, operazione e periodo, dalla più recente, con le differenze in italiano.',
    input: z
      .object({
        filter: auditFilter.prefault({}),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(10).max(200).default(50),
      })
      .strict(),
    roles: ADMIN_ONLY,
  }),
  'system.audit.options': method<AuditOptions>()({ summary: 'Utenti, oggetti e operazioni per i filtri del registro.', input: noInput, roles: ADMIN_ONLY }),
  'system.audit.export': method<JobStarted>()({
    summary: 'Esporta in Excel le righe del registro con i filtri correnti (l’esportazione stessa è registrata).',
    input: z.object({ filter: auditFilter.prefault({}) }).strict(),
    roles: ADMIN_ONLY,
  }),
};
