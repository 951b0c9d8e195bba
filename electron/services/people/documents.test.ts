import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { MAX_DOCUMENT_BYTES } from './documents';
import { sqlAll, sqlValue } from '../../testing/sql';

let t: TempCore;
let coordinator: string;
let finance: string;
let personId: number;
beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  finance = await loginAs(t.core, admin, 'finanza');
  const outcome = await t.core.call(
    'people.create',
    { lastName: 'Costa', firstName: 'Ada', sex: 'F', birthDate: '1990-01-01', taxCodeMissingReason: 'Non fornito', domicileIstat: '037032', privacyAcknowledgedOn: '2024-01-15' },
    coordinator,
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  personId = (outcome.result as { personId: number }).personId;
});
afterAll(async () => {
  await t.cleanup();
});

const audits = async (action: string) => (await sqlAll(t.core.store, "SELECT entity_id, after_json FROM audit_log WHERE entity = 'documento' AND action = ?", action)) as { entity_id: string; after_json: string }[];

describe('documents', () => {
  it('round-trips a file with its SHA-256, sets the CV and audits upload and download without the content', async () => {
    const content = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
    const sha256 = createHash('sha256').update(content).digest('hex');
    const upload = await t.core.call(
      'people.documents.upload',
      { personId, fileName: 'curriculum.pdf', mimeType: 'application/pdf', contentBase64: content.toString('base64'), note: 'CV aggiornato', isCv: true },
      coordinator,
    );
    expect(upload).toMatchObject({ ok: true, result: { fileName: 'curriculum.pdf', sizeBytes: 3000, sha256, uploadedBy: 'Utente coordinatore', note: 'CV aggiornato', isCv: true } });
    const id = (upload as { result: { id: number } }).result.id;
    expect((await sqlValue(t.core.store, 'SELECT cv_attachment_id FROM people WHERE id = ?', personId))).toBe(id);

    const download = await t.core.call('people.documents.download', { id }, coordinator);
    expect(download).toMatchObject({ ok: true, result: { fileName: 'curriculum.pdf', mimeType: 'application/pdf' } });
    const back = Buffer.from((download as { result: { contentBase64: string } }).result.contentBase64, 'base64');
    expect(createHash('sha256').update(back).digest('hex')).toBe(sha256);

    const [uploaded] = (await audits('carica'));
    expect(uploaded?.entity_id).toBe(String(id));
    expect(JSON.parse(uploaded?.after_json ?? '{}')).toMatchObject({ personId, sha256, sizeBytes: 3000, isCv: true });
    expect(uploaded?.after_json).not.toContain(content.toString('base64').slice(0, 40));
    expect((await audits('scarica')).map((a) => a.entity_id)).toEqual([String(id)]);
  });

  it('marks the person’s current CV among the documents; a newer CV takes its place, another document does not', async () => {
    const upload = async (fileName: string, isCv: boolean) => {
      const outcome = await t.core.call('people.documents.upload', { personId, fileName, contentBase64: Buffer.from(fileName).toString('base64'), isCv }, coordinator);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result as { id: number; isCv: boolean };
    };
    const page = async () => {
      const outcome = await t.core.call('people.get', { id: personId }, coordinator);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result as { person: { cvDocumentId: number | null }; documents: { id: number; isCv: boolean }[] };
    };
    const cv = await upload('cv-2025.pdf', true);
    const other = await upload('documento-identita.pdf', false);
    expect([cv.isCv, other.isCv]).toEqual([true, false]);
    let current = await page();
    expect(current.person.cvDocumentId).toBe(cv.id);
    expect(current.documents.filter((d) => d.isCv).map((d) => d.id)).toEqual([cv.id]);

    const newer = await upload('cv-2026.pdf', true);
    current = await page();
    expect(current.person.cvDocumentId).toBe(newer.id);
    expect(current.documents.filter((d) => d.isCv).map((d) => d.id)).toEqual([newer.id]);
    expect(current.documents.find((d) => d.id === cv.id)?.isCv).toBe(false);
  });

  it('refuses a file over 20 MB, an unknown person or document, and downloads to the finance role', async () => {
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 3).toString('base64');
    expect(await t.core.call('people.documents.upload', { personId, fileName: 'grande.bin', contentBase64: big }, coordinator)).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', message: 'File troppo grande (massimo 20 MB)' },
    });
    const small = Buffer.from('ciao').toString('base64');
    expect(await t.core.call('people.documents.upload', { personId: 999_999, fileName: 'a.txt', contentBase64: small }, coordinator)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.core.call('people.documents.upload', { personId, fileName: 'a.txt', contentBase64: 'non è base64!' }, coordinator)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { contentBase64: expect.any(String) } },
    });
    expect(await t.core.call('people.documents.download', { id: 999_999 }, coordinator)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.core.call('people.documents.download', { id: 1 }, finance)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await audits('carica'))).toHaveLength(4);
  });
});
