import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The Chromium that drives the end-to-end tests, first found of:
 *  1. CHROMIUM_PATH;
 *  2. a system Chromium or Chrome (/usr/bin/chromium, or chromium, chromium-browser, google-chrome on the PATH);
 *  3. the Chromium inside the npm package @sparticuz/chromium, so that a machine with only Node and npm
 *     runs the suite (`npx playwright install` needs a download that is not always possible).
 * The npm one is compressed: it is unpacked once into the temp folder, in a folder named after the
 * package's version, and reused by every later run.
 */
export interface ChromiumChoice {
  executablePath: string;
  /** Where it comes from, for the report line. */
  source: 'CHROMIUM_PATH' | 'sistema' | '@sparticuz/chromium';
  /** Environment for the browser process (the npm build brings its own fonts configuration). */
  env?: Record<string, string>;
}

const root = path.resolve(__dirname, '..', '..');
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function systemChromium(): string | null {
  const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (executable(file)) return file;
    }
  }
  return null;
}

/** The package folder, found through its entry point (its package.json is not exported). */
function sparticuzDir(): string {
  let dir = path.dirname(require.resolve('@sparticuz/chromium', { paths: [root] }));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/**
 * fontconfig for the npm build: the system's fonts when there are any, the Open Sans the package ships
 * and the DejaVu fonts the app already depends on, so that pages render text the same everywhere.
 */
function fontsConf(folder: string): string {
  const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json', { paths: [root] })), 'ttf');
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${path.join(folder, 'fonts', 'fonts')}</dir>`,
    `  <dir>${dejavu}</dir>`,
    `  <cachedir>${path.join(folder, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

/**
 * Unpacks @sparticuz/chromium (≈ 2 s, 220 MB) into `<tmp>/ixl-desk-chromium-<version>`. The package
 * unpacks into os.tmpdir(); it runs in a child whose TMPDIR is a private folder, which is then renamed
 * into place in one step: two runs starting together never see a half-written browser.
 */
function npmChromium(): ChromiumChoice {
  const pkgDir = sparticuzDir();
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const folder = path.join(os.tmpdir(), `ixl-desk-chromium-${version}`);
  const binary = path.join(folder, 'chromium');
  const env = { ...process.env, FONTCONFIG_FILE: path.join(folder, 'fonts.conf') } as Record<string, string>;
  if (executable(binary)) return { executablePath: binary, source: '@sparticuz/chromium', env };

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `ixl-desk-chromium-${version}-`));
  try {
    const unpacked = execFileSync(process.execPath, ['--input-type=module', '-e', "import c from '@sparticuz/chromium'; process.stdout.write(await c.executablePath())"], {
      cwd: root,
      env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (path.resolve(unpacked) !== path.join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not to ${staging}`);
    fs.writeFileSync(path.join(staging, 'fonts.conf'), fontsConf(folder));
    // a folder left without its browser (a temp cleaner) is replaced
    if (fs.existsSync(folder) && !executable(binary)) fs.rmSync(folder, { recursive: true, force: true });
    try {
      fs.renameSync(staging, folder);
    } catch (error) {
      // another run put it there first
      if (!executable(binary)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { executablePath: binary, source: '@sparticuz/chromium', env };
}

export function chooseChromium(): ChromiumChoice {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  const system = systemChromium();
  if (system) return { executablePath: system, source: 'sistema' };
  return npmChromium();
}
