import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookupPassword, passwordFile } from './pgpass';

/** The password file as libpq reads it (the connection through it is in config.test.ts). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-pgpass-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(text: string, mode = 0o600): string {
  const name = path.join(dir, `pgpass-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(name, text, { mode });
  fs.chmodSync(name, mode);
  return name;
}
const target = { host: 'db.ufficio.local', port: 5432, database: 'ixl', user: 'ixl_app' };

describe('the password file', () => {
  it('is PGPASSFILE, else ~/.pgpass, else on Windows %APPDATA%\\postgresql\\pgpass.conf', () => {
    expect(passwordFile({ PGPASSFILE: '/x/pw' }, 'linux')).toBe('/x/pw');
    expect(passwordFile({}, 'linux')).toBe(path.join(os.homedir(), '.pgpass'));
    expect(passwordFile({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\ada\\AppData\\Roaming', 'postgresql', 'pgpass.conf'));
  });

  it('gives the first line that matches, with * for anything and \\ escaping : and \\', () => {
    const PGPASSFILE = file(
      [
        '# altri server',
        'altro:5432:*:*:no',
        'db.ufficio.local:5432:ixl:ixl_owner:del-proprietario',
        'db.ufficio.local:*:ixl:ixl_app:pa\\:ss\\\\w:ord',
        '*:*:*:*:ultima',
      ].join('\n'),
    );
    expect(lookupPassword(target, { PGPASSFILE }, 'linux')).toBe('pa:ss\\w:ord');
    expect(lookupPassword({ ...target, user: 'ixl_owner' }, { PGPASSFILE }, 'linux')).toBe('del-proprietario');
    expect(lookupPassword({ ...target, host: 'nuovo' }, { PGPASSFILE }, 'linux')).toBe('ultima');
  });

  it('is not read when PGPASSWORD is set, nor when others can read it, nor when missing', () => {
    const PGPASSFILE = file('*:*:*:*:dal-file');
    expect(lookupPassword(target, { PGPASSFILE, PGPASSWORD: 'da-env' }, 'linux')).toBe('da-env');
    if (process.platform !== 'win32') expect(lookupPassword(target, { PGPASSFILE: file('*:*:*:*:dal-file', 0o644) }, 'linux')).toBeUndefined();
    expect(lookupPassword(target, { PGPASSFILE: path.join(dir, 'manca') }, 'linux')).toBeUndefined();
  });
});
