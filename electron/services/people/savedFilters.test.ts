import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedFilter } from '../../contract/people';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlAll } from '../../testing/sql';

describe('people.savedFilters', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let operator = '';
  let other = '';

  beforeAll(async () => {
    const admin = await setupAdmin(t.core);
    operator = await loginAs(t.core, admin, 'operatore');
    other = await loginAs(t.core, admin, 'sola_lettura');
  });
  afterAll(() => t.cleanup());

  const call = async <T>(method: string, input: unknown, token: string): Promise<T> => {
    const outcome = await t.core.call(method, input, token);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.result as T;
  };
  const audits = async () => (await sqlAll(t.core.store, "SELECT action FROM audit_log WHERE entity = 'filtro_salvato' ORDER BY id")) as { action: string }[];

  it('saves per user; the same name replaces the filter', async () => {
    const saved = await call<SavedFilter>('people.savedFilters.save', { name: 'Lunedì: senza colloquio', filter: { withoutInterview: true } }, operator);
    expect(saved.filter).toMatchObject({ withoutInterview: true, statuses: [], search: '' });
    await call('people.savedFilters.save', { name: 'In carico a Imola', filter: { statuses: ['in_carico'], districts: ['IMO'] } }, operator);
    const replaced = await call<SavedFilter>('people.savedFilters.save', { name: 'Lunedì: senza colloquio', filter: { withoutInterview: true, districts: ['BOL'] } }, operator);
    expect(replaced.id).toBe(saved.id);

    const mine = await call<SavedFilter[]>('people.savedFilters.list', {}, operator);
    expect(mine.map((f) => f.name)).toEqual(['In carico a Imola', 'Lunedì: senza colloquio']);
    expect(mine[1]?.filter).toMatchObject({ withoutInterview: true, districts: ['BOL'] });
    expect(await call<SavedFilter[]>('people.savedFilters.list', {}, other)).toEqual([]);
    expect((await audits()).map((a) => a.action)).toEqual(['crea', 'crea', 'modifica']);
  });

  it('deletes only the user’s own filters', async () => {
    const [first] = await call<SavedFilter[]>('people.savedFilters.list', {}, operator);
    if (!first) throw new Error('nessun filtro salvato');
    const foreign = await t.core.call('people.savedFilters.delete', { id: first.id }, other);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('people.savedFilters.delete', { id: first.id }, operator)).toEqual({ ok: true });
    expect((await call<SavedFilter[]>('people.savedFilters.list', {}, operator)).map((f) => f.id)).not.toContain(first.id);
    const again = await t.core.call('people.savedFilters.delete', { id: first.id }, operator);
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await audits()).at(-1)?.action).toBe('elimina');
  });

  it('refuses an invalid filter before writing', async () => {
    const before = (await audits()).length;
    const outcome = await t.core.call('people.savedFilters.save', { name: 'x', filter: { statuses: ['sconosciuto'] } }, operator);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await audits())).toHaveLength(before);
  });
});
