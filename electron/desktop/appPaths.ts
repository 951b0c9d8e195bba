import path from 'node:path';
import { resolveLocation } from '../../db/location';
import { databaseSettingsFile, openingLocation, readSaved, type SecretBox } from '../shared/savedDatabase';

/**
 * Where the desktop app finds its files (electron/paths.ts does this for the Node-only hosts).
 * The compiled main process lives in build/electron/electron/ (tsconfig outDir + rootDir), the
 * built renderer in build/renderer/.
 */

export const DB_FILE_NAME = 'ixl-desk.sqlite';
export const WINDOW_STATE_FILE_NAME = 'window-state.json';

/**
 * The database: `IXL_DB` when set (a file, or a postgres:// URL for a shared server), else the server
 * chosen in Impostazioni → Database (its saved password decrypted by `box`), else the file in the
 * user data folder.
 */
export function databaseFile(userDataDir: string, env: NodeJS.ProcessEnv = process.env, box: SecretBox | null = null): string {
  const override = env.IXL_DB?.trim();
  if (override) return resolveLocation(override);
  const saved = readSaved(databaseSettingsFile(userDataDir));
  return saved ? openingLocation(saved, box) : localDatabaseFile(userDataDir);
}

/** The desk's own SQLite file, used when no other database is chosen. */
export function localDatabaseFile(userDataDir: string): string {
  return path.join(userDataDir, DB_FILE_NAME);
}

export function windowStateFile(userDataDir: string): string {
  return path.join(userDataDir, WINDOW_STATE_FILE_NAME);
}

/** build/renderer, seen from the directory of the compiled main.js. */
export function rendererRoot(mainDir: string): string {
  return path.resolve(mainDir, '..', '..', '..', 'renderer');
}

/** The compiled preload, next to the compiled main.js. */
export function preloadFile(mainDir: string): string {
  return path.join(mainDir, 'preload.js');
}

/**
 * The `resources/` folder (fonts, reference data): copied by electron-builder beside app.asar as
 * `resources/` when packaged; the project's own folder in development.
 */
export function resourcesDir(isPackaged: boolean, resourcesPath: string, appPath: string): string {
  return isPackaged ? path.join(resourcesPath, 'resources') : path.join(appPath, 'resources');
}
