import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../desktop/appPaths';
import { databaseSettingsFile, openingLocation, readSaved, toSaved, writeSaved, type SecretBox } from './savedDatabase';

/** A keychain stand-in: AES-256-GCM with a key of its own, as safeStorage encrypts with the user's. */
function testBox(key = randomBytes(32)): SecretBox {
  return {
    encrypt: (text) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
    },
    decrypt: (encoded) => {
      const raw = Buffer.from(encoded, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const SERVER = 'postgres://ixl_app@db.ufficio.local:5432/ixl?sslmode=verify-full&sslrootcert=%2Fetc%2Fixl%2Fca.pem';
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-saved-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the saved database choice', () => {
  it('keeps the password only encrypted, never in the file in plain text', () => {
    const box = testBox();
    const { saved, passwordSaved } = toSaved(SERVER, 'p@ss:w/ord', box);
    expect(passwordSaved).toBe(true);
    expect(saved.location).toBe(SERVER);
    const file = databaseSettingsFile(dir);
    writeSaved(file, saved);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('p@ss');
    expect(text).not.toContain(encodeURIComponent('p@ss:w/ord'));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(openingLocation(readSaved(file)!, box)).toBe('postgres://ixl_app:p%40ss%3Aw%2Ford@db.ufficio.local:5432/ixl?sslmode=verify-full&sslrootcert=%2Fetc%2Fixl%2Fca.pem');
    expect(decodeURIComponent(new URL(openingLocation(saved, box)).password)).toBe('p@ss:w/ord');
  });

  it('takes a password written in the URL out of it, and without a keychain keeps none', () => {
    const { saved, passwordSaved } = toSaved('postgres://ixl_app:segreta@db/ixl?password=altra', null, null);
    expect({ saved, passwordSaved }).toEqual({ saved: { location: 'postgres://ixl_app@db/ixl' }, passwordSaved: false });
    // the driver then reads PGPASSWORD or ~/.pgpass
    expect(openingLocation(saved, testBox())).toBe('postgres://ixl_app@db/ixl');
    expect(toSaved('postgres://ixl_app:segreta@db/ixl', null, testBox()).passwordSaved).toBe(true);
  });

  it('says so when the password cannot be decrypted on this computer', () => {
    const { saved } = toSaved(SERVER, 'segreta', testBox());
    expect(() => openingLocation(saved, testBox())).toThrow('La password salvata del database condiviso non si decifra su questo computer');
  });

  it('is read back as written; removing it means the local file; a damaged file is an error', () => {
    const file = databaseSettingsFile(dir);
    expect(readSaved(file)).toBeNull();
    writeSaved(file, { location: SERVER });
    expect(readSaved(file)).toEqual({ location: SERVER });
    writeSaved(file, null);
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, '{"location": "/tmp/altro.sqlite"}');
    expect(() => readSaved(file)).toThrow(`Le impostazioni del database non si leggono: ${file}`);
    expect(() => toSaved('/tmp/file.sqlite', null, null)).toThrow('Si salva solo l’indirizzo di un server PostgreSQL');
  });

  it('decides what the app opens: IXL_DB, else the saved server, else the local file', () => {
    const box = testBox();
    expect(databaseFile(dir, {}, box)).toBe(path.join(dir, 'ixl-desk.sqlite'));
    writeSaved(databaseSettingsFile(dir), toSaved(SERVER, 'segreta', box).saved);
    expect(databaseFile(dir, {}, box)).toBe(SERVER.replace('ixl_app@', 'ixl_app:segreta@'));
    expect(databaseFile(dir, {}, null)).toBe(SERVER);
    expect(databaseFile(dir, { IXL_DB: '/srv/ixl.sqlite' }, box)).toBe(path.resolve('/srv/ixl.sqlite'));
  });
});
