import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { AppError } from '../../contract/errors';

/**
 * Encrypted backup copies (the copies that leave the app's folder when a backup passphrase is set):
 * AES-256-GCM with a key derived from the passphrase by scrypt. The file is
 *
 *   header (56 bytes) | ciphertext (as long as the database) | GCM tag (16 bytes)
 *
 * header = magic "IXLBKENC" | version 1 | log2(N) | r | p | salt (16) | IV (12) | key check (16).
 * scrypt gives 64 bytes: the first 32 are the AES key, the next 16 the key check, which tells a
 * wrong passphrase at once, before anything is decrypted. The whole header is the GCM additional
 * data, so a changed parameter fails the tag like a changed byte of the database does. Both ways
 * stream a chunk at a time: a 500 MB database needs no more memory than a small one.
 */
export const ENCRYPTED_MAGIC = Buffer.from('IXLBKENC', 'ascii');
const VERSION = 1;
const HEADER_LENGTH = 56;
const TAG_LENGTH = 16;
const LOG2_N = 15;
const R = 8;
const P = 1;

export const WRONG_PASSPHRASE = 'Passphrase errata: il backup cifrato non è stato aperto e non è cambiato nulla';
export const TAMPERED = 'Il backup cifrato è stato alterato o è danneggiato (verifica di autenticità non superata): ripristino rifiutato, non è cambiato nulla';

/** True when the file starts with the magic string of an encrypted backup. */
export function isEncryptedBackup(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(ENCRYPTED_MAGIC.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(ENCRYPTED_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

function derive(passphrase: string, salt: Buffer, log2n: number, r: number, p: number): Promise<{ key: Buffer; check: Buffer }> {
  const N = 2 ** log2n;
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 64, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, out) =>
      err ? reject(err) : resolve({ key: out.subarray(0, 32), check: out.subarray(32, 48) }),
    ),
  );
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain');
}

/** Encrypts the file `source` into `out` (which it does not end), a chunk at a time. */
export async function encryptTo(source: string, out: Writable, passphrase: string): Promise<void> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, check } = await derive(passphrase, salt, LOG2_N, R, P);
  const header = Buffer.concat([ENCRYPTED_MAGIC, Buffer.from([VERSION, LOG2_N, R, P]), salt, iv, check]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  await write(out, header);
  for await (const chunk of fs.createReadStream(source, { highWaterMark: 1024 * 1024 })) await write(out, cipher.update(chunk as Buffer));
  await write(out, cipher.final());
  await write(out, cipher.getAuthTag());
}

/** Encrypts `source` into the new file `target`. */
export async function encryptFile(source: string, target: string, passphrase: string): Promise<void> {
  const out = fs.createWriteStream(target, { mode: 0o600 });
  const closed = once(out, 'close');
  closed.catch(() => undefined); // a write error is thrown by the step that meets it
  try {
    await encryptTo(source, out, passphrase);
  } catch (error) {
    out.destroy();
    fs.rmSync(target, { force: true });
    throw error;
  }
  out.end();
  await closed;
}

/**
 * Decrypts the encrypted backup `source` into `target` and checks its GCM tag; throws an Italian
 * VALIDATION error (the target removed) for a wrong passphrase, a tampered or truncated file.
 */
export async function decryptFile(source: string, target: string, passphrase: string): Promise<void> {
  const size = fs.statSync(source).size;
  const fd = fs.openSync(source, 'r');
  const header = Buffer.alloc(HEADER_LENGTH);
  const tag = Buffer.alloc(TAG_LENGTH);
  try {
    if (size < HEADER_LENGTH + TAG_LENGTH) throw new AppError('VALIDATION', 'Il backup cifrato è incompleto: ripristino rifiutato');
    fs.readSync(fd, header, 0, HEADER_LENGTH, 0);
    fs.readSync(fd, tag, 0, TAG_LENGTH, size - TAG_LENGTH);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)) throw new AppError('VALIDATION', 'Il file non è un backup cifrato di IXL Desk');
  const [version, log2n, r, p] = header.subarray(8, 12);
  if (version !== VERSION) throw new AppError('VALIDATION', 'Il backup cifrato è stato creato da una versione più recente di IXL Desk: aggiornare l’applicazione');
  // bounds on the cost, so that a crafted header cannot make scrypt take the machine
  if (log2n === undefined || r === undefined || p === undefined || log2n < 10 || log2n > 20 || r < 1 || r > 16 || p < 1 || p > 4) throw new AppError('VALIDATION', TAMPERED);
  const salt = header.subarray(12, 28);
  const iv = header.subarray(28, 40);
  const { key, check } = await derive(passphrase, salt, log2n, r, p);
  if (!timingSafeEqual(check, header.subarray(40, 56))) throw new AppError('VALIDATION', WRONG_PASSPHRASE, { passphrase: 'Passphrase errata' });

  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const out = fs.createWriteStream(target, { mode: 0o600 });
  const closed = once(out, 'close');
  closed.catch(() => undefined); // a write error is thrown by the step that meets it
  try {
    if (size > HEADER_LENGTH + TAG_LENGTH) {
      for await (const chunk of fs.createReadStream(source, { start: HEADER_LENGTH, end: size - TAG_LENGTH - 1, highWaterMark: 1024 * 1024 })) {
        await write(out, decipher.update(chunk as Buffer));
      }
    }
    let last: Buffer;
    try {
      last = decipher.final();
    } catch {
      throw new AppError('VALIDATION', TAMPERED);
    }
    await write(out, last);
    out.end();
    await closed;
  } catch (error) {
    out.destroy();
    fs.rmSync(target, { force: true });
    throw error;
  }
}
