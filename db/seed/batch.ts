import type BetterSqlite3 from 'better-sqlite3';

export type ProgressCallback = (done: number, total: number, label: string) => void;

/**
 * Overall progress across phases: each phase is declared up front with an estimated size in rows,
 * so `done` grows monotonically towards a fixed `total`.
 */
export class Progress {
  private readonly offsets = new Map<string, { offset: number; units: number }>();
  readonly total: number;

  constructor(
    phases: readonly (readonly [string, number])[],
    private readonly callback: ProgressCallback | undefined,
  ) {
    let offset = 0;
    for (const [label, units] of phases) {
      const size = Math.max(1, Math.round(units));
      this.offsets.set(label, { offset, units: size });
      offset += size;
    }
    this.total = offset;
  }

  /** Reports `done` of `of` in the phase `label`. */
  update(label: string, done: number, of: number): void {
    const phase = this.offsets.get(label);
    if (!phase || !this.callback) return;
    const share = of <= 0 ? 1 : Math.min(1, done / of);
    this.callback(phase.offset + Math.round(phase.units * share), this.total, label);
  }
}

/**
 * Runs body(i) for i in [0, count) in transactions of `chunk` iterations each, calling
 * afterChunk with the number done so far after each commit.
 */
export function inChunks(
  db: BetterSqlite3.Database,
  count: number,
  chunk: number,
  body: (i: number) => void,
  afterChunk: (done: number) => void,
): void {
  for (let start = 0; start < count; start += chunk) {
    const end = Math.min(count, start + chunk);
    db.transaction(() => {
      for (let i = start; i < end; i++) body(i);
    })();
    afterChunk(end);
  }
  if (count === 0) afterChunk(0);
}
