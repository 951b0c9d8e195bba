import { describe, it, expect } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from './window';
import { MIN_SIZE } from './windowState';

describe('window options', () => {
  it('turn on every security flag', () => {
    const prefs = secureWebPreferences('/app/preload.js');
    expect(prefs).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
  });

  it('apply the remembered bounds with the minimum size and hidden until ready', () => {
    const options = mainWindowOptions('/p.js', { x: 10, y: 20, width: 1400, height: 900, maximized: false });
    expect(options).toMatchObject({ x: 10, y: 20, width: 1400, height: 900, minWidth: MIN_SIZE.width, minHeight: MIN_SIZE.height, show: false, title: 'IXL Desk' });
    expect(options.webPreferences?.sandbox).toBe(true);
  });

  it('centre the window when no position is remembered', () => {
    const options = mainWindowOptions('/p.js', { width: 1366, height: 768, maximized: false });
    expect(options.center).toBe(true);
    expect(options).not.toHaveProperty('x');
  });
});
