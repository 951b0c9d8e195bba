import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { backupDirFor, backupsIn } from './backup';
import { sqlOne } from '../../testing/sql';

let t: TempCore;
let token: string;
beforeEach(async () => {
  t = await tempCore();
  token = await setupAdmin(t.core);
});
afterEach(async () => {
  await t.cleanup();
});

const userCount = async () => ((await sqlOne(t.core.store, 'SELECT count(*) n FROM users')) as { n: number }).n;
const createUser = (username: string) => t.core.call('auth.users.create', { fullName: username, username, role: 'operatore', password: 'password-lunga-1' }, token);

describe('backups', () => {
  it('back up now, keep only the newest N', async () => {
    await t.core.call('system.settings.update', { backupKeep: 2 }, token);
    for (let i = 0; i < 3; i++) expect(await t.core.call('system.backup.now', {}, token)).toMatchObject({ ok: true });
    const list = await t.core.call('system.backup.list', {}, token);
    expect(list.ok && (list.result as unknown[]).length).toBe(2);
    expect(backupsIn(backupDirFor(t.file)).every((b) => b.fileName.endsWith('-manuale.sqlite'))).toBe(true);
  });

  it('restore a listed backup, keeping a copy of the replaced database', async () => {
    const backup = await t.core.call('system.backup.now', {}, token);
    if (!backup.ok) throw new Error(backup.error.message);
    await createUser('dopo.il.backup');
    expect((await userCount())).toBe(2);
    const outcome = await t.core.call('system.backup.restore', { fileName: (backup.result as { fileName: string }).fileName }, token);
    expect(outcome).toMatchObject({ ok: true, result: { safetyCopy: expect.stringMatching(/prima-del-ripristino\.sqlite$/) } });
    expect((await userCount())).toBe(1);
    // sessions end with a restore
    expect(await t.core.call('dashboard.counts', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // the safety copy holds the data that was replaced
    const safety = (outcome as { result: { safetyCopy: string } }).result.safetyCopy;
    expect(fs.existsSync(path.join(backupDirFor(t.file), safety))).toBe(true);
  });

  it('refuse a damaged or foreign file and change nothing', async () => {
    await createUser('resta.qui');
    const garbage = Buffer.from('questo non è un database').toString('base64');
    const outcome = await t.core.call('system.backup.restore', { uploadName: 'rotto.sqlite', contentBase64: garbage }, token);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/non è un database SQLite/) } });
    expect((await userCount())).toBe(2);
    expect(backupsIn(backupDirFor(t.file)).some((b) => b.fileName.includes('prima-del-ripristino'))).toBe(false);
  });

  it('restore an uploaded copy', async () => {
    const backup = await t.core.call('system.backup.now', {}, token);
    const name = (backup as { result: { fileName: string } }).result.fileName;
    const bytes = fs.readFileSync(path.join(backupDirFor(t.file), name)).toString('base64');
    await createUser('sparira');
    const outcome = await t.core.call('system.backup.restore', { uploadName: 'copia.sqlite', contentBase64: bytes }, token);
    expect(outcome).toMatchObject({ ok: true, result: { restoredFrom: 'copia.sqlite' } });
    expect((await userCount())).toBe(1);
  });
});
