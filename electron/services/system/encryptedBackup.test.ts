import { spawnSync } from 'node:child_process';
import { createDecipheriv, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../contract/errors';
import { callOk, callRefused } from '../../testing/calls';
import { BUILD_TIMEOUT, compiledCli } from '../../testing/cli';
import { jobFile } from '../../testing/jobs';
import { setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { backupDirFor } from './backup';

/**
 * Encrypted backup copies (issue 11): with a passphrase set, «Salva una copia» and `ixl backup --to`
 * write AES-256-GCM files that are not SQLite files; a restore asks for the passphrase and refuses a
 * wrong one, or a tampered file, without touching anything.
 */
const PASSPHRASE = 'cavallo batteria graffetta corretta';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'ascii');

let t: TempCore;
let admin: string;
beforeEach(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
});
afterEach(async () => {
  await t.cleanup();
});

const newUser = (username: string) => ({ fullName: username, username, role: 'operatore' as const, password: 'password-lunga-1' });
/** Every row of every table, to tell that a refused restore changed nothing at all. */
function content(): string {
  const raw = t.core.store.raw;
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return JSON.stringify(tables.map(({ name }) => [name, raw.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]));
}
const safetyCopies = () => (fs.existsSync(backupDirFor(t.file)) ? fs.readdirSync(backupDirFor(t.file)).filter((f) => f.includes('prima-del-ripristino')) : []);
const upload = (bytes: Buffer, passphrase?: string) => ({ uploadName: 'copia.ixlbak', contentBase64: bytes.toString('base64'), ...(passphrase !== undefined && { passphrase }) });

async function encryptedCopy(): Promise<{ fileName: string; bytes: Buffer }> {
  if (!(await callOk(t.core, 'system.backup.status', {}, admin)).passphraseSet) await callOk(t.core, 'system.backup.setPassphrase', { next: PASSPHRASE }, admin);
  const file = await jobFile(t.core, 'system.backup.saveCopy', { passphrase: PASSPHRASE }, admin);
  return { fileName: file.fileName, bytes: file.bytes };
}

describe('the backup passphrase', () => {
  it('keeps only an scrypt verifier; changing or removing it needs the current one', async () => {
    expect(await callOk(t.core, 'system.backup.status', {}, admin)).toEqual({ passphraseSet: false });
    expect((await callRefused(t.core, 'system.backup.setPassphrase', { next: 'corta' }, admin)).message).toMatch(/almeno 12 caratteri/);
    expect(await callOk(t.core, 'system.backup.setPassphrase', { next: PASSPHRASE }, admin)).toEqual({ passphraseSet: true });
    const stored = t.core.store.raw.prepare("SELECT value FROM settings WHERE key = 'backupPassphraseVerifier'").get() as { value: string };
    expect(stored.value).toMatch(/^"scrypt\$/);
    // the passphrase is nowhere in the database, not even in the audit log
    expect(content().includes(PASSPHRASE)).toBe(false);

    expect((await callRefused(t.core, 'system.backup.setPassphrase', { next: 'un’altra passphrase lunga' }, admin)).fields).toEqual({ current: 'Per cambiarla inserire la passphrase attuale' });
    expect((await callRefused(t.core, 'system.backup.setPassphrase', { current: 'sbagliata', next: 'un’altra passphrase lunga' }, admin)).fields).toEqual({ current: 'Passphrase errata' });
    await callOk(t.core, 'system.backup.setPassphrase', { current: PASSPHRASE, next: 'un’altra passphrase lunga' }, admin);
    expect((await callRefused(t.core, 'system.backup.removePassphrase', { current: PASSPHRASE }, admin)).fields).toEqual({ current: 'Passphrase errata' });
    expect(await callOk(t.core, 'system.backup.removePassphrase', { current: 'un’altra passphrase lunga' }, admin)).toEqual({ passphraseSet: false });
    const actions = (t.core.store.raw.prepare("SELECT action FROM audit_log WHERE entity = 'backup' ORDER BY id").all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['imposta_passphrase', 'cambia_passphrase', 'rimuovi_passphrase']);
  });

  it('without a passphrase set, «Salva una copia» gives a plain SQLite file', async () => {
    const file = await jobFile(t.core, 'system.backup.saveCopy', {}, admin);
    expect(file.fileName).toMatch(/^ixl-copia-\d{8}-\d{6}\.sqlite$/);
    expect(file.bytes.subarray(0, 16).equals(SQLITE_MAGIC)).toBe(true);
  });
});

describe('an encrypted copy', () => {
  it('needs the passphrase to be saved, and is not a SQLite file but AES-256-GCM with its tag', async () => {
    await callOk(t.core, 'system.backup.setPassphrase', { next: PASSPHRASE }, admin);
    expect((await callRefused(t.core, 'system.backup.saveCopy', {}, admin)).fields).toHaveProperty('passphrase');
    expect((await callRefused(t.core, 'system.backup.saveCopy', { passphrase: 'sbagliata' }, admin)).message).toBe('Passphrase errata');
    const { fileName, bytes } = await encryptedCopy();
    expect(fileName).toMatch(/^ixl-copia-\d{8}-\d{6}\.ixlbak$/);
    expect(bytes.includes(SQLITE_MAGIC)).toBe(false);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('IXLBKENC');
    expect([...bytes.subarray(8, 12)]).toEqual([1, 15, 8, 1]);
    // decrypted by hand from the header: the database, and the tag checks
    const header = bytes.subarray(0, 56);
    const derived = scryptSync(PASSPHRASE, header.subarray(12, 28), 64, { N: 2 ** 15, r: 8, p: 1, maxmem: 128 * 1024 * 1024 });
    expect(derived.subarray(32, 48).equals(header.subarray(40, 56))).toBe(true);
    const decipher = createDecipheriv('aes-256-gcm', derived.subarray(0, 32), header.subarray(28, 40));
    decipher.setAAD(header);
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(56, bytes.length - 16)), decipher.final()]);
    expect(plain.subarray(0, 16).equals(SQLITE_MAGIC)).toBe(true);
    const audit = t.core.store.raw.prepare("SELECT after_json FROM audit_log WHERE action = 'copia'").get() as { after_json: string };
    expect(JSON.parse(audit.after_json)).toEqual({ fileName, encrypted: true });
  }, 60_000);

  it('restores with the right passphrase', async () => {
    const { bytes } = await encryptedCopy();
    await callOk(t.core, 'auth.users.create', newUser('dopo.la.copia'), admin);
    const result = await callOk(t.core, 'system.backup.restore', upload(bytes, PASSPHRASE), admin);
    expect(result.safetyCopy).toMatch(/prima-del-ripristino\.sqlite$/);
    expect(t.core.store.raw.prepare("SELECT count(*) n FROM users WHERE username = 'dopo.la.copia'").get()).toEqual({ n: 0 });
  }, 60_000);

  it('is refused without the passphrase, with a wrong one, or tampered with — and nothing changes', async () => {
    const { bytes } = await encryptedCopy();
    await callOk(t.core, 'auth.users.create', newUser('resta'), admin);
    const before = content();
    const refused = async (input: ReturnType<typeof upload>): Promise<ApiErrorBody> => {
      const error = await callRefused(t.core, 'system.backup.restore', input, admin);
      expect(content()).toBe(before);
      expect(safetyCopies()).toEqual([]);
      // the session is still valid: nothing was restored
      expect(await callOk(t.core, 'system.backup.status', {}, admin)).toEqual({ passphraseSet: true });
      return error;
    };

    expect(await refused(upload(bytes))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Il backup è cifrato: inserire la passphrase/), fields: { passphrase: expect.any(String) } });
    expect(await refused(upload(bytes, 'passphrase sbagliata'))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Passphrase errata/), fields: { passphrase: 'Passphrase errata' } });

    const flipped = Buffer.from(bytes);
    flipped[56 + Math.floor((bytes.length - 72) / 2)]! ^= 0x01; // one bit of the database
    expect((await refused(upload(flipped, PASSPHRASE))).message).toMatch(/alterato o è danneggiato/);
    const tag = Buffer.from(bytes);
    tag[tag.length - 1]! ^= 0x80;
    expect((await refused(upload(tag, PASSPHRASE))).message).toMatch(/alterato o è danneggiato/);
    const version = Buffer.from(bytes);
    version[8] = 9;
    expect((await refused(upload(version, PASSPHRASE))).message).toMatch(/versione più recente/);
    expect((await refused(upload(bytes.subarray(0, 60), PASSPHRASE))).message).toMatch(/incompleto/);
  }, 120_000);
});

describe('`ixl backup --to` and `ixl restore` with a passphrase', () => {
  let cli: string;
  beforeAll(() => {
    cli = compiledCli();
  }, BUILD_TIMEOUT);
  const ixl = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, IXL_BACKUP_PASSPHRASE: '', ...env }, timeout: 170_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('writes an encrypted copy, refuses a wrong passphrase without changing anything, restores with the right one', async () => {
    await callOk(t.core, 'system.backup.setPassphrase', { next: PASSPHRASE }, admin);
    const target = path.join(t.dir, 'fuori', 'copia.ixlbak');
    fs.mkdirSync(path.dirname(target));
    const missing = ixl(['backup', '--db', t.file, '--to', target]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/inserirla per salvare la copia/);
    expect(ixl(['backup', '--db', t.file, '--out', path.join(t.dir, 'fuori')]).err).toMatch(/usare --to FILE/);

    const saved = ixl(['backup', '--db', t.file, '--to', target], { IXL_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(saved.err).toBe('');
    expect(saved.out).toContain(`Copia cifrata salvata: ${target}`);
    const bytes = fs.readFileSync(target);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('IXLBKENC');
    expect(bytes.includes(SQLITE_MAGIC)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['copia.ixlbak']);

    await callOk(t.core, 'auth.users.create', newUser('dopo.la.copia'), admin);
    const before = content();
    const wrong = ixl(['restore', '--db', t.file, '--from', target], { IXL_BACKUP_PASSPHRASE: 'non è questa' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/Passphrase errata: il backup cifrato non è stato aperto e non è cambiato nulla/);
    expect(content()).toBe(before);
    expect(safetyCopies()).toEqual([]);

    const right = ixl(['restore', '--db', t.file, '--from', target], { IXL_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(right.err).toBe('');
    expect(right.out).toMatch(/Database ripristinato da copia\.ixlbak/);
    expect(t.core.store.raw.prepare("SELECT count(*) n FROM users WHERE username = 'dopo.la.copia'").get()).toEqual({ n: 0 });
  }, 240_000);
});
