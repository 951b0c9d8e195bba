import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, compiledCli } from '../testing/cli';
import { pdfFlatText, pdfText } from '../testing/pdf';

/** `ixl patto` as a user runs it: a real process (the compiled CLI) on a real (demo) database. */
let cli: string;
let dir: string;
let db: string;

function ixl(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function query<T>(sql: string, ...params: unknown[]): T {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).get(...params) as T;
  } finally {
    conn.close();
  }
}

beforeAll(() => {
  cli = compiledCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-patto-cli-'));
  db = path.join(dir, 'ixl.sqlite');
  const seeded = ixl(['seed', '--db', db, '--scale', 'demo', '--seed', '5']);
  if (seeded.code !== 0) throw new Error(seeded.err);
}, BUILD_TIMEOUT);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ixl patto', () => {
  it('saves a pact’s PDF with its data, and audits the export', async () => {
    const pact = query<{ id: number; number: string; person_last_name: string; seat_city: string }>(
      "SELECT id, number, person_last_name, seat_city FROM pacts WHERE status = 'firmato' ORDER BY id LIMIT 1",
    );
    const out = path.join(dir, 'uscita', 'patto.pdf');
    const r = ixl(['patto', '--db', db, '--id', String(pact.id), '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Patto salvato in ${out}`);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfFlatText(out);
    expect(text).toContain('PATTO PER IL BUON LAVORO');
    expect(text).toContain(pact.person_last_name);
    expect(text).toContain(pact.seat_city);
    expect(text).toContain(`Patto n. ${pact.number}`);
    expect(query<{ username: string }>("SELECT username FROM audit_log WHERE entity = 'patto' AND action = 'scarica_pdf' AND entity_id = ?", String(pact.id))).toEqual({ username: 'sistema' });
  }, 120_000);

  it('saves the blank form without any database', async () => {
    const out = path.join(dir, 'vuoto.pdf');
    const r = ixl(['patto', '--blank', '--out', out, '--db', path.join(dir, 'non-esiste.sqlite')]);
    expect(r.code, r.err).toBe(0);
    expect(fs.existsSync(path.join(dir, 'non-esiste.sqlite'))).toBe(false);
    const text = await pdfText(out);
    expect(text).toContain('PATTO PER IL BUON LAVORO');
    expect(text).not.toContain('☒');
  }, 120_000);

  it('explains mistakes in Italian', () => {
    const noOut = ixl(['patto', '--db', db, '--id', '1']);
    expect(noOut.code).toBe(64);
    expect(noOut.err).toContain('Indicare il file da scrivere con --out FILE.pdf');
    const missing = ixl(['patto', '--db', db, '--id', '999999', '--out', path.join(dir, 'x.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Patto non trovato');
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  }, 240_000);
});
