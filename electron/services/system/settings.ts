import { AppError } from '../../contract/errors';
import type { Settings } from '../../contract/system';
import { DEFAULT_BAND_THRESHOLDS, validateBandThresholds } from '../../domain/bands';
import { write, type ServiceContext } from '../context';
import type { Store } from '../../../db/connection';

/** Defaults for every setting; the database stores only what the administrator changed. */
export const DEFAULT_SETTINGS: Settings = {
  backupKeep: 10,
  bandFragileAbove: DEFAULT_BAND_THRESHOLDS.fragileAbove,
  bandStrongBelow: DEFAULT_BAND_THRESHOLDS.strongBelow,
  retentionYears: 5,
};

/** The settings as stored (the defaults for what was never changed), for the services that depend on them. */
export async function readSettings(store: Store): Promise<Settings> {
  const rows = await store.db.selectFrom('settings').select(['key', 'value']).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(settings) as (keyof Settings)[]) {
    if (typeof stored[key] === 'number') settings[key] = stored[key];
  }
  return settings;
}

export function getSettings(ctx: ServiceContext): Promise<Settings> {
  return readSettings(ctx.store);
}

export async function updateSettings(ctx: ServiceContext, patch: Partial<Settings>): Promise<Settings> {
  const before = await readSettings(ctx.store);
  const after = { ...before, ...patch };
  const bandError = validateBandThresholds({ fragileAbove: after.bandFragileAbove, strongBelow: after.bandStrongBelow });
  if (bandError) throw new AppError('VALIDATION', bandError, { bandStrongBelow: bandError });
  return write(ctx, async (trx) => {
    for (const [key, value] of Object.entries(patch)) {
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    }
    return { result: after, audit: { action: 'modifica', entity: 'impostazioni', before, after } };
  });
}
