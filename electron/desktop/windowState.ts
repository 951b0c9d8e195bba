import fs from 'node:fs';
import path from 'node:path';

/**
 * The main window's remembered size, position and maximized flag (a small JSON file in userData).
 * A saved state is trusted only after clamping it to the displays present now: a monitor may have
 * been unplugged or the resolution lowered since.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the window manager centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1366, height: 768 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;
/** How much of the window's top edge (its title bar) must lie on a display to be reachable. */
const VISIBLE = { width: 120, height: 40 } as const;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The first work area holding enough of the window's title bar to grab it with the mouse. */
function displayShowing(bounds: Rect, workAreas: readonly Rect[]): Rect | undefined {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE.height };
  return workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= VISIBLE.width && o.height >= VISIBLE.height;
  });
}

function fitSize(width: number, height: number, area: Rect | undefined): { width: number; height: number } {
  // never below the minimum, never beyond the display (unless the display is smaller than the minimum)
  const maxW = area ? Math.max(MIN_SIZE.width, area.width) : Infinity;
  const maxH = area ? Math.max(MIN_SIZE.height, area.height) : Infinity;
  return {
    width: Math.round(Math.min(Math.max(width, MIN_SIZE.width), maxW)),
    height: Math.round(Math.min(Math.max(height, MIN_SIZE.height), maxH)),
  };
}

/** The state for a first start: default size (fitted to the primary display), centred. */
export function defaultWindowState(primary?: Rect): WindowState {
  return { ...fitSize(DEFAULT_SIZE.width, DEFAULT_SIZE.height, primary), maximized: false };
}

/**
 * Makes a saved state safe to apply: sizes at least the minimum and at most the display; a window
 * whose title bar would be off every display gets the default size, centred.
 * `workAreas[0]` is taken as the primary display.
 */
export function clampWindowState(saved: Partial<WindowState> | null | undefined, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  const fallback = defaultWindowState(primary);
  if (!saved) return fallback;
  const maximized = saved.maximized === true;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!finite(saved.width) || !finite(saved.height)) return { ...fallback, maximized };
  if (!finite(saved.x) || !finite(saved.y)) return { ...fitSize(saved.width, saved.height, primary), maximized };

  const wanted = { x: saved.x, y: saved.y, ...fitSize(saved.width, saved.height, undefined) };
  const area = displayShowing(wanted, workAreas);
  if (!area) return { ...fallback, maximized };
  const size = fitSize(wanted.width, wanted.height, area);
  // pull the window back inside the display it is on, now that it may have shrunk
  const x = Math.round(Math.min(Math.max(wanted.x, area.x), area.x + Math.max(0, area.width - size.width)));
  const y = Math.round(Math.min(Math.max(wanted.y, area.y), area.y + Math.max(0, area.height - size.height)));
  return { x, y, ...size, maximized };
}

/** Reads and clamps the saved state; a missing or unreadable file gives the default. */
export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let saved: Partial<WindowState> | null = null;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) saved = parsed as Partial<WindowState>;
  } catch {
    // first start or a damaged file: the default is fine
  }
  return clampWindowState(saved, workAreas);
}

/** Writes the state atomically (temporary file + rename), so a crash never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const clean: WindowState = { width: Math.round(state.width), height: Math.round(state.height), maximized: state.maximized };
  if (state.x !== undefined && state.y !== undefined) Object.assign(clean, { x: Math.round(state.x), y: Math.round(state.y) });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(clean, null, 2));
  fs.renameSync(tmp, file);
}
