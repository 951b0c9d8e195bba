/**
 * The Patto per il buon lavoro (DOMAIN.md §4): its statuses, the allowed steps between them, the
 * collaboration modes printed on the form. Pure: shared by the services and the renderer.
 *
 * bozza → stampato → firmato → archiviato; annullato (with a reason) from bozza, stampato or firmato.
 */
export const PACT_STATUSES = ['bozza', 'stampato', 'firmato', 'archiviato', 'annullato'] as const;
export type PactStatus = (typeof PACT_STATUSES)[number];

export const PACT_STATUS_LABELS: Record<PactStatus, string> = {
  bozza: 'Bozza',
  stampato: 'Stampato',
  firmato: 'Firmato',
  archiviato: 'Archiviato',
  annullato: 'Annullato',
};

export const PACT_TRANSITIONS: Record<PactStatus, readonly PactStatus[]> = {
  bozza: ['stampato', 'annullato'],
  stampato: ['firmato', 'annullato'],
  firmato: ['archiviato', 'annullato'],
  archiviato: [],
  annullato: [],
};

export function canPactTransition(from: PactStatus, to: PactStatus): boolean {
  return PACT_TRANSITIONS[from].includes(to);
}

/** "Da firmare": drafts and printed copies waiting for the signatures. */
export const TO_SIGN_STATUSES: readonly PactStatus[] = ['bozza', 'stampato'];
/** A pact that was signed (the signed copy is attached). */
export const SIGNED_STATUSES: readonly PactStatus[] = ['firmato', 'archiviato'];

/** Only a draft can be edited: once printed, the paper copy is what counts. */
export function isPactEditable(status: PactStatus): boolean {
  return status === 'bozza';
}

/** The four boxes of the form, in the printed order. */
export const PACT_MODES = ['inserimento', 'tirocinio', 'autoimpiego', 'altro'] as const;
export type PactMode = (typeof PACT_MODES)[number];

/** The labels exactly as on the paper form. */
export const PACT_MODE_LABELS: Record<PactMode, string> = {
  inserimento: 'inserimento lavorativo',
  tirocinio: 'tirocinio formativo o stage',
  autoimpiego: 'tutoraggio progetto di auto impiego',
  altro: 'altro',
};

/** The box ticked by default for an intervention's instrument (none for training, credit, PON). */
export function modeForInstrument(instrumentCode: string | null | undefined): PactMode | null {
  switch (instrumentCode) {
    case 'inserimento':
      return 'inserimento';
    case 'tirocinio':
      return 'tirocinio';
    case 'autoimpiego':
      return 'autoimpiego';
    default:
      return null;
  }
}

/** Pact numbers: PBL-<year>-<sequence in the year>, five digits as in the existing register (PBL-2026-00001). */
export const PACT_NUMBER_PREFIX = 'PBL';
export function formatPactNumber(year: number, sequence: number): string {
  return `${PACT_NUMBER_PREFIX}-${year}-${String(sequence).padStart(5, '0')}`;
}

/** Street types an Italian address may start with (odonyms and their usual abbreviations). */
const STREET_TYPE = /^(via|viale|v\.le|piazza|p\.za|p\.zza|piazzale|p\.le|piazzetta|corso|c\.so|largo|vicolo|vico|strada|stradello|stradone|borgo|galleria|contrada|località|loc\.|lungo\S*|salita|rampa|rotonda|sentiero|calle|traversa|circonvallazione|quartiere|frazione|fraz\.)(\s|$)/i;

/**
 * The words the form prints before a street, and the street itself: the form says "in via ___", so a
 * street typed with its own type ("Piazza della Pace", "Viale Carducci", "Via Zamboni") is printed as
 * given after "in"; a bare name ("Zamboni") keeps the form's "in via"; no street leaves the line empty.
 */
export function streetWords(street: string | null | undefined): { before: 'in' | 'in via'; street: string | null } {
  const given = street?.trim().replace(/\s+/g, ' ');
  if (!given) return { before: 'in via', street: null };
  return STREET_TYPE.test(given) ? { before: 'in', street: given } : { before: 'in via', street: given };
}

/** Splits a user's full name into first name and surname for the form (first word, then the rest): editable. */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts[0] as string, lastName: parts.slice(1).join(' ') };
}

/** Scanned signed copies: a PDF or a JPEG/PNG image, recognised by their first bytes (not by the name). */
export const SIGNED_COPY_MAX_BYTES = 20 * 1024 * 1024;
export type SignedCopyType = { mimeType: 'application/pdf'; extension: '.pdf' } | { mimeType: 'image/jpeg'; extension: '.jpg' } | { mimeType: 'image/png'; extension: '.png' };

export function sniffSignedCopy(bytes: Uint8Array): SignedCopyType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mimeType: 'image/png', extension: '.png' };
  if (starts([0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', extension: '.jpg' };
  // "%PDF-" within the first kilobyte (some scanners write a few bytes before it)
  const limit = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= limit; i++) {
    if (starts([0x25, 0x50, 0x44, 0x46, 0x2d], i)) return { mimeType: 'application/pdf', extension: '.pdf' };
  }
  return null;
}
