import { z } from 'zod';
import { method } from './define';
import { ANY_ROLE, CASE_WRITERS, PERSONAL_DATA_ROLES } from './roles';
import { id, isoDate, noInput, requiredText, optionalText, version } from './common';
import { PACT_MODES, PACT_STATUSES, type PactMode, type PactStatus } from '../domain/pacts';

/**
 * Patti per il buon lavoro (DOMAIN.md §4): prepared from a person and a company (optionally an
 * intervention), printed on the paper form, signed (the scanned copy attached), archived, or cancelled
 * with a reason. Every role reads them; the person's birth data and domicile, the PDF and the signed
 * copy only for the roles that see personal data.
 */

/** The fields of the form, as the user edits them. */
export const pactFields = z
  .object({
    signerName: requiredText('Nome e cognome del firmatario', 120),
    signerRole: requiredText('Ruolo del firmatario', 80),
    seatCity: requiredText('Comune della sede', 120),
    seatStreet: optionalText(120),
    seatNumber: optionalText(20),
    modes: z.array(z.enum(PACT_MODES)).max(4).default([]),
    modeAltroText: optionalText(200),
    personFirstName: requiredText('Nome della persona', 80),
    personLastName: requiredText('Cognome della persona', 80),
    personBirthPlace: optionalText(120),
    personBirthDate: isoDate.nullish().transform((v) => v ?? null),
    personCity: optionalText(120),
    personStreet: optionalText(120),
    personNumber: optionalText(20),
    referentUserId: id.nullish().transform((v) => v ?? null),
    referentFirstName: requiredText('Nome del referente', 80),
    referentLastName: requiredText('Cognome del referente', 80),
    pactDate: isoDate,
    pactPlace: requiredText('Luogo', 120),
  })
  .superRefine((v, ctx) => {
    if (v.modes.length === 0) ctx.addIssue({ code: 'custom', path: ['modes'], message: 'Scegliere almeno una modalità di collaborazione' });
    if (v.modes.includes('altro') && !v.modeAltroText) ctx.addIssue({ code: 'custom', path: ['modeAltroText'], message: 'Descrivere l’altra modalità' });
  })
  .transform((v) => ({ ...v, modes: PACT_MODES.filter((m) => v.modes.includes(m)), modeAltroText: v.modes.includes('altro') ? v.modeAltroText : null }));
export type PactFields = z.input<typeof pactFields>;
export type PactValues = z.output<typeof pactFields>;

export interface PactHistoryEntry {
  fromStatus: PactStatus | null;
  toStatus: PactStatus;
  changedAt: string;
  by: string | null;
  note: string | null;
}

export interface PactFileInfo {
  id: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string | null;
}

export interface PactDetail {
  id: number;
  number: string;
  status: PactStatus;
  personId: number;
  companyId: number;
  companyName: string;
  interventionId: number | null;
  /** e.g. "Tirocinio formativo o stage · attivo dal 01/03/2026" */
  interventionLabel: string | null;
  signerName: string;
  signerRole: string;
  seatCity: string;
  seatStreet: string | null;
  seatNumber: string | null;
  modes: PactMode[];
  modeAltroText: string | null;
  personFirstName: string;
  personLastName: string;
  /** null (with personalDataHidden) to roles that may not see personal data */
  personBirthPlace: string | null;
  personBirthDate: string | null;
  personCity: string | null;
  personStreet: string | null;
  personNumber: string | null;
  referentUserId: number | null;
  referentFirstName: string;
  referentLastName: string;
  pactDate: string;
  pactPlace: string;
  printedAt: string | null;
  signedOn: string | null;
  archivedOn: string | null;
  cancelledReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** The scanned signed copy (firmato, archiviato; kept when a signed pact is cancelled). */
  signedCopy: PactFileInfo | null;
  /** Oldest first. */
  history: PactHistoryEntry[];
  /** Raised by every save of its fields: pacts.update sends back the one it read. */
  version: number;
  personalDataHidden: boolean;
}

export interface PactInterventionOption {
  id: number;
  instrumentCode: string;
  instrumentName: string;
  companyId: number | null;
  companyName: string | null;
  status: string;
  startDate: string | null;
}

/** The defaults for a new pact, from the person, the company and the intervention. */
export interface PactPrefill {
  person: { id: number; name: string } | null;
  company: { id: number; name: string; vatNumber: string } | null;
  interventionId: number | null;
  /** null until both the person and the company are known */
  values: PactValues | null;
  /** The person's interventions (with this company or with none), newest first, to link one. */
  interventions: PactInterventionOption[];
  /** Pacts already made for the same person and company (not cancelled), to avoid a duplicate. */
  existing: { id: number; number: string; status: PactStatus; pactDate: string }[];
}

export const PACT_VIEWS = ['da_firmare', 'firmati_mese', 'tutti'] as const;
export type PactView = (typeof PACT_VIEWS)[number];
export const PACT_SORT_COLUMNS = ['number', 'pactDate', 'company', 'person', 'signedOn', 'status'] as const;
export type PactSortColumn = (typeof PACT_SORT_COLUMNS)[number];

export const pactFilter = z
  .object({
    view: z.enum(PACT_VIEWS).default('da_firmare'),
    /** Number, person's surname (or "surname name") or company name. */
    search: z.string().trim().max(80).default(''),
    companyId: id.nullish().transform((v) => v ?? null),
    referentUserId: id.nullish().transform((v) => v ?? null),
    /** Only in the "tutti" view. */
    status: z.enum(PACT_STATUSES).nullish().transform((v) => v ?? null),
  })
  .strict();
export type PactFilter = z.input<typeof pactFilter>;

export interface PactListRow {
  id: number;
  number: string;
  status: PactStatus;
  pactDate: string;
  signedOn: string | null;
  companyId: number;
  companyName: string;
  personId: number;
  personName: string;
  referentName: string;
  modes: PactMode[];
}
export interface PactListPage {
  rows: PactListRow[];
  total: number;
  /** The number of pacts in each view with the other filters applied (for the tabs). */
  counts: Record<PactView, number>;
  /** First and last day of the current month ("Firmati questo mese"). */
  month: { from: string; to: string };
}

export interface PactPdfFile {
  fileName: string;
  contentBase64: string;
}

const signedCopyInput = z.object({
  fileName: requiredText('Nome del file', 200),
  /** ~28 MB of base64 = 20 MB of file; the exact limit is checked on the bytes. */
  contentBase64: z.string().min(1, 'Allegare la copia firmata').max(28_000_000, 'File troppo grande (massimo 20 MB)'),
});

export const pactsContract = {
  'pacts.prefill': method<PactPrefill>()({
    summary: 'I valori proposti per un nuovo patto: firmatario e sede dall’azienda, dati della persona, modalità dal percorso, referente, data e luogo.',
    input: z.object({ personId: id.nullish(), companyId: id.nullish(), interventionId: id.nullish() }).strict(),
    roles: CASE_WRITERS,
  }),
  'pacts.create': method<PactDetail>()({
    summary: 'Crea un patto in bozza per una persona e un’azienda (ed eventualmente un percorso), con il numero PBL-anno-progressivo.',
    input: z.object({ personId: id, companyId: id, interventionId: id.nullish().transform((v) => v ?? null), fields: pactFields }).strict(),
    roles: CASE_WRITERS,
  }),
  'pacts.update': method<PactDetail>()({
    summary:
      'Modifica un patto in bozza (dopo la stampa non si modifica più). version è quella letta: ' +
      'se nel frattempo un altro utente l’ha modificato, rifiuta (CONFLICT, fields.version).',
    input: z.object({ id, version, interventionId: id.nullish().transform((v) => v ?? null), fields: pactFields }).strict(),
    roles: CASE_WRITERS,
  }),
  'pacts.get': method<PactDetail>()({ summary: 'Un patto: dati, stato, storia e copia firmata.', input: z.object({ id }).strict(), roles: ANY_ROLE }),
  'pacts.list': method<PactListPage>()({
    summary: 'Elenco dei patti: da firmare, firmati questo mese o tutti; per azienda, referente e ricerca.',
    input: z
      .object({
        filter: pactFilter.prefault({}),
        sort: z.object({ column: z.enum(PACT_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).nullish(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(10).max(200).default(50),
      })
      .strict(),
    roles: ANY_ROLE,
  }),
  'pacts.companyOptions': method<{ id: number; name: string; vatNumber: string; seatCity: string }[]>()({
    summary: 'Aziende per la scelta nel modulo del patto, cercate per nome o partita IVA.',
    input: z.object({ search: z.string().trim().max(80).default(''), ids: z.array(id).max(20).default([]) }).strict(),
    roles: ANY_ROLE,
  }),
  'pacts.pdf': method<PactPdfFile>()({
    summary: 'Il PDF del patto compilato (A4), da stampare. Contiene dati personali: lo scaricamento è registrato.',
    input: z.object({ id }).strict(),
    roles: PERSONAL_DATA_ROLES,
  }),
  'pacts.blankPdf': method<PactPdfFile>()({ summary: 'Il modulo del patto vuoto, da compilare a mano.', input: noInput, roles: ANY_ROLE }),
  'pacts.markPrinted': method<PactDetail>()({
    summary: 'Registra la stampa: un patto in bozza diventa «stampato» (con la data e ora di stampa); le ristampe non cambiano lo stato.',
    input: z.object({ id }).strict(),
    roles: CASE_WRITERS,
  }),
  'pacts.markSigned': method<PactDetail>()({
    summary: 'Un patto stampato diventa «firmato»: data della firma e copia firmata scansionata (PDF, JPEG o PNG, massimo 20 MB).',
    input: z.object({ id, signedOn: isoDate, file: signedCopyInput }).strict(),
    roles: CASE_WRITERS,
  }),
  'pacts.archive': method<PactDetail>()({ summary: 'Archivia un patto firmato.', input: z.object({ id }).strict(), roles: CASE_WRITERS }),
  'pacts.cancel': method<PactDetail>()({
    summary: 'Annulla un patto (in bozza, stampato o firmato) indicando il motivo.',
    input: z.object({ id, reason: requiredText('Motivo dell’annullamento', 500).refine((v) => v.length >= 5, 'Motivo dell’annullamento: descriverlo in qualche parola') }).strict(),
    roles: CASE_WRITERS,
  }),
  'pacts.signedCopy': method<{ fileName: string; mimeType: string; contentBase64: string }>()({
    summary: 'Scarica la copia firmata di un patto (lo scaricamento è registrato).',
    input: z.object({ id }).strict(),
    roles: PERSONAL_DATA_ROLES,
  }),
};
