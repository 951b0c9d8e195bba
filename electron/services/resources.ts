import fs from 'node:fs';
import path from 'node:path';

/**
 * A file of the `resources/` folder (reference data shipped with the app): the project's own, found by
 * walking up from `startDir` to package.json (both under tsx and compiled); in the packaged app that
 * package.json is inside app.asar and `resources/` sits beside app.asar (electron-builder.yml).
 */
export function resourceFile(parts: readonly string[], startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      const inProject = path.join(dir, 'resources', ...parts);
      return fs.existsSync(inProject) ? inProject : path.join(path.dirname(dir), 'resources', ...parts);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`File di riferimento non trovato: manca ${path.join('resources', ...parts)}`);
    dir = parent;
  }
}
