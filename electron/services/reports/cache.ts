import type { ReportModel } from '../../contract/reports';
import type { Store } from '../../../db/connection';

/**
 * The models recently shown, by id, so that the Excel and PDF exported from the Report page render
 * exactly the figures on screen (the screen asks for the model, then for the files with its id).
 * Kept per database for a few minutes; an unknown or expired id is simply recomputed.
 */
const TTL_MS = 15 * 60 * 1000;
const MAX = 8;

const byStore = new WeakMap<Store, Map<string, { model: ReportModel; at: number }>>();

export function rememberModel(store: Store, model: ReportModel, now = Date.now()): void {
  const cache = byStore.get(store) ?? new Map<string, { model: ReportModel; at: number }>();
  byStore.set(store, cache);
  cache.set(model.id, { model, at: now });
  for (const [id, entry] of cache) {
    if (now - entry.at > TTL_MS || cache.size > MAX) cache.delete(id);
  }
}

/** The remembered model with that id and period, if it has not expired. */
export function recallModel(store: Store, id: string | undefined, periodCode: string, now = Date.now()): ReportModel | null {
  if (!id) return null;
  const entry = byStore.get(store)?.get(id);
  if (!entry || now - entry.at > TTL_MS || entry.model.period.code !== periodCode) return null;
  return entry.model;
}
