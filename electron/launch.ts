import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start`: launches the desktop app with Electron; when the Electron binary is missing and cannot
 * be fetched (no internet, Node older than 22.12), says so in one sentence and starts the browser mode.
 * Runs compiled (build/electron/electron/launch.js) after scripts/fresh-build.mjs has brought the
 * build up to date, so that a start with unchanged sources compiles nothing.
 */

/** The project folder: the first one up from here with a package.json (electron/ under tsx, build/electron/electron/ compiled). */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const root = projectRoot();

/** Electron 45 fetches its binary on first use, and only on Node 22.12 or later (its "engines"). */
function canFetchElectron(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

function electronBinary(): string | null {
  const installed = fs.existsSync(path.join(root, 'node_modules', 'electron', 'path.txt')) || !!process.env.ELECTRON_OVERRIDE_DIST_PATH;
  // not there and no way to fetch it: spare the probe (two Node processes and a failed download, seconds on a busy machine)
  if (!installed && !canFetchElectron()) return null;
  // requiring 'electron' downloads the binary on first use; do it in a child so its noise stays out of sight
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return probe.status === 0 && probe.stdout ? probe.stdout : null;
}

const binary = electronBinary();
if (binary) {
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'Electron non è disponibile su questo computer (il programma non è installato e non si può scaricare: servono Node 22.12 o successivo e internet; ' +
      'per installarlo: "npx install-electron"), quindi IXL Desk parte in modalità browser: aprire l’indirizzo qui sotto.',
  );
  const cli = path.join(root, 'build', 'electron', 'electron', 'cli', 'cli.js');
  const child = spawn(process.execPath, [cli, 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}
