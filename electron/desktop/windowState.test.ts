import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { clampWindowState, DEFAULT_SIZE, loadWindowState, MIN_SIZE, saveWindowState, type Rect } from './windowState';

const FULL_HD: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT_MONITOR: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('clampWindowState', () => {
  it('keeps a state that fits', () => {
    expect(clampWindowState({ x: 100, y: 50, width: 1400, height: 900, maximized: true }, [FULL_HD])).toEqual({ x: 100, y: 50, width: 1400, height: 900, maximized: true });
  });

  it('gives the default, centred, with nothing saved', () => {
    expect(clampWindowState(null, [FULL_HD])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('puts an off-screen window back to the default size, centred', () => {
    expect(clampWindowState({ x: 5000, y: 3000, width: 1200, height: 800, maximized: false }, [FULL_HD])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    // its monitor was unplugged
    expect(clampWindowState({ x: 2200, y: 100, width: 1600, height: 1000, maximized: true }, [FULL_HD])).toEqual({ ...DEFAULT_SIZE, maximized: true });
    // title bar above the top of the screen
    expect(clampWindowState({ x: 100, y: -700, width: 1200, height: 800, maximized: false }, [FULL_HD])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('keeps a window on a second monitor that is still there', () => {
    expect(clampWindowState({ x: 2200, y: 100, width: 1600, height: 1000, maximized: false }, [FULL_HD, RIGHT_MONITOR])).toEqual({ x: 2200, y: 100, width: 1600, height: 1000, maximized: false });
  });

  it('raises a too small window to the minimum', () => {
    expect(clampWindowState({ x: 10, y: 10, width: 300, height: 200, maximized: false }, [FULL_HD])).toEqual({ x: 10, y: 10, ...MIN_SIZE, maximized: false });
  });

  it('shrinks a window larger than its display and pulls it inside', () => {
    const laptop: Rect = { x: 0, y: 0, width: 1366, height: 728 };
    expect(clampWindowState({ x: 300, y: 20, width: 1920, height: 1080, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('fits the default size to a small primary display', () => {
    expect(clampWindowState(null, [{ x: 0, y: 0, width: 1280, height: 680 }])).toEqual({ width: 1280, height: 680, maximized: false });
  });

  it('ignores nonsense values', () => {
    expect(clampWindowState({ x: 0, y: 0, width: Number.NaN, height: 900, maximized: false }, [FULL_HD])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    expect(clampWindowState({ width: 1200, height: 800 } as never, [FULL_HD])).toEqual({ width: 1200, height: 800, maximized: false });
  });
});

describe('loadWindowState / saveWindowState', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-winstate-'));

  it('round-trips through the JSON file', () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    saveWindowState(file, { x: 40.4, y: 30, width: 1500.6, height: 850, maximized: true });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ x: 40, y: 30, width: 1501, height: 850, maximized: true });
    expect(loadWindowState(file, [FULL_HD])).toEqual({ x: 40, y: 30, width: 1501, height: 850, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('falls back to the default for a missing or damaged file', () => {
    expect(loadWindowState(path.join(dir, 'missing.json'), [FULL_HD])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"width": 12');
    expect(loadWindowState(bad, [FULL_HD])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    fs.writeFileSync(bad, '[1, 2]');
    expect(loadWindowState(bad, [FULL_HD])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });
});
