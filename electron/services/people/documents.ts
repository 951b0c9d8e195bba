import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import type { DocumentView } from '../../contract/people';
import { auditRead, write, type ServiceContext } from '../context';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Documents without their content, with the uploader's name. */
export function documentQuery(db: Kysely<DB>) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select(['a.id', 'a.file_name', 'a.mime_type', 'a.size_bytes', 'a.sha256', 'a.uploaded_at', 'u.full_name as uploaded_by_name', 'a.note']);
}
type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentQuery>['executeTakeFirstOrThrow']>>;

/** isCv: whether the document is its person's current CV (people.cv_attachment_id). */
export function toDocumentView(row: DocumentRow, isCv: boolean): DocumentView {
  return {
    id: row.id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by_name,
    note: row.note,
    isCv,
  };
}

function decodeContent(contentBase64: string): Buffer {
  const text = contentBase64.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new AppError('VALIDATION', 'Il contenuto del file non è leggibile: riprovare a caricarlo', { contentBase64: 'Contenuto del file non valido' });
  }
  const content = Buffer.from(text, 'base64');
  if (content.length === 0) throw new AppError('VALIDATION', 'Il file è vuoto', { contentBase64: 'File vuoto' });
  if (content.length > MAX_DOCUMENT_BYTES) throw new AppError('TOO_LARGE', 'File troppo grande (massimo 20 MB)', { contentBase64: 'File troppo grande (massimo 20 MB)' });
  return content;
}

/** Attaches a document to a person, with its SHA-256; a CV becomes the person's current CV. The content is not audited. */
export async function uploadPersonDocument(
  ctx: ServiceContext,
  input: { personId: number; fileName: string; mimeType: string; contentBase64: string; note: string | null; isCv: boolean },
): Promise<DocumentView> {
  const content = decodeContent(input.contentBase64);
  const db = ctx.store.db;
  const person = await db.selectFrom('people').select(['merged_into_id', 'anonymised_at']).where('id', '=', input.personId).executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'Persona non trovata');
  if (person.merged_into_id !== null) throw new AppError('CONFLICT', `Questa scheda è stata unita alla scheda n. ${person.merged_into_id}: allegare il documento a quella`);
  if (person.anonymised_at !== null) throw new AppError('CONFLICT', 'La persona è stata anonimizzata: non si allegano documenti');
  const sha256 = createHash('sha256').update(content).digest('hex');
  return write(ctx, async (trx) => {
    const { id } = await trx
      .insertInto('attachments')
      .values({
        owner_type: 'person',
        owner_id: input.personId,
        file_name: input.fileName,
        mime_type: input.mimeType,
        size_bytes: content.length,
        sha256,
        content,
        note: input.note,
        uploaded_at: ctx.clock.nowIso(),
        uploaded_by: ctx.caller.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.isCv) await trx.updateTable('people').set({ cv_attachment_id: id, updated_at: ctx.clock.nowIso() }).where('id', '=', input.personId).execute();
    const result = toDocumentView(await documentQuery(trx).where('a.id', '=', id).executeTakeFirstOrThrow(), input.isCv);
    const { fileName, mimeType, sizeBytes } = result;
    return { result, audit: { action: 'carica', entity: 'documento', entityId: id, after: { personId: input.personId, fileName, mimeType, sizeBytes, sha256, isCv: input.isCv } } };
  });
}

/** Returns a document's content; the download is audited (it is an export of personal data). */
export async function downloadDocument(ctx: ServiceContext, { id }: { id: number }): Promise<{ fileName: string; mimeType: string; contentBase64: string }> {
  const row = await ctx.store.db
    .selectFrom('attachments')
    .select(['owner_type', 'owner_id', 'file_name', 'mime_type', 'sha256', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Documento non trovato');
  await auditRead(ctx, { action: 'scarica', entity: 'documento', entityId: id, after: { ownerType: row.owner_type, ownerId: row.owner_id, fileName: row.file_name, sha256: row.sha256 } });
  return { fileName: row.file_name, mimeType: row.mime_type, contentBase64: Buffer.from(row.content).toString('base64') };
}
