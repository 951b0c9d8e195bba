import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseFile, localDatabaseFile } from '../desktop/appPaths';
import { databaseSettingsFile, type DatabaseSettingsPlace } from './savedDatabase';

/** Paths for the Node hosts (CLI, web host) that run without Electron; appPaths.ts has the desktop app's. */

/** The folder Electron's app.getPath('userData') gives for "IXL Desk", computed without Electron. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'IXL Desk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'IXL Desk');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'IXL Desk');
}

/** The database the desktop app uses, or `IXL_DB` when set: the browser mode and the CLI open the same file. */
export function defaultDbFile(env: NodeJS.ProcessEnv = process.env): string {
  return databaseFile(userDataDir(env), env);
}

/**
 * Where the browser mode keeps the database chosen in Impostazioni → Database: the same file as the
 * desktop app, without a keychain (no password kept). `override`: the --db or IXL_DB that wins over it.
 */
export function nodeDatabaseSettings(override: string | null, env: NodeJS.ProcessEnv = process.env): DatabaseSettingsPlace {
  const dir = userDataDir(env);
  return { file: databaseSettingsFile(dir), box: null, localFile: localDatabaseFile(dir), override };
}

/** build/renderer of the project, found from this file both under tsx (electron/shared/) and compiled (build/electron/electron/shared/). */
export function rendererDir(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'build', 'renderer');
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '..', '..', '..', 'renderer');
    dir = parent;
  }
}
