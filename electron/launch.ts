import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm start`: launches the desktop app with Electron; when the Electron binary is missing and cannot
 * be fetched (no internet, Node older than 22.12), says so in one sentence and starts the browser mode.
 * The build has already run (see the "start" script).
 */
const root = path.resolve(__dirname, '..');

function electronBinary(): string | null {
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
  const args = [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'electron', 'cli', 'cli.ts'), 'serve', ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}
