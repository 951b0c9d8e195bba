import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The CLI as `npm run ixl` runs it: the compiled JavaScript in build/, brought up to date first by
 * scripts/fresh-build.mjs (nothing to do when the sources are unchanged; a lock makes parallel test
 * files wait for one build). A command then starts in a fraction of a second instead of the 2–4 s
 * tsx needs to compile the TypeScript at every start, and the tests exercise the build users run.
 */
const root = path.resolve(__dirname, '..', '..');
const CLI = path.join(root, 'build', 'electron', 'electron', 'cli', 'cli.js');

/** For the beforeAll that calls compiledCli(): a full compile takes minutes on a busy 2-core machine. */
export const BUILD_TIMEOUT = 600_000;

let built = false;

/** The path of the compiled cli.js, compiled first if its sources changed. */
export function compiledCli(): string {
  if (!built) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'fresh-build.mjs'), 'electron'], { cwd: root, encoding: 'utf8', timeout: BUILD_TIMEOUT });
    if (r.status !== 0) throw new Error(`Compilazione del lato Node non riuscita:\n${r.stderr}${r.stdout}${r.error ? String(r.error) : ''}`);
    built = true;
  }
  return CLI;
}
