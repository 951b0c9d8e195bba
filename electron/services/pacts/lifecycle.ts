import { createHash } from 'node:crypto';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB, PactTable } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { PactDetail, PactPdfFile } from '../../contract/pacts';
import { italianDate } from '../../domain/dates';
import { canPactTransition, PACT_STATUS_LABELS, SIGNED_COPY_MAX_BYTES, sniffSignedCopy, type PactMode, type PactStatus } from '../../domain/pacts';
import { renderPactPdf, type PactPdfData } from './pactPdf';
import { write, type ServiceContext } from '../context';
import { loadPact } from './pacts';

/**
 * The life of a pact: bozza → stampato → firmato → archiviato, or annullato with a reason. Each step
 * is one transaction: the pact, its status history and the audit row (and, when signing, the scanned
 * copy in attachments with its SHA-256). The PDFs (filled and blank) and the signed copy's download.
 */

interface Step {
  to: PactStatus;
  set: Omit<Updateable<PactTable>, 'id' | 'status'>;
  note: string | null;
  action: string;
  /** Runs inside the transaction before the pact is updated (e.g. stores the signed copy). */
  before?: (trx: Transaction<DB>) => Promise<Omit<Updateable<PactTable>, 'id' | 'status'>>;
  audit?: Record<string, unknown>;
}

function refused(from: PactStatus, to: PactStatus, number: string): AppError {
  const reasons: Partial<Record<PactStatus, string>> = {
    firmato: from === 'bozza' ? 'va prima stampato e fatto firmare' : 'non è in attesa di firma',
    archiviato: 'si archivia solo un patto firmato',
    annullato: from === 'annullato' ? 'è già annullato' : 'un patto archiviato non si annulla',
    stampato: 'non è in bozza',
  };
  return new AppError('CONFLICT', `Il patto ${number} è «${PACT_STATUS_LABELS[from]}»: ${reasons[to] ?? `non può passare a «${PACT_STATUS_LABELS[to]}»`}`);
}

async function changeStatus(ctx: ServiceContext, id: number, step: Step): Promise<PactDetail> {
  return write(ctx, async (trx) => {
    const current = await trx.selectFrom('pacts').select(['status', 'number']).where('id', '=', id).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Patto non trovato');
    if (!canPactTransition(current.status, step.to)) throw refused(current.status, step.to, current.number);
    const extra = step.before ? await step.before(trx) : {};
    const now = ctx.clock.nowIso();
    await trx
      .updateTable('pacts')
      .set({ ...step.set, ...extra, status: step.to, updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx.insertInto('pact_status_history').values({ pact_id: id, from_status: current.status, to_status: step.to, changed_at: now, user_id: ctx.caller.userId, note: step.note }).execute();
    const result = await loadPact(ctx, { id }, trx);
    return {
      result,
      audit: { action: step.action, entity: 'patto', entityId: id, before: { number: current.number, status: current.status }, after: { number: current.number, status: step.to, ...step.audit } },
    };
  });
}

/** Printing a draft makes it «stampato»; reprinting a printed or signed pact changes nothing. */
export async function markPrinted(ctx: ServiceContext, { id }: { id: number }): Promise<PactDetail> {
  const current = await ctx.store.db.selectFrom('pacts').select(['status', 'number']).where('id', '=', id).executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND', 'Patto non trovato');
  if (current.status === 'annullato') throw new AppError('CONFLICT', `Il patto ${current.number} è annullato: non si stampa`);
  if (current.status !== 'bozza') return loadPact(ctx, { id });
  return changeStatus(ctx, id, { to: 'stampato', set: { printed_at: ctx.clock.nowIso() }, note: null, action: 'stampa' });
}

function decodeBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new AppError('VALIDATION', 'Il file non è leggibile: riprovare a caricarlo', { 'file.contentBase64': 'Contenuto del file non valido' });
  }
  return Buffer.from(compact, 'base64');
}

/** A file name without folders or characters other systems refuse, ending with the extension of its real type. */
export function signedCopyFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[<>:"|?*\u0000-\u001f\u007f]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 180);
  const stem = base || 'copia-firmata';
  const lower = stem.toLowerCase();
  const ok = lower.endsWith(extension) || (extension === '.jpg' && lower.endsWith('.jpeg'));
  return ok ? stem : `${stem}${extension}`;
}

export async function markSigned(
  ctx: ServiceContext,
  input: { id: number; signedOn: string; file: { fileName: string; contentBase64: string } },
): Promise<PactDetail> {
  const db = ctx.store.db;
  const pact = await db.selectFrom('pacts').select(['status', 'number', 'pact_date']).where('id', '=', input.id).executeTakeFirst();
  if (!pact) throw new AppError('NOT_FOUND', 'Patto non trovato');
  if (!canPactTransition(pact.status, 'firmato')) throw refused(pact.status, 'firmato', pact.number);
  if (input.signedOn > ctx.clock.today()) throw new AppError('VALIDATION', 'La data della firma non può essere nel futuro', { signedOn: 'Data nel futuro' });
  if (input.signedOn < pact.pact_date) {
    throw new AppError('VALIDATION', `La data della firma non può precedere la data del patto (${italianDate(pact.pact_date)})`, { signedOn: `Non prima del ${italianDate(pact.pact_date)}` });
  }
  const content = decodeBase64(input.file.contentBase64);
  if (content.length === 0) throw new AppError('VALIDATION', 'Il file della copia firmata è vuoto', { 'file.contentBase64': 'File vuoto' });
  if (content.length > SIGNED_COPY_MAX_BYTES) {
    throw new AppError('TOO_LARGE', 'La copia firmata supera i 20 MB: scansionarla a risoluzione più bassa', { 'file.contentBase64': 'File troppo grande (massimo 20 MB)' });
  }
  const type = sniffSignedCopy(content);
  if (!type) {
    throw new AppError('VALIDATION', 'La copia firmata deve essere un PDF o un’immagine JPEG o PNG', { 'file.contentBase64': 'Formato non ammesso: PDF, JPEG o PNG' });
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const fileName = signedCopyFileName(input.file.fileName, type.extension);
  return changeStatus(ctx, input.id, {
    to: 'firmato',
    set: { signed_on: input.signedOn },
    note: null,
    action: 'firma',
    audit: { signedOn: input.signedOn, fileName, mimeType: type.mimeType, sizeBytes: content.length, sha256 },
    before: async (trx) => {
      const { id } = await trx
        .insertInto('attachments')
        .values({
          owner_type: 'pact',
          owner_id: input.id,
          file_name: fileName,
          mime_type: type.mimeType,
          size_bytes: content.length,
          sha256,
          content,
          note: `Copia firmata del patto ${pact.number}`,
          uploaded_at: ctx.clock.nowIso(),
          uploaded_by: ctx.caller.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { signed_attachment_id: id };
    },
  });
}

export function archivePact(ctx: ServiceContext, { id }: { id: number }): Promise<PactDetail> {
  return changeStatus(ctx, id, { to: 'archiviato', set: { archived_on: ctx.clock.today() }, note: null, action: 'archivia' });
}

export function cancelPact(ctx: ServiceContext, { id, reason }: { id: number; reason: string }): Promise<PactDetail> {
  return changeStatus(ctx, id, { to: 'annullato', set: { cancelled_reason: reason }, note: reason, action: 'annulla', audit: { reason } });
}

// ---- files ----------------------------------------------------------------------------------------

/** What the PDF prints, read from the pact (the person's data as recorded on it). */
export async function pactPdfData(db: Kysely<DB>, id: number): Promise<PactPdfData> {
  const row = await db
    .selectFrom('pacts as pa')
    .innerJoin('companies as co', 'co.id', 'pa.company_id')
    .selectAll('pa')
    .select('co.name as company_name')
    .where('pa.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Patto non trovato');
  const modes: PactMode[] = [];
  if (row.mode_inserimento) modes.push('inserimento');
  if (row.mode_tirocinio) modes.push('tirocinio');
  if (row.mode_autoimpiego) modes.push('autoimpiego');
  if (row.mode_altro_text) modes.push('altro');
  const cancelledAt =
    row.status === 'annullato'
      ? await db.selectFrom('pact_status_history').select('changed_at').where('pact_id', '=', id).where('to_status', '=', 'annullato').orderBy('id', 'desc').executeTakeFirst()
      : undefined;
  return {
    number: row.number,
    signerName: row.signer_name,
    signerRole: row.signer_role,
    companyName: row.company_name,
    seatCity: row.seat_city,
    seatStreet: row.seat_street,
    seatNumber: row.seat_number,
    modes,
    modeAltroText: row.mode_altro_text,
    personFirstName: row.person_first_name,
    personLastName: row.person_last_name,
    personBirthPlace: row.person_birth_place,
    personBirthDate: row.person_birth_date,
    personCity: row.person_city,
    personStreet: row.person_street,
    personNumber: row.person_number,
    referentFirstName: row.referent_first_name,
    referentLastName: row.referent_last_name,
    pactDate: row.pact_date,
    pactPlace: row.pact_place,
    cancelled: cancelledAt ? { date: cancelledAt.changed_at.slice(0, 10), reason: row.cancelled_reason ?? '' } : null,
  };
}

export function pactFileName(number: string, lastName: string, firstName: string): string {
  return `Patto ${number} ${lastName} ${firstName}.pdf`.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_');
}

/** The filled PDF. It carries personal data: the export is audited. */
export async function pactPdf(ctx: ServiceContext, { id }: { id: number }): Promise<PactPdfFile> {
  const data = await pactPdfData(ctx.store.db, id);
  const bytes = await renderPactPdf(data);
  const fileName = pactFileName(data.number, data.personLastName, data.personFirstName);
  await write(ctx, async () => ({ result: undefined, audit: { read: true, action: 'scarica_pdf', entity: 'patto', entityId: id, after: { number: data.number, fileName } } }));
  return { fileName, contentBase64: Buffer.from(bytes).toString('base64') };
}

export const BLANK_PACT_FILE_NAME = 'Patto per il buon lavoro - modulo da compilare.pdf';

export async function blankPactPdf(): Promise<PactPdfFile> {
  const bytes = await renderPactPdf(null);
  return { fileName: BLANK_PACT_FILE_NAME, contentBase64: Buffer.from(bytes).toString('base64') };
}

/** The scanned signed copy; the download is audited (it is an export of personal data). */
export async function signedCopy(ctx: ServiceContext, { id }: { id: number }): Promise<{ fileName: string; mimeType: string; contentBase64: string }> {
  const row = await ctx.store.db
    .selectFrom('pacts as pa')
    .innerJoin('attachments as a', 'a.id', 'pa.signed_attachment_id')
    .select(['pa.number', 'a.id as attachment_id', 'a.file_name', 'a.mime_type', 'a.sha256', 'a.content'])
    .where('pa.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    const exists = await ctx.store.db.selectFrom('pacts').select('id').where('id', '=', id).executeTakeFirst();
    throw new AppError('NOT_FOUND', exists ? 'Il patto non ha una copia firmata allegata' : 'Patto non trovato');
  }
  await write(ctx, async () => ({
    result: undefined,
    audit: { read: true, action: 'scarica_copia_firmata', entity: 'patto', entityId: id, after: { number: row.number, attachmentId: row.attachment_id, fileName: row.file_name, sha256: row.sha256 } },
  }));
  return { fileName: row.file_name, mimeType: row.mime_type, contentBase64: Buffer.from(row.content).toString('base64') };
}
