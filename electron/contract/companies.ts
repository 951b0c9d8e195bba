import { z } from 'zod';
import { method } from './define';
import { ANY_ROLE, CASE_WRITERS } from './roles';
import { id, isoDate, requiredText, optionalText, version } from './common';
import { validatePartitaIva } from '../domain/partitaIva';

/**
 * Aziende: the registry of the companies that host or hire (DOMAIN.md §4), their Board di imprese
 * membership periods, contacts and needs (fabbisogni), and the company page with the people placed,
 * the pacts and the money spent. Companies' data are business data: every role reads them.
 */

// ---- vocabularies (shared with the renderer) ----------------------------------------------------

export const SIZE_BANDS = ['micro', 'piccola', 'media', 'grande'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const SIZE_BAND_LABELS: Record<SizeBand, string> = {
  micro: 'Micro (fino a 9 addetti)',
  piccola: 'Piccola (10–49 addetti)',
  media: 'Media (50–249 addetti)',
  grande: 'Grande (250 addetti e oltre)',
};
export const SIZE_BAND_SHORT: Record<SizeBand, string> = { micro: 'Micro', piccola: 'Piccola', media: 'Media', grande: 'Grande' };

/** Suggestions for the legal form (free text: other forms are accepted). */
export const LEGAL_FORMS = ['S.r.l.', 'S.r.l.s.', 'S.p.A.', 'S.n.c.', 'S.a.s.', 'Soc. coop.', 'Cooperativa sociale', 'ditta individuale', 'Associazione', 'Fondazione', 'Ente pubblico'] as const;

/** "Board": a membership period of the Board di imprese is open today; otherwise the company is a collaborating one. */
export const BOARD_STATUSES = ['board', 'collaboratrice'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];
export const BOARD_STATUS_LABELS: Record<BoardStatus, string> = { board: 'Board', collaboratrice: 'Collaboratrice' };

export const NEED_STATUSES = ['aperto', 'in_corso', 'chiuso', 'annullato'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = { aperto: 'Aperto', in_corso: 'In corso', chiuso: 'Chiuso', annullato: 'Annullato' };
/** Needs still looking for people: the ones matching works on. */
export const OPEN_NEED_STATUSES: readonly NeedStatus[] = ['aperto', 'in_corso'];
/**
 * Allowed status changes: an open need goes in progress (people proposed), is closed (filled) or
 * cancelled; one in progress can go back to open; a closed or cancelled one can only be reopened.
 */
export const NEED_TRANSITIONS: Record<NeedStatus, readonly NeedStatus[]> = {
  aperto: ['in_corso', 'chiuso', 'annullato'],
  in_corso: ['aperto', 'chiuso', 'annullato'],
  chiuso: ['aperto'],
  annullato: ['aperto'],
};
/** The button text of each target status. */
export const NEED_TRANSITION_LABELS: Record<NeedStatus, string> = { aperto: 'Riapri', in_corso: 'Segna in corso', chiuso: 'Chiudi (coperto)', annullato: 'Annulla' };

// ---- inputs -------------------------------------------------------------------------------------

const optionalEmail = (message: string) =>
  z
    .union([z.literal(''), z.email(message)])
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null));
const optionalDate = isoDate.nullish().transform((v) => v ?? null);

/** A partita IVA: spaces tolerated, 11 digits with a correct check digit (DOMAIN.md §7). */
export const vatNumber = z
  .string({ error: 'Partita IVA: campo obbligatorio' })
  .trim()
  .min(1, 'Partita IVA: campo obbligatorio')
  .max(20, 'La partita IVA deve avere 11 cifre')
  .transform((value, ctx) => {
    const result = validatePartitaIva(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });

export const companyInput = z.object({
  name: requiredText('Ragione sociale', 200),
  vatNumber,
  /** The company's codice fiscale when different from the partita IVA (e.g. a sole trader's personal code). */
  taxCode: optionalText(20),
  legalForm: optionalText(60),
  atecoSection: z.string().regex(/^[A-U]$/, 'Sezione ATECO non valida').nullish().transform((v) => v ?? null),
  /** ISTAT code of one of the 55 comuni, or null with outsideMetro and seatCity for a seat elsewhere. */
  seatIstat: z.string().regex(/^037\d{3}$/, 'Comune della sede non valido').nullish().transform((v) => v ?? null),
  outsideMetro: z.boolean().default(false),
  seatCity: optionalText(120),
  seatStreet: optionalText(120),
  seatNumber: optionalText(20),
  sizeBand: z.enum(SIZE_BANDS, { error: 'Dimensione non valida' }).nullish().transform((v) => v ?? null),
  /** An organisation of kind «associazione_imprese». */
  employerOrgId: id.nullish().transform((v) => v ?? null),
  legalRepName: optionalText(120),
  legalRepRole: optionalText(80),
  phone: optionalText(40),
  email: optionalEmail('Indirizzo email non valido'),
  pec: optionalEmail('Indirizzo PEC non valido'),
  notes: optionalText(2000),
});
export type CompanyInput = z.input<typeof companyInput>;

export const contactInput = z.object({
  name: requiredText('Nome del referente', 120),
  role: optionalText(80),
  phone: optionalText(40),
  email: optionalEmail('Indirizzo email non valido'),
});

export const needInput = z
  .object({
    role: requiredText('Mansione', 120),
    positions: z.number({ error: 'Indicare il numero di posti' }).int('Numero di posti non valido').min(1, 'Almeno un posto').max(999, 'Al massimo 999 posti'),
    instrumentCode: requiredText('Strumento', 40),
    periodFrom: optionalDate,
    periodTo: optionalDate,
    requirements: optionalText(2000),
    skills: z.array(z.string().trim().min(1).max(60, 'Competenza: massimo 60 caratteri')).max(30, 'Al massimo 30 competenze').default([]),
    districtCode: optionalText(10),
  })
  .refine((n) => !n.periodFrom || !n.periodTo || n.periodTo >= n.periodFrom, { message: 'La fine del periodo non può essere prima dell’inizio', path: ['periodTo'] });
export type NeedInput = z.input<typeof needInput>;

export const COMPANY_SORT_COLUMNS = ['name', 'comune', 'ateco', 'size', 'board', 'openNeeds'] as const;
export type CompanySortColumn = (typeof COMPANY_SORT_COLUMNS)[number];
export const companiesFilter = z
  .object({
    /** A fragment of the name (anywhere in it, accents and punctuation ignored), or the start of the partita IVA. */
    search: z.string().trim().max(80).default(''),
    board: z.enum(BOARD_STATUSES).nullish().transform((v) => v ?? null),
    atecoSections: z.array(z.string().regex(/^[A-U]$/)).max(21).default([]),
    sizes: z.array(z.enum(SIZE_BANDS)).max(4).default([]),
    comuni: z.array(z.string().regex(/^037\d{3}$/)).max(55).default([]),
    districts: z.array(z.string().max(10)).max(10).default([]),
    withOpenNeeds: z.boolean().default(false),
  })
  .strict();
export type CompaniesFilter = z.input<typeof companiesFilter>;

export const openNeedsFilter = z
  .object({
    /** Words in the role, the requirements, the skills or the company's name. */
    text: z.string().trim().max(80).default(''),
    instrumentCodes: z.array(z.string().max(40)).max(10).default([]),
    districtCodes: z.array(z.string().max(10)).max(10).default([]),
    companyId: id.nullish().transform((v) => v ?? null),
  })
  .strict();
export type OpenNeedsFilter = z.input<typeof openNeedsFilter>;

// ---- outputs ------------------------------------------------------------------------------------

export interface CompanyDetail {
  id: number;
  name: string;
  vatNumber: string;
  taxCode: string | null;
  legalForm: string | null;
  atecoSection: string | null;
  atecoName: string | null;
  seatIstat: string | null;
  /** The comune's name, or the city outside the metro area. */
  seatCity: string;
  outsideMetro: boolean;
  seatDistrictCode: string | null;
  seatDistrict: string | null;
  seatStreet: string | null;
  seatNumber: string | null;
  sizeBand: SizeBand | null;
  employerOrgId: number | null;
  employerOrgName: string | null;
  legalRepName: string | null;
  legalRepRole: string | null;
  phone: string | null;
  email: string | null;
  pec: string | null;
  notes: string | null;
  /** Raised by every save: companies.update sends back the one it read. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BoardPeriod {
  id: number;
  since: string;
  until: string | null;
  /** Open today. */
  current: boolean;
}
export interface BoardInfo {
  status: BoardStatus;
  /** Start of the period open today, if any. */
  since: string | null;
  /** Newest first. */
  periods: BoardPeriod[];
}

export interface CompanyContact {
  id: number;
  companyId: number;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
}

export interface NeedView {
  id: number;
  companyId: number;
  companyName: string;
  role: string;
  positions: number;
  instrumentCode: string;
  instrumentName: string;
  periodFrom: string | null;
  periodTo: string | null;
  requirements: string | null;
  skills: string[];
  districtCode: string | null;
  districtName: string | null;
  status: NeedStatus;
  /** Interventions (paths) linked to this need, in any status. */
  interventions: number;
  /** Raised by every save of its data: companies.needs.update sends back the one it read. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A person placed at the company (an intervention with its company_id): the name only, no personal data. */
export interface CompanyPlacement {
  interventionId: number;
  personId: number;
  personName: string;
  instrumentCode: string;
  instrumentName: string;
  status: 'proposto' | 'attivo' | 'concluso' | 'interrotto';
  startDate: string | null;
  endDate: string | null;
  needId: number | null;
}

export interface CompanyPact {
  id: number;
  number: string;
  personId: number;
  personName: string;
  status: 'bozza' | 'stampato' | 'firmato' | 'archiviato' | 'annullato';
  pactDate: string;
  signedOn: string | null;
}

/** Money spent on the company: commitments (and their adjustments) linked to it directly or through its interventions, and their payments. */
export interface CompanyMoney {
  committedCents: number;
  paidCents: number;
  commitments: number;
  payments: number;
}

export interface CompanyPage {
  company: CompanyDetail;
  board: BoardInfo;
  contacts: CompanyContact[];
  /** Open ones first, then newest. */
  needs: NeedView[];
  /** Newest first. */
  placements: CompanyPlacement[];
  /** Newest first. */
  pacts: CompanyPact[];
  money: CompanyMoney;
}

export interface CompanyListRow {
  id: number;
  name: string;
  vatNumber: string;
  seatCity: string;
  district: string | null;
  atecoSection: string | null;
  atecoName: string | null;
  sizeBand: SizeBand | null;
  board: boolean;
  openNeeds: number;
}
export interface CompaniesPage {
  rows: CompanyListRow[];
  total: number;
}

export interface CompanySearchHit {
  id: number;
  name: string;
  vatNumber: string;
  seatCity: string;
  board: boolean;
}

export interface OpenNeedsPage {
  rows: NeedView[];
  total: number;
}

const pageInput = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(10).max(200).default(50),
};

export const companiesContract = {
  'companies.list': method<CompaniesPage>()({
    summary: 'Elenco delle aziende, paginato, ordinato e filtrato sul server (ricerca per nome o partita IVA, Board, settore, dimensione, comune, distretto, fabbisogni aperti).',
    input: z
      .object({
        filter: companiesFilter.prefault({}),
        sort: z.object({ column: z.enum(COMPANY_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).default({ column: 'name', direction: 'asc' }),
        ...pageInput,
      })
      .strict(),
    roles: ANY_ROLE,
  }),
  'companies.search': method<CompanySearchHit[]>()({
    summary: 'Ricerca rapida mentre si scrive: aziende il cui nome contiene il testo, o la cui partita IVA inizia con le cifre scritte.',
    input: z.object({ text: z.string().trim().max(80), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    roles: ANY_ROLE,
  }),
  'companies.checkVat': method<{ existing: { id: number; name: string } | null }>()({
    summary: 'Prima di salvare: l’azienda già registrata con questa partita IVA, se c’è.',
    input: z.object({ vatNumber: z.string().max(20), excludeId: id.nullish() }).strict(),
    roles: ANY_ROLE,
  }),
  'companies.get': method<CompanyPage>()({
    summary: 'La scheda di un’azienda: anagrafica, Board, referenti, fabbisogni, persone inserite, patti e spesa.',
    input: z.object({ id }).strict(),
    roles: ANY_ROLE,
  }),
  'companies.create': method<{ companyId: number }>()({
    summary:
      'Registra un’azienda (ed eventualmente il suo ingresso nel Board). Una partita IVA già registrata è rifiutata (CONFLICT) con ' +
      'fields.vatNumber e fields.existingId (l’id dell’azienda esistente).',
    input: companyInput.extend({ boardSince: optionalDate }).strict(),
    roles: CASE_WRITERS,
  }),
  'companies.update': method<CompanyDetail>()({
    summary:
      'Modifica l’anagrafica di un’azienda. Stesso rifiuto della registrazione per una partita IVA di un’altra azienda; ' +
      'version è quella letta con la scheda: se nel frattempo un altro utente l’ha modificata, rifiuta (CONFLICT, fields.version).',
    input: companyInput.extend({ id, version }).strict(),
    roles: CASE_WRITERS,
  }),
  'companies.contacts.add': method<CompanyContact>()({
    summary: 'Aggiunge un referente (persona di contatto) all’azienda.',
    input: contactInput.extend({ companyId: id }).strict(),
    roles: CASE_WRITERS,
  }),
  'companies.contacts.update': method<CompanyContact>()({ summary: 'Modifica un referente dell’azienda.', input: contactInput.extend({ id }).strict(), roles: CASE_WRITERS }),
  'companies.contacts.remove': method<{ ok: true }>()({ summary: 'Elimina un referente dell’azienda.', input: z.object({ id }).strict(), roles: CASE_WRITERS }),
  'companies.board.add': method<BoardInfo>()({
    summary: 'Aggiunge un periodo di appartenenza al Board di imprese (dal, eventualmente al); i periodi non si sovrappongono.',
    input: z.object({ companyId: id, since: isoDate, until: optionalDate }).strict().refine((p) => !p.until || p.until >= p.since, {
      message: 'La data di uscita non può essere prima della data di ingresso',
      path: ['until'],
    }),
    roles: CASE_WRITERS,
  }),
  'companies.board.update': method<BoardInfo>()({
    summary: 'Modifica un periodo di appartenenza al Board (ad esempio per registrare l’uscita).',
    input: z.object({ id, since: isoDate, until: optionalDate }).strict().refine((p) => !p.until || p.until >= p.since, {
      message: 'La data di uscita non può essere prima della data di ingresso',
      path: ['until'],
    }),
    roles: CASE_WRITERS,
  }),
  'companies.board.remove': method<BoardInfo>()({ summary: 'Elimina un periodo di appartenenza al Board inserito per errore.', input: z.object({ id }).strict(), roles: CASE_WRITERS }),
  'companies.needs.create': method<NeedView>()({
    summary: 'Registra un fabbisogno dell’azienda (mansione, posti, strumento, periodo, requisiti e competenze, distretto); nasce «aperto».',
    input: needInput.safeExtend({ companyId: id }).strict(),
    roles: CASE_WRITERS,
  }),
  'companies.needs.update': method<NeedView>()({
    summary:
      'Modifica un fabbisogno aperto o in corso (un fabbisogno chiuso o annullato va prima riaperto); ' +
      'version è quella letta: se nel frattempo un altro utente l’ha modificato, rifiuta (CONFLICT, fields.version).',
    input: needInput.safeExtend({ id, version }).strict(),
    roles: CASE_WRITERS,
  }),
  'companies.needs.setStatus': method<NeedView>()({
    summary: 'Cambia lo stato di un fabbisogno lungo le transizioni ammesse (aperto, in corso, chiuso, annullato).',
    input: z.object({ id, status: z.enum(NEED_STATUSES, { error: 'Stato non valido' }) }).strict(),
    roles: CASE_WRITERS,
  }),
  'companies.needs.get': method<NeedView>()({ summary: 'Un fabbisogno, con l’azienda e le competenze richieste.', input: z.object({ id }).strict(), roles: ANY_ROLE }),
  'companies.needs.listOpen': method<OpenNeedsPage>()({
    summary: 'I fabbisogni aperti o in corso di tutte le aziende, filtrati per strumento, distretto e testo; i più recenti prima.',
    input: z.object({ filter: openNeedsFilter.prefault({}), ...pageInput }).strict(),
    roles: ANY_ROLE,
  }),
};
