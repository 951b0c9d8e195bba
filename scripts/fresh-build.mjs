#!/usr/bin/env node
// Builds the renderer (vite) and/or the Node side (tsc) only when their inputs changed since the last
// build, so that `npm start`, `npm run start:web` and `npm run ixl` start in a moment when nothing did.
//
//   node scripts/fresh-build.mjs [renderer] [electron] [--force]
//
// Each target's inputs (its sources, their configuration and package-lock.json) are hashed by content;
// the hash of the last good build is kept in a stamp file inside the target's output folder, so that
// deleting the output also forgets the stamp. Beside it the stamp keeps a hash of the inputs' names,
// sizes and modification times: when that matches, no file is read (a few milliseconds); when only it
// differs (a checkout that rewrote identical files) the contents decide. Hashes are taken before
// building: a file saved during a build makes the next run build again. A lock folder keeps two runs (two test files, two terminals)
// from building the same target at once: the second waits, then finds it fresh. Plain JavaScript, so
// that it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = '.inputs-stamp.json';

/** Every file under `dir` (relative to the root), skipping tests. */
function walk(dir, keep = () => true, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) walk(rel, keep, out);
    else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name) && keep(rel)) out.push(rel);
  }
  return out;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The renderer's own files plus the Node-side modules it imports (contract, domain…), followed through their imports. */
function rendererInputs() {
  const own = walk('renderer');
  const seen = new Set(own);
  const queue = own.filter((f) => /\.(ts|tsx)$/.test(f));
  while (queue.length > 0) {
    const file = queue.pop();
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const [, spec] of text.matchAll(IMPORT)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '');
      const found = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((f) => fs.statSync(path.join(root, f), { throwIfNoEntry: false })?.isFile());
      if (found && !seen.has(found)) {
        seen.add(found);
        if (/\.(ts|tsx)$/.test(found)) queue.push(found);
      }
    }
  }
  return [...seen, 'vite.config.mts', 'package-lock.json'];
}

/** What electron/tsconfig.build.json compiles (tests, bench and testing helpers excluded) and the configs. */
function electronInputs() {
  const ts = (f) => f.endsWith('.ts');
  const compiled = [...walk('electron', ts), ...walk('db', ts)].filter((f) => !f.startsWith('electron/bench/') && !f.startsWith('electron/testing/'));
  return [...compiled, 'tsconfig.json', 'electron/tsconfig.build.json', 'package-lock.json'];
}

const TARGETS = {
  renderer: { label: 'l’interfaccia', script: 'build:renderer', outDir: 'build/renderer', outputs: ['index.html'], inputs: rendererInputs },
  electron: { label: 'il lato Node', script: 'build:electron', outDir: 'build/electron', outputs: ['electron/cli/cli.js', 'electron/desktop/main.js', 'electron/launch.js'], inputs: electronInputs },
};

const sorted = (files) => [...new Set(files)].sort();

/** Names, sizes and modification times: changes whenever a file is saved, added, removed or renamed. */
function statHash(files) {
  const hash = createHash('sha256');
  for (const file of sorted(files)) {
    const st = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    hash.update(`${file}\0${st ? `${st.size}:${st.mtimeMs}` : '-'}\0`);
  }
  return hash.digest('hex');
}

function contentHash(files) {
  const hash = createHash('sha256');
  for (const file of sorted(files)) {
    hash.update(file + '\0');
    try {
      hash.update(fs.readFileSync(path.join(root, file)));
    } catch {
      hash.update('-');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamp(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding `<outDir>.lock`; a lock older than 10 minutes is a crashed run's and is taken over. */
function withLock(outDir, fn) {
  const lock = path.join(root, `${outDir}.lock`);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function runScript(script) {
  // npm_execpath is npm's own script when run from an npm script: no shell, no PATH lookup
  const npm = process.env.npm_execpath;
  const options = { cwd: root, stdio: ['ignore', 2, 2] };
  return npm && /\.c?js$/.test(npm)
    ? spawnSync(process.execPath, [npm, 'run', '--silent', script], options)
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { ...options, shell: process.platform === 'win32' });
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen) {
  if (!(name in TARGETS)) {
    console.error(`Obiettivo sconosciuto: ${name} (renderer, electron)`);
    process.exit(64);
  }
}

/** Whether the target's output is there and was built from these very inputs (refreshing the stamp's times). */
function isFresh(target, stampFile, files) {
  if (!target.outputs.every((f) => fs.existsSync(path.join(root, target.outDir, f)))) return false;
  const stamp = readStamp(stampFile);
  if (!stamp) return false;
  const stat = statHash(files);
  if (stamp.stat === stat) return true;
  if (stamp.content !== contentHash(files)) return false;
  fs.writeFileSync(stampFile, JSON.stringify({ ...stamp, stat }) + '\n');
  return true;
}

for (const name of chosen.length > 0 ? chosen : Object.keys(TARGETS)) {
  const target = TARGETS[name];
  const stampFile = path.join(root, target.outDir, STAMP);
  if (!force && isFresh(target, stampFile, target.inputs())) continue;
  const status = withLock(target.outDir, () => {
    const files = target.inputs();
    if (!force && isFresh(target, stampFile, files)) return 0; // built by the run we waited for
    const stamp = { stat: statHash(files), content: contentHash(files) };
    // messages on stderr: the CLI's standard output stays its own (e.g. `ixl call … | jq`)
    console.error(`Compilo ${target.label}${force ? '' : ' (sorgenti cambiati dall’ultima compilazione)'}…`);
    fs.rmSync(stampFile, { force: true });
    const run = runScript(target.script);
    if (run.status !== 0) return run.status ?? 1;
    fs.mkdirSync(path.dirname(stampFile), { recursive: true });
    fs.writeFileSync(stampFile, JSON.stringify(stamp) + '\n');
    return 0;
  });
  if (status !== 0) {
    console.error(`Compilazione non riuscita (npm run ${target.script}).`);
    process.exit(status);
  }
}
