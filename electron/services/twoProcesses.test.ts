import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCodiceFiscale } from '../domain/codiceFiscale';
import { formatPactNumber } from '../domain/pacts';
import { partitaIvaCheckDigit } from '../domain/partitaIva';
import { callOk } from '../testing/calls';
import { sqlAll, sqlValue } from '../testing/sql';
import { setupAdmin, tempCore, type TempCore } from '../testing/tempDb';

/**
 * Two programs on one SQLite file (two windows, `ixl serve` and the CLI): each write transaction
 * takes the write lock when it begins, so when both write at once the second waits for the first,
 * instead of failing with SQLITE_BUSY when it tries to turn its read into a write.
 */
let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
});
afterAll(async () => {
  await t.cleanup();
});

const WRITER = path.join(__dirname, '..', 'testing', 'pactWriter.ts');

/** Runs the writer in its own process; resolves with the errors it reports. */
function writer(startMs: number, count: number, input: unknown): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, t.file, String(startMs), String(count), JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`il processo di scrittura è uscito con ${code}: ${err}`));
      resolve((JSON.parse(out.trim().split('\n').pop() ?? '{}') as { errors: unknown[] }).errors);
    });
  });
}

describe('two processes writing to one SQLite file', () => {
  it('each creates 40 pacts at the same time: all 80 saved, numbered one after another, none refused', async () => {
    const admin = await setupAdmin(t.core);
    const taxCode = computeCodiceFiscale({ lastName: 'Doppi', firstName: 'Ugo', sex: 'M', birthDate: '1977-07-07', birthPlaceCode: 'A944' });
    const { personId } = await callOk(t.core, 'people.create', { lastName: 'Doppi', firstName: 'Ugo', sex: 'M', birthDate: '1977-07-07', birthPlaceCode: 'A944', taxCode, domicileIstat: '037006', privacyAcknowledgedOn: '2024-01-15' }, admin);
    const vat = '0000000456' + String(partitaIvaCheckDigit('0000000456'));
    const { companyId } = await callOk(t.core, 'companies.create', { name: 'Due Processi S.r.l.', vatNumber: vat, seatIstat: '037006', legalRepName: 'Ada Conti', legalRepRole: 'Titolare' }, admin);
    const prefill = await callOk(t.core, 'pacts.prefill', { personId, companyId }, admin);
    const input = { personId, companyId, interventionId: null, fields: { ...prefill.values!, modes: ['inserimento'] } };

    // both start writing at the same instant, once both have started (tsx takes a few seconds to start)
    const start = Date.now() + 8_000;
    const [first, second] = await Promise.all([writer(start, 40, input), writer(start, 40, input)]);
    expect([...first, ...second]).toEqual([]);
    const year = Number(new Date().toISOString().slice(0, 4));
    const numbers = await sqlAll<{ number: string }>(t.core.store, 'SELECT number FROM pacts ORDER BY number');
    expect(numbers.map((n) => n.number)).toEqual(Array.from({ length: 80 }, (_, i) => formatPactNumber(year, i + 1)));
    expect(Number(await sqlValue(t.core.store, "SELECT count(*) FROM audit_log WHERE entity = 'patto' AND action = 'crea'"))).toBe(80);
  }, 120_000);
});
