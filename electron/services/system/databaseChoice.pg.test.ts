import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOk, callRefused } from '../../testing/calls';
import { sqlOne } from '../../testing/sql';
import { setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { openingLocation, readSaved, type SecretBox } from '../../shared/savedDatabase';

/**
 * «Verifica connessione» and saving a server, against the test PostgreSQL server: a good server is
 * described in Italian (connection, schema level, rights), a wrong password or a TLS the server lacks
 * is refused in Italian; a saved password is kept only encrypted by the host's keychain.
 */
let t: TempCore;
let admin: string;
let settingsFile: string;
const base = new URL(process.env.IXL_TEST_PG!);
// the test's own database: a connection to the template would hold up every CREATE DATABASE … TEMPLATE
let good: { host: string; port: number; database: string; user: string; password: string; sslmode: 'disable'; caFile: null };
const server = {
  host: base.hostname,
  port: Number(base.port),
  user: decodeURIComponent(base.username),
  password: decodeURIComponent(base.password),
  sslmode: 'disable' as const,
  caFile: null,
};
/** A keychain stand-in that a test can read: reversible, never the plain text. */
const box: SecretBox = {
  encrypt: (text) => Buffer.from(`cifrato:${[...text].reverse().join('')}`).toString('base64'),
  decrypt: (data) => [...Buffer.from(data, 'base64').toString().slice('cifrato:'.length)].reverse().join(''),
};

beforeAll(async () => {
  t = await tempCore();
  good = { ...server, database: new URL(t.file).pathname.slice(1) };
  admin = await setupAdmin(t.core);
  settingsFile = path.join(t.dir, 'database.json');
  t.core.databaseSettings = { file: settingsFile, box, localFile: path.join(t.dir, 'ixl-desk.sqlite'), override: null };
});
afterAll(async () => {
  await t.cleanup();
});

describe('checking a server', () => {
  it('reports the connection, the schema level and the user’s rights', async () => {
    const check = await callOk(t.core, 'system.database.check', good, admin);
    expect(check.ok).toBe(true);
    expect(check.findings).toEqual([
      { level: 'attenzione', text: `Connessione riuscita a ${base.host}, database «${good.database}», utente «${good.user}», non cifrata: usarla solo su una rete fidata.` },
      { level: 'ok', text: expect.stringMatching(/^Lo schema è aggiornato a questa versione \(migrazione \d+\)\.$/) },
      { level: 'attenzione', text: `L’utente «${good.user}» è il proprietario dello schema e può modificare tutto: per le postazioni usare il ruolo dell’applicazione.` },
    ]);
  });

  it('says in Italian that the password is wrong, without showing it', async () => {
    const check = await callOk(t.core, 'system.database.check', { ...good, password: 'sbagliata' }, admin);
    expect(check).toEqual({
      ok: false,
      findings: [{ level: 'errore', text: expect.stringContaining(`Accesso rifiutato dal server ${base.host}: password errata o mancante per l’utente «${good.user}»`) }],
    });
    expect(JSON.stringify(check)).not.toContain('sbagliata');
  });

  it('says in Italian that the server has no TLS when the settings require it', async () => {
    const check = await callOk(t.core, 'system.database.check', { ...good, sslmode: 'require' }, admin);
    expect(check.findings).toEqual([{ level: 'errore', text: expect.stringContaining('non accetta connessioni cifrate (TLS)') }]);
  });
});

describe('saving a server', () => {
  it('keeps the password only encrypted, shows the address without it, and audits the change', async () => {
    const choice = await callOk(t.core, 'system.database.save', { kind: 'server', server: good }, admin);
    const location = `postgres://${good.user}@${base.host}/${good.database}?sslmode=disable`;
    expect(choice.next).toEqual({ engine: 'postgres', location, server: { ...good, password: undefined }, passwordSaved: true });
    const text = fs.readFileSync(settingsFile, 'utf8');
    expect(text).not.toContain(good.password);
    expect(openingLocation(readSaved(settingsFile)!, box)).toBe(`postgres://${good.user}:${encodeURIComponent(good.password)}@${base.host}/${good.database}?sslmode=disable`);
    const row = await sqlOne<{ after_json: string }>(t.core.store, "SELECT after_json FROM audit_log WHERE entity = 'database' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(row!.after_json)).toEqual({ databaseAtNextStart: location, passwordSaved: true });
    expect(row!.after_json).not.toContain(good.password);
  });

  it('without a keychain keeps no password (PGPASSWORD or ~/.pgpass then give it)', async () => {
    t.core.databaseSettings = { ...t.core.databaseSettings!, box: null };
    const choice = await callOk(t.core, 'system.database.save', { kind: 'server', server: good }, admin);
    expect(choice).toMatchObject({ next: { engine: 'postgres', passwordSaved: false }, canSavePassword: false });
    expect(readSaved(settingsFile)).toEqual({ location: `postgres://${good.user}@${base.host}/${good.database}?sslmode=disable` });
  });

  it('refuses a wrong password and keeps the previous choice', async () => {
    const before = fs.readFileSync(settingsFile, 'utf8');
    const error = await callRefused(t.core, 'system.database.save', { kind: 'server', server: { ...good, password: 'sbagliata' } }, admin);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Server non salvato: Accesso rifiutato dal server') });
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(before);
  });
});
