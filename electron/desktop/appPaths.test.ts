import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { databaseFile, preloadFile, rendererRoot, resourcesDir, windowStateFile } from './appPaths';

describe('appPaths', () => {
  const userData = path.resolve('/home/ada/.config/IXL Desk');

  it('puts the database in userData unless IXL_DB says otherwise', () => {
    expect(databaseFile(userData, {})).toBe(path.join(userData, 'ixl-desk.sqlite'));
    expect(databaseFile(userData, { IXL_DB: '  ' })).toBe(path.join(userData, 'ixl-desk.sqlite'));
    expect(databaseFile(userData, { IXL_DB: '/srv/ixl/ufficio.sqlite' })).toBe(path.resolve('/srv/ixl/ufficio.sqlite'));
  });

  it('keeps the window state beside it', () => {
    expect(windowStateFile(userData)).toBe(path.join(userData, 'window-state.json'));
  });

  it('finds the renderer and the preload from the compiled main.js', () => {
    const mainDir = path.resolve('/app/build/electron/electron/desktop');
    expect(rendererRoot(mainDir)).toBe(path.resolve('/app/build/renderer'));
    expect(preloadFile(mainDir)).toBe(path.join(mainDir, 'preload.js'));
  });

  it('finds resources/ packaged and in development', () => {
    expect(resourcesDir(true, '/opt/IXL Desk/resources', '/x')).toBe(path.join('/opt/IXL Desk/resources', 'resources'));
    expect(resourcesDir(false, '/ignored', '/work/main')).toBe(path.join('/work/main', 'resources'));
  });
});
